using System;
using System.Globalization;
using NUnit.Framework;

namespace CourseGraders
{
    /// <summary>How close a student's number must be to the expected one: any one of the three bounds suffices.</summary>
    public readonly record struct Tolerance(double Relative, double Absolute, long Ulps)
    {
        /// <summary>For values computed by a short formula: a few rounding errors.</summary>
        public static readonly Tolerance Tight = new(1e-12, 1e-15, 16);
        /// <summary>For results of longer computations (sums, products of many terms, special functions).</summary>
        public static readonly Tolerance Loose = new(1e-9, 1e-12, 0);
        /// <summary>Exact up to a handful of units in the last place (powers like 0.25^k).</summary>
        public static Tolerance UlpsOnly(long ulps) => new(0, 0, ulps);

        public bool Accepts(double expected, double actual)
        {
            if (double.IsNaN(expected) || double.IsNaN(actual)) return double.IsNaN(expected) && double.IsNaN(actual);
            if (double.IsInfinity(expected) || double.IsInfinity(actual)) return expected == actual;
            double diff = Math.Abs(expected - actual);
            if (diff <= Absolute || diff <= Relative * Math.Abs(expected)) return true;
            return Ulps > 0 && UlpDistance(expected, actual) <= Ulps;
        }

        /// <summary>How many representable doubles lie between the two (finite, non-NaN) values.</summary>
        private static long UlpDistance(double a, double b)
        {
            long ia = BitConverter.DoubleToInt64Bits(a), ib = BitConverter.DoubleToInt64Bits(b);
            if (ia < 0) ia = long.MinValue - ia;
            if (ib < 0) ib = long.MinValue - ib;
            return Math.Abs(ia - ib);
        }
    }

    /// <summary>Comparisons that fail with "expected vs actual at the first differing input" and a hint.</summary>
    public static class Check
    {
        public static void Value(string what, double expected, double actual, Tolerance tolerance, string hint)
        {
            if (!tolerance.Accepts(expected, actual))
                Assert.Fail($"{what}: expected {Show(expected)}, got {Show(actual)}{Gap(expected, actual)}. {hint}");
        }

        public static void Equal<T>(string what, T expected, T actual, string hint)
        {
            if (!Equals(expected, actual)) Assert.Fail($"{what}: expected {expected}, got {actual}. {hint}");
        }

        public static void That(bool condition, string failure, string hint)
        {
            if (!condition) Assert.Fail($"{failure}. {hint}");
        }

        /// <summary>Element-wise comparison; <paramref name="inputs"/> (same length, optional) names the input of each element.</summary>
        public static void Values(string what, double[] expected, double[]? actual, Tolerance tolerance, string hint, double[]? inputs = null, string inputName = "x")
        {
            if (actual == null) Assert.Fail($"{what}: got null instead of an array of {expected.Length} numbers. {hint}");
            if (actual!.Length != expected.Length)
                Assert.Fail($"{what}: expected {expected.Length} values, got {actual.Length}. {hint}");
            for (int i = 0; i < expected.Length; i++)
            {
                if (tolerance.Accepts(expected[i], actual[i])) continue;
                string at = inputs != null ? $"at {inputName} = {Show(inputs[i])} (index {i})" : $"at index {i}";
                Assert.Fail($"{what} {at}: expected {Show(expected[i])}, got {Show(actual[i])}{Gap(expected[i], actual[i])}. {hint}");
            }
        }

        /// <summary>f(x) for every x, student against reference, the student's calls made under the time limit.</summary>
        public static void Function(string what, double[] inputs, Func<double, double> reference, System.Linq.Expressions.Expression<Func<double, double>> student, Tolerance tolerance, string hint, string inputName = "x") =>
            Function(what, inputs, Array.ConvertAll(inputs, x => reference(x)), student, tolerance, hint, inputName);

        /// <summary>f(x) for every x against the expected values (one per input), the student's calls made under the time limit.</summary>
        public static void Function(string what, double[] inputs, double[] expected, System.Linq.Expressions.Expression<Func<double, double>> student, Tolerance tolerance, string hint, string inputName = "x") =>
            Values(what, expected, Student.Map(what, inputs, student), tolerance, hint, inputs, inputName);

        public static string Show(double v)
        {
            if (double.IsNaN(v)) return "NaN";
            string g = v.ToString("G10", CultureInfo.InvariantCulture);
            return double.Parse(g, CultureInfo.InvariantCulture) == v ? g : v.ToString("R", CultureInfo.InvariantCulture);
        }

        private static string Gap(double expected, double actual)
        {
            if (double.IsNaN(expected) || double.IsNaN(actual) || double.IsInfinity(expected) || double.IsInfinity(actual) || expected == 0) return "";
            double rel = Math.Abs(actual - expected) / Math.Abs(expected);
            return rel < 1e-3 ? $" (relative error {rel.ToString("0.##E+0", CultureInfo.InvariantCulture)})" : "";
        }
    }
}
