using System;
using System.Collections.Generic;
using System.Linq;

namespace VanishingGradients.Grading
{
    /// <summary>How one graded test ended.</summary>
    public enum TestStatus
    {
        Passed,
        Failed,
        /// <summary>The student's code still throws the stub's NotImplementedException.</summary>
        NotImplemented,
        /// <summary>The student's code ran past the time limit (cooperatively detected, or the process was killed).</summary>
        TimedOut,
        /// <summary>The grader process died while this test ran (stack overflow, fatal error).</summary>
        Crashed,
        /// <summary>The submission did not compile, so nothing ran.</summary>
        CompileError,
        /// <summary>The test could not be run for a reason that is not the student's (reported with the message).</summary>
        Error,
    }

    /// <summary>One graded test of one student.</summary>
    public sealed record TestResult(string Student, string Exercise, string Test, double Points, double MaxPoints, TestStatus Status, string Message, bool Hidden)
    {
        public bool Passed => Status == TestStatus.Passed;
    }

    /// <summary>One exercise of one student: the row of the gradebook.</summary>
    public sealed record ExerciseResult(string Student, string Exercise, string Title, double Points, double MaxPoints, string Status, string Message)
    {
        /// <summary>
        /// Every test behind this row. Internal so that it is not a column when PowerShell exports the row
        /// (Export-Csv writes every public property); <see cref="Scorecard.Tests"/> is the public way to the tests.
        /// </summary>
        internal IReadOnlyList<TestResult> Tests { get; init; } = Array.Empty<TestResult>();
    }

    /// <summary>Everything graded for one student (or one run on exercises/ or solutions/).</summary>
    public sealed class Scorecard
    {
        public Scorecard(string student, IReadOnlyList<ExerciseResult> exercises)
        {
            Student = student;
            Exercises = exercises;
        }

        public string Student { get; }
        public IReadOnlyList<ExerciseResult> Exercises { get; }

        /// <summary>Wall time spent grading this submission in a class run (its share of the class's one compile excluded), if known.</summary>
        public TimeSpan? GradingTime { get; init; }
        public double Points => Exercises.Sum(e => e.Points);
        public double MaxPoints => Exercises.Sum(e => e.MaxPoints);
        public IEnumerable<TestResult> Tests => Exercises.SelectMany(e => e.Tests);
        /// <summary>True when nothing compiled: every exercise is a CompileError.</summary>
        public bool CompileFailed => Exercises.Count > 0 && Exercises.All(e => e.Status == ExerciseStatus.CompileError);

        /// <summary>The exercises whose file did not compile (graded as the kit's stub would be, with no points); all of them when <see cref="CompileFailed"/>.</summary>
        public IReadOnlyList<string> UncompiledExercises => Exercises.Where(e => e.Status == ExerciseStatus.CompileError).Select(e => e.Exercise).ToList();

        /// <summary>"does not compile", "Ex05 does not compile", "Ex05, Ex09 do not compile", or null when everything compiled.</summary>
        public string? CompileProblem
        {
            get
            {
                var uncompiled = UncompiledExercises;
                return uncompiled.Count == 0 ? null : CompileFailed ? "does not compile"
                    : $"{string.Join(", ", uncompiled)} {(uncompiled.Count == 1 ? "does" : "do")} not compile";
            }
        }

        /// <summary>Groups test results into one row per exercise, in exercise order.</summary>
        public static Scorecard FromTests(string student, IEnumerable<GradedTest> manifest, IEnumerable<TestResult> tests)
        {
            var titles = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var t in manifest) titles[t.Exercise] = t.Title;
            var rows = tests
                .GroupBy(t => t.Exercise, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Summarise(student, g.Key, titles.TryGetValue(g.Key, out var title) ? title : g.Key, g.ToList()))
                .ToList();
            return new Scorecard(student, rows);
        }

        private static ExerciseResult Summarise(string student, string exercise, string title, List<TestResult> tests)
        {
            double points = tests.Sum(t => t.Points), max = tests.Sum(t => t.MaxPoints);
            var failed = tests.Where(t => !t.Passed).ToList();
            string status =
                failed.Count == 0 ? ExerciseStatus.Passed :
                failed.Any(t => t.Status == TestStatus.CompileError) ? ExerciseStatus.CompileError :
                failed.Any(t => t.Status == TestStatus.TimedOut) ? ExerciseStatus.TimedOut :
                failed.Any(t => t.Status == TestStatus.Crashed) ? ExerciseStatus.Crashed :
                failed.Any(t => t.Status == TestStatus.Error) ? ExerciseStatus.Error :
                tests.All(t => t.Status == TestStatus.NotImplemented) ? ExerciseStatus.NotImplemented :
                points > 0 ? ExerciseStatus.Partial : ExerciseStatus.Failed;
            string message = failed.Count == 0 ? "" :
                failed[0].Status == TestStatus.CompileError ? failed[0].Message : $"{failed[0].Test}: {failed[0].Message}";
            return new ExerciseResult(student, exercise, title, points, max, status, message) { Tests = tests };
        }
    }

    /// <summary>The values of <see cref="ExerciseResult.Status"/>.</summary>
    public static class ExerciseStatus
    {
        public const string Passed = "Passed";
        public const string Partial = "Partial";
        public const string Failed = "Failed";
        public const string NotImplemented = "NotImplemented";
        public const string TimedOut = "TimedOut";
        public const string Crashed = "Crashed";
        public const string CompileError = "CompileError";
        public const string Error = "Error";
    }
}
