using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace VanishingGradients.PowerShell
{
    /// <summary>What the cmdlets share: name resolution and the errors for bad input, with the conventions' ErrorIds.</summary>
    internal static class CmdletSupport
    {
        /// <summary>
        /// The activations for the given names. An unknown name is reported as a non-terminating error (the others still run).
        /// A bad -Alpha (not finite, out of the activation's range, or given to one without a parameter) terminates when
        /// <paramref name="terminating"/> (every name on the command line shares it); for names from the pipeline it is
        /// reported per input, so the next one still runs.
        /// </summary>
        public static List<Activation> Resolve(PSCmdlet cmdlet, string prefix, IEnumerable<string> names, double? parameter, DerivativeAtZero atZero,
            bool terminating = true)
        {
            var result = new List<Activation>();
            if (parameter is double p && !double.IsFinite(p))
            {
                Report(cmdlet, terminating, new ErrorRecord(new ArgumentOutOfRangeException("Alpha", p, $"-Alpha must be a finite number, not {p}."),
                    prefix + "AlphaNotFinite", ErrorCategory.InvalidArgument, p));
                return result;
            }
            foreach (string name in names)
            {
                try
                {
                    result.Add(Activations.Get(name, parameter, atZero));
                }
                catch (UnknownActivationException e)
                {
                    cmdlet.WriteError(new ErrorRecord(e, prefix + "UnknownName", ErrorCategory.ObjectNotFound, name));
                }
                catch (ArgumentOutOfRangeException e)
                {
                    Report(cmdlet, terminating, new ErrorRecord(new ArgumentException($"-Alpha {parameter}: {Message(e)}", e),
                        prefix + "AlphaOutOfRange", ErrorCategory.InvalidArgument, parameter));
                }
                catch (ArgumentException e)
                {
                    Report(cmdlet, terminating, new ErrorRecord(e, prefix + "InvalidParameter", ErrorCategory.InvalidArgument, parameter));
                }
            }
            return result;
        }

        /// <summary>The error, terminating or not: inputs from the pipeline each get their own, the command line's end the command.</summary>
        public static void Report(PSCmdlet cmdlet, bool terminating, ErrorRecord error)
        {
            if (terminating) cmdlet.ThrowTerminatingError(error);
            else cmdlet.WriteError(error);
        }

        // An ArgumentOutOfRangeException's message without the "(Parameter 'x')" and "Actual value was" lines .NET appends.
        private static string Message(ArgumentOutOfRangeException e) => e.Message.Split('\n')[0].Split(" (Parameter")[0].Trim();

        /// <summary>Non-terminating error for a NaN or infinite value of <paramref name="what"/> (ErrorId e.g. GainNotFinite); false means skip the item.</summary>
        public static bool CheckFinite(PSCmdlet cmdlet, string prefix, double value, string what)
        {
            if (double.IsFinite(value)) return true;
            cmdlet.WriteError(NotFinite(prefix, what, value));
            return false;
        }

        private static ErrorRecord NotFinite(string prefix, string what, double value) =>
            new ErrorRecord(new ArgumentOutOfRangeException(what, value, $"-{what} must be a finite number, not {value}."), prefix + what + "NotFinite",
                ErrorCategory.InvalidArgument, value);

        /// <summary>
        /// The ErrorRecord for a core ArgumentException: a NaN or infinite argument is "&lt;prefix&gt;&lt;Parameter&gt;NotFinite",
        /// naming the parameter; anything else gets <paramref name="errorId"/>.
        /// </summary>
        public static ErrorRecord ArgumentError(string prefix, string errorId, ArgumentException e, object? target)
        {
            if (e is ArgumentOutOfRangeException { ActualValue: double v, ParamName: string name } && !double.IsFinite(v))
                return NotFinite(prefix, char.ToUpperInvariant(name[0]) + name.Substring(1), v);
            return new ErrorRecord(e, prefix + errorId, ErrorCategory.InvalidArgument, target);
        }

        /// <summary>
        /// Runs a core call; an ArgumentException becomes a terminating InvalidArgument error (see <see cref="ArgumentError"/>).
        /// </summary>
        public static T Call<T>(PSCmdlet cmdlet, string prefix, string errorId, object? target, Func<T> call)
        {
            try
            {
                return call();
            }
            catch (ArgumentException e)
            {
                cmdlet.ThrowTerminatingError(ArgumentError(prefix, errorId, e, target));
                throw; // unreachable: ThrowTerminatingError always throws
            }
        }
    }
}
