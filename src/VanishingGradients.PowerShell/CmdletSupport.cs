using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace VanishingGradients.PowerShell
{
    /// <summary>What the cmdlets share: name resolution and the errors for bad input, with the conventions' ErrorIds.</summary>
    internal static class CmdletSupport
    {
        /// <summary>
        /// The activations for the given names. An unknown name is reported as a non-terminating error (the others still run);
        /// a bad parameter (e.g. α out of range) terminates, since every name shares it.
        /// </summary>
        public static List<Activation> Resolve(PSCmdlet cmdlet, string prefix, IEnumerable<string> names, double? parameter, DerivativeAtZero atZero)
        {
            var result = new List<Activation>();
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
                catch (ArgumentException e)
                {
                    cmdlet.ThrowTerminatingError(new ErrorRecord(e, prefix + "InvalidParameter", ErrorCategory.InvalidArgument, parameter));
                }
            }
            return result;
        }

        /// <summary>Non-terminating error for a NaN or infinite input; returns false so the caller skips the item.</summary>
        public static bool CheckFinite(PSCmdlet cmdlet, string prefix, double value, string what)
        {
            if (!double.IsNaN(value) && !double.IsInfinity(value)) return true;
            cmdlet.WriteError(new ErrorRecord(new ArgumentException($"{what} must be a finite number, not {value}."), prefix + "InputNotFinite",
                ErrorCategory.InvalidArgument, value));
            return false;
        }

        /// <summary>Runs a core call; an ArgumentException becomes a terminating InvalidArgument error with that ErrorId.</summary>
        public static T Call<T>(PSCmdlet cmdlet, string errorId, object? target, Func<T> call)
        {
            try
            {
                return call();
            }
            catch (ArgumentException e)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, errorId, ErrorCategory.InvalidArgument, target));
                throw; // unreachable: ThrowTerminatingError always throws
            }
        }
    }
}
