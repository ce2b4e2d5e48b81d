using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace VanishingGradients.Grading
{
    /// <summary>The scorecard as a student reads it in a terminal.</summary>
    public static class ScorecardPrinter
    {
        public static string Format(Scorecard card, bool showPassingTests = false)
        {
            var sb = new StringBuilder();
            sb.AppendLine($"Scorecard: {card.Student}");
            sb.AppendLine(new string('─', 72));
            foreach (var e in card.Exercises)
            {
                string head = $"{e.Exercise}  {e.Title}";
                string score = $"{Gradebook.Number(e.Points),5} / {Gradebook.Number(e.MaxPoints),-3}";
                sb.AppendLine($"{Pad(head, 46)} {score}  {e.Status}");
                if (e.Status == ExerciseStatus.CompileError)
                {
                    sb.AppendLine(Indent(e.Message, "      "));
                    continue;
                }
                var failing = e.Tests.Where(t => !t.Passed).ToList();
                if (!showPassingTests && failing.Count > 1 && failing.All(t => t.Status == TestStatus.NotImplemented))
                {
                    // An exercise not started yet: one line, not one per check.
                    sb.AppendLine($"   {failing.Count} checks wait for your code. {failing[0].Message}");
                    continue;
                }
                foreach (var t in e.Tests)
                {
                    if (t.Passed && !showPassingTests) continue;
                    string mark = t.Passed ? "ok  " : "FAIL";
                    string pts = string.Format(CultureInfo.InvariantCulture, "{0}/{1} pts", Gradebook.Number(t.Points), Gradebook.Number(t.MaxPoints));
                    sb.AppendLine($"   {mark} {Humanise(t.Test)} ({pts}){(t.Hidden ? " [hidden]" : "")}");
                    if (!t.Passed && t.Message.Length > 0) sb.AppendLine(Indent(t.Message, "        "));
                }
            }
            sb.AppendLine(new string('─', 72));
            double pct = card.MaxPoints > 0 ? 100.0 * card.Points / card.MaxPoints : 0.0;
            sb.AppendLine(string.Format(CultureInfo.InvariantCulture, "Total: {0} / {1} points ({2:0.#}%)",
                Gradebook.Number(card.Points), Gradebook.Number(card.MaxPoints), pct));
            return SafeText.Printable(sb.ToString()); // messages and names come from student code
        }

        private static readonly System.Text.RegularExpressions.Regex Word =
            new(@"NaN|[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+|\d+|[A-Z]", System.Text.RegularExpressions.RegexOptions.Compiled);

        /// <summary>"Linspace_IncludesBothEnds" → "Linspace includes both ends"; acronyms such as NaN keep their case.</summary>
        public static string Humanise(string testName)
        {
            var words = Word.Matches(testName).Cast<System.Text.RegularExpressions.Match>().Select(m => m.Value).ToList();
            if (words.Count == 0) return testName;
            return string.Join(" ", words.Select((w, i) => i == 0 || w == "NaN" || (w.Length > 1 && w.All(char.IsUpper)) ? w : w.ToLowerInvariant()));
        }

        private static string Pad(string s, int width) => s.Length >= width ? s : s + " " + new string('.', width - s.Length - 1);

        private static string Indent(string text, string prefix) =>
            string.Join(Environment.NewLine, text.Replace("\r\n", "\n").Split('\n').Select(l => prefix + l));
    }
}
