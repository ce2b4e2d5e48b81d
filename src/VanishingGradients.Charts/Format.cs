using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace VanishingGradients.Charts
{
    /// <summary>Text the chart builders and renderers share: numbers, lists of names, superscripts.</summary>
    public static class Format
    {
        /// <summary>A short, culture-independent number: 0.25, 1000, 5.58e-5 (never "-0" or "E-05").</summary>
        public static string Number(double value)
        {
            if (value == 0) return "0"; // also for -0, which a midpoint of a symmetric range can be
            string text = value.ToString("G4", CultureInfo.InvariantCulture);
            int e = text.IndexOf('E');
            return e < 0 ? text : text.Substring(0, e) + "e" + int.Parse(text.Substring(e + 1), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>"A", "A and B", "A, B and C".</summary>
        public static string List(IEnumerable<string> items)
        {
            var all = items.ToList();
            return all.Count <= 1 ? string.Concat(all) : string.Join(", ", all.Take(all.Count - 1)) + " and " + all[all.Count - 1];
        }

        /// <summary>An integer in Unicode superscript digits, for 10⁻⁶ style log-axis labels.</summary>
        public static string Superscript(int value)
        {
            const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
            var sb = new StringBuilder();
            if (value < 0) sb.Append('⁻');
            foreach (char c in Math.Abs((long)value).ToString(CultureInfo.InvariantCulture)) sb.Append(digits[c - '0']);
            return sb.ToString();
        }
    }
}
