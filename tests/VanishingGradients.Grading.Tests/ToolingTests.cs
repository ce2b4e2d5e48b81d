using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using NUnit.Framework;

namespace VanishingGradients.Grading.Tests
{
    public sealed class ProtocolTests
    {
        [Test]
        public void End_RoundTripsTabsNewlinesAndBackslashes()
        {
            string message = "at x = -5\tindex 0\nexpected 0.0067 \\ got NaN";
            var r = GraderProtocol.Parse(GraderProtocol.FormatEnd("A.B", TestStatus.Failed, 12, message))!;
            Assert.That((r.Kind, r.Id, r.Fields[0], r.Fields[1], r.Fields[2]), Is.EqualTo(("END", "A.B", "Failed", "12", message)));
        }

        [Test]
        public void ReadNew_ReturnsOnlyCompleteLinesAndResumes()
        {
            string file = Path.Combine(Repo.NewTempFolder(), "r.txt");
            var test = new GradedTest("Ns.F.T", "Ex03", "ReLU", "T", 2, true);
            File.WriteAllText(file, GraderProtocol.FormatTest(test) + "\n" + "START\tNs.F");
            long offset = 0;
            var first = GraderProtocol.ReadNew(file, ref offset);
            Assert.That(first.Select(r => r.Kind), Is.EqualTo(new[] { "TEST" }));
            Assert.That(GraderProtocol.ToGradedTest(first[0]), Is.EqualTo(test));
            File.AppendAllText(file, ".T\n");
            var second = GraderProtocol.ReadNew(file, ref offset);
            Assert.That(second.Select(r => (r.Kind, r.Id)), Is.EqualTo(new[] { ("START", "Ns.F.T") }));
            Assert.That(GraderProtocol.ReadNew(file, ref offset), Is.Empty);
        }
    }

    public sealed class ScorecardTests
    {
        private static readonly GradedTest[] Manifest =
        {
            new("F.A", "Ex01", "Data grid", "A", 2, false),
            new("F.B", "Ex01", "Data grid", "B", 1, false),
            new("G.C", "Ex02", "Sigmoid", "C", 3, true),
        };

        private static TestResult R(GradedTest t, TestStatus s, string m = "msg") => GraderRunner.Result("ann", t, s, m);

        [Test]
        public void Summarises_PointsStatusAndFirstFailure()
        {
            var card = Scorecard.FromTests("ann", Manifest, new[] { R(Manifest[0], TestStatus.Passed), R(Manifest[1], TestStatus.Failed, "expected 1, got 2"), R(Manifest[2], TestStatus.NotImplemented) });
            Assert.That(card.Exercises.Select(e => (e.Exercise, e.Points, e.MaxPoints, e.Status)),
                Is.EqualTo(new[] { ("Ex01", 2.0, 3.0, "Partial"), ("Ex02", 0.0, 3.0, "NotImplemented") }));
            Assert.That(card.Exercises[0].Message, Is.EqualTo("B: expected 1, got 2"));
            Assert.That(card.Exercises[0].Title, Is.EqualTo("Data grid"));
            Assert.That((card.Points, card.MaxPoints), Is.EqualTo((2.0, 6.0)));
        }

        [Test]
        public void TimeoutsOutrankOrdinaryFailures()
        {
            var card = Scorecard.FromTests("ann", Manifest, new[] { R(Manifest[0], TestStatus.Failed), R(Manifest[1], TestStatus.TimedOut), R(Manifest[2], TestStatus.Crashed) });
            Assert.That(card.Exercises.Select(e => e.Status), Is.EqualTo(new[] { "TimedOut", "Crashed" }));
        }

        [Test]
        public void Printer_ShowsFailuresWithMessagesButNotPassingTests()
        {
            var card = Scorecard.FromTests("ann", Manifest, new[] { R(Manifest[0], TestStatus.Passed), R(Manifest[1], TestStatus.Failed, "expected 1, got 2"), R(Manifest[2], TestStatus.Passed) });
            string text = ScorecardPrinter.Format(card);
            Assert.That(text, Does.Contain("expected 1, got 2").And.Contain("FAIL B (0/1 pts)").And.Contain("Total: 5 / 6 points"));
            Assert.That(text, Does.Not.Contain(" A (2/2"));
        }

        [Test]
        public void Printer_CollapsesAnExerciseNotStartedYet()
        {
            var card = Scorecard.FromTests("ann", Manifest, new[] { R(Manifest[0], TestStatus.NotImplemented, "Not implemented yet: hint A"), R(Manifest[1], TestStatus.NotImplemented, "Not implemented yet: hint B"), R(Manifest[2], TestStatus.Passed) });
            string text = ScorecardPrinter.Format(card);
            Assert.That(text, Does.Contain("2 checks wait for your code. Not implemented yet: hint A"));
            Assert.That(text, Does.Not.Contain("hint B").And.Not.Contain("FAIL"));
        }

        [TestCase("Linspace_IncludesBothEnds", "Linspace includes both ends")]
        [TestCase("Derivative_IsZeroAtZero", "Derivative is zero at zero")]
        [TestCase("Sigmoid_NaNPropagates", "Sigmoid NaN propagates")]
        public void Humanise_TurnsTestNamesIntoWords(string name, string words) => Assert.That(ScorecardPrinter.Humanise(name), Is.EqualTo(words));
    }

    public sealed class SafeTextTests
    {
        [Test]
        public void A_scorecard_shows_no_terminal_command_or_reordering_from_student_text()
        {
            string forged = "\u001b[2J\u001b[H\u001b[32mALL PASSED\r\u0000 \u202Eevil";
            var row = new ExerciseResult("mallory\u001b[31m", "Ex01", "Data grid", 0, 8, ExerciseStatus.CompileError, forged);
            var card = new Scorecard("mallory\u001b[31m", new[] { row });
            string text = ScorecardPrinter.Format(card);
            char[] unsafeChars = { '\u001b', '\u0000', '\u202E', '\r' };
            Assert.That(text.Replace(Environment.NewLine, "\n").IndexOfAny(unsafeChars), Is.EqualTo(-1), text);
            Assert.That(text, Does.Contain("ALL PASSED"), "the text itself stays readable");
            Assert.That(GradescopeResults.Clean(forged, 1000).IndexOfAny(unsafeChars), Is.EqualTo(-1));
        }
    }

    public sealed class ProcessArgumentTests
    {
        [TestCase(new[] { "a", "b c" }, "a \"b c\"")]
        [TestCase(new[] { "say \"hi\"", "" }, "\"say \\\"hi\\\"\" \"\"")]
        [TestCase(new[] { "C:\\dir\\" }, "\"C:\\dir\\\\\"")]
        public void Arguments_AreQuotedTheWayTheRuntimeSplitsThem(string[] args, string expected) =>
            Assert.That(ProcessRunner.JoinArguments(args), Is.EqualTo(expected));
    }

    public sealed class StudentKitTests
    {
        [Test]
        public void Kit_HasExercisesAndVisibleGraders_ButNoSolutionsOrHiddenTests()
        {
            string zip = Path.Combine(Repo.NewTempFolder(), "kit.zip");
            var entries = StudentKit.Create(Repo.Layout, zip);
            using var archive = ZipFile.OpenRead(zip);
            var names = archive.Entries.Select(e => e.FullName).ToList();
            Assert.That(names, Is.EquivalentTo(entries));
            Assert.That(names, Has.Some.EqualTo("exercises/Ex14_Gelu.cs"));
            Assert.That(names, Has.Some.EqualTo("exercises/Graders/Ex01_DataGridGrader.cs"));
            Assert.That(names, Has.Some.EqualTo("src/Grading/vg-grade/Program.cs"));
            Assert.That(names, Has.Some.EqualTo("README.md"));
            Assert.That(names, Has.None.StartsWith("solutions/"));
            Assert.That(names, Has.None.Contains("HiddenTests").And.None.Contains("/bin/").And.None.Contains("/obj/"));
            foreach (var entry in archive.Entries.Where(e => e.FullName.StartsWith("exercises/")))
            {
                using var reader = new StreamReader(entry.Open());
                string text = reader.ReadToEnd();
                Assert.That(text, Does.Not.Contain(ExerciseGenerator.BeginMarker), entry.FullName);
                Assert.That(text, Does.Not.Contain("[Hidden]").And.Not.Contain(", Hidden]"), entry.FullName);
            }
        }
    }
}
