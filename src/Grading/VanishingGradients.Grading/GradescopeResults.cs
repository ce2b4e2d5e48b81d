using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VanishingGradients.Grading
{
    /// <summary>
    /// One submission's results in the Gradescope autograder format (results.json): the score, a summary, and one entry
    /// per graded test with its name, score, max_score, status, output and visibility. Visible graders' tests are
    /// "visible"; hidden tests are "after_due_date", so students see them once the due date has passed. The whole result
    /// and the tool's stdout (instructor-only debugging) are set explicitly. Text is valid UTF-8 and capped in size: the
    /// messages carry what student code printed or threw.
    /// </summary>
    public static class GradescopeResults
    {
        public const string Visible = "visible";
        public const string AfterDueDate = "after_due_date";
        public const string Hidden = "hidden";

        /// <summary>Longest output of one test, in characters.</summary>
        public const int MaxTestOutput = 4000;
        /// <summary>Longest summary output, in characters.</summary>
        public const int MaxOutput = 16000;

        /// <summary>The results of one graded submission.</summary>
        public static JsonObject FromScorecard(Scorecard card, TimeSpan? executionTime = null, string? note = null)
        {
            var tests = new JsonArray();
            foreach (var exercise in card.Exercises)
            {
                int number = 0;
                foreach (var t in exercise.Tests)
                {
                    number++;
                    var test = new JsonObject
                    {
                        ["name"] = Clean($"{exercise.Exercise} {exercise.Title}: {t.Test}", 200),
                        ["number"] = $"{TrimNumber(exercise.Exercise)}.{number}",
                        ["score"] = t.Points,
                        ["max_score"] = t.MaxPoints,
                        ["status"] = t.Passed ? "passed" : "failed",
                        ["visibility"] = t.Hidden ? AfterDueDate : Visible,
                        ["tags"] = new JsonArray(exercise.Exercise, t.Hidden ? "hidden" : "visible"),
                    };
                    if (!t.Passed) test["output"] = Clean($"{t.Status}: {t.Message}", MaxTestOutput);
                    tests.Add(test);
                }
            }
            var summary = new StringBuilder();
            summary.Append($"{Gradebook.Number(card.Points)} / {Gradebook.Number(card.MaxPoints)} points.");
            if (card.CompileFailed)
                summary.Append("\nYour code does not compile, so no test could run:\n")
                       .Append(card.Exercises.First(e => e.Status == ExerciseStatus.CompileError).Message);
            else if (card.CompileProblem is { } problem)
                summary.Append($"\n{problem}, so {(card.UncompiledExercises.Count == 1 ? "its" : "their")} tests score 0; the other exercises were graded:\n")
                       .Append(string.Join("\n", card.Exercises.Where(e => e.Status == ExerciseStatus.CompileError).Select(e => e.Message)));
            else if (card.Exercises.Any(e => e.Status == ExerciseStatus.Error))
                summary.Append("\nSome tests could not run: ").Append(card.Exercises.First(e => e.Status == ExerciseStatus.Error).Message);
            if (note != null) summary.Append('\n').Append(note);
            var results = new JsonObject
            {
                ["score"] = card.Points,
                ["output"] = Clean(summary.ToString(), MaxOutput),
                ["visibility"] = Visible,
                ["stdout_visibility"] = Hidden,
                ["tests"] = tests,
            };
            if ((executionTime ?? card.GradingTime) is { } time) results["execution_time"] = (int)Math.Ceiling(time.TotalSeconds);
            return results;
        }

        /// <summary>What to report when the submission could not be graded at all: score 0 and why.</summary>
        public static JsonObject Failure(string message) => new()
        {
            ["score"] = 0.0,
            ["output"] = Clean("The autograder could not grade this submission: " + message, MaxOutput),
            ["visibility"] = Visible,
            ["stdout_visibility"] = Hidden,
            ["tests"] = new JsonArray(),
        };

        /// <summary>Writes <paramref name="results"/> to <paramref name="path"/> atomically (a reader never sees half a file).</summary>
        public static void Write(string path, JsonObject results) =>
            AtomicFile.WriteAllText(path, results.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        /// <summary>Text safe for the JSON: lone surrogates and <see cref="SafeText.IsUnsafe"/> characters replaced, capped at <paramref name="max"/> characters.</summary>
        internal static string Clean(string text, int max)
        {
            var sb = new StringBuilder(Math.Min(text.Length, max));
            int i = 0;
            for (; i < text.Length; i++)
            {
                char c = text[i];
                bool pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
                if (sb.Length + (pair ? 2 : 1) > max) break;
                if (pair) sb.Append(c).Append(text[++i]);
                else sb.Append(char.IsSurrogate(c) || SafeText.IsUnsafe(c) ? '\uFFFD' : c);
            }
            return i < text.Length ? sb.Append(" … (cut)").ToString() : sb.ToString();
        }

        private static string TrimNumber(string exercise) =>
            int.TryParse(new string(exercise.Where(char.IsDigit).ToArray()), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)
                ? n.ToString(CultureInfo.InvariantCulture) : exercise;
    }
}
