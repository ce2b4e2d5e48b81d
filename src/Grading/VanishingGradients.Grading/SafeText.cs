using System.Text;

namespace VanishingGradients.Grading
{
    /// <summary>Student-controlled text (exception messages, folder names) on its way to a terminal or a results file.</summary>
    internal static class SafeText
    {
        /// <summary>
        /// Control characters other than newline and tab (ESC starts terminal commands: a cleared screen, a forged "ALL
        /// PASSED"), and the bidirectional controls that reorder what is shown.
        /// </summary>
        public static bool IsUnsafe(char c) =>
            char.IsControl(c) && c != '\n' && c != '\t' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';

        /// <summary>The text with every unsafe character shown as U+FFFD (a CR that ends a line stays).</summary>
        public static string Printable(string text)
        {
            var sb = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool lineEnd = c == '\r' && i + 1 < text.Length && text[i + 1] == '\n';
                sb.Append(IsUnsafe(c) && !lineEnd ? '\uFFFD' : c);
            }
            return sb.ToString();
        }
    }
}
