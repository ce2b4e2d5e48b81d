using System;

namespace VanishingGradients
{
    /// <summary>Argument checks with messages that name the parameter the user typed.</summary>
    internal static class Guard
    {
        public static void Finite(double v, string name)
        {
            if (double.IsNaN(v) || double.IsInfinity(v))
                throw new ArgumentOutOfRangeException(name, v, $"{Title(name)} must be a finite number.");
        }

        public static void InRange(long v, long min, long max, string name)
        {
            if (v < min || v > max)
                throw new ArgumentOutOfRangeException(name, v, $"{Title(name)} must be between {min} and {max}.");
        }

        public static string Title(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);
    }
}
