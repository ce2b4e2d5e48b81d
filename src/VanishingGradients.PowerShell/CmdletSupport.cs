using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace VanishingGradients.PowerShell
{
    /// <summary>What the cmdlets share: error records with the conventions' ErrorIds, and name resolution.</summary>
    internal static class CmdletSupport
    {
        /// <summary>An ErrorRecord whose ErrorId is the cmdlet's noun-verb prefix plus the condition.</summary>
        public static ErrorRecord Error(Exception exception, string errorId, ErrorCategory category, object? target) =>
            new ErrorRecord(exception, errorId, category, target);

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
                    cmdlet.WriteError(Error(e, prefix + "UnknownName", ErrorCategory.ObjectNotFound, name));
                }
                catch (ArgumentException e)
                {
                    cmdlet.ThrowTerminatingError(Error(e, prefix + "InvalidParameter", ErrorCategory.InvalidArgument, parameter));
                }
            }
            return result;
        }

        /// <summary>Non-terminating error for a NaN or infinite input; returns false so the caller skips the item.</summary>
        public static bool CheckFinite(PSCmdlet cmdlet, string prefix, double value, string what)
        {
            if (!double.IsNaN(value) && !double.IsInfinity(value)) return true;
            cmdlet.WriteError(Error(new ArgumentException($"{what} must be a finite number, not {value}."), prefix + "InputNotFinite",
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
                cmdlet.ThrowTerminatingError(Error(e, errorId, ErrorCategory.InvalidArgument, target));
                throw; // unreachable: ThrowTerminatingError always throws
            }
        }
    }
}
