using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NUnit.Framework;

namespace VanishingGradients.Grading.Tests
{
    /// <summary>
    /// Grades the fixture submissions end to end (compile, run in the sandbox, timeouts, crash, gradebook). Slow.
    /// Runs only with VG_KIT_INTEGRATION=1, which tests/kit-checks.sh sets.
    /// </summary>
    [TestFixture, Category("Integration"), NonParallelizable]
    public sealed class GradebookIntegrationTests
    {
        private static readonly GradingLimits Limits = new() { TestTimeout = TimeSpan.FromSeconds(2), KillGrace = TimeSpan.FromSeconds(3) };
        private Dictionary<string, Scorecard> _cards = new();
        private List<string[]> _gradebook = new();

        [OneTimeSetUp]
        public void GradeTheFixtures()
        {
            if (Environment.GetEnvironmentVariable("VG_KIT_INTEGRATION") != "1")
                Assert.Ignore("End-to-end grading of the fixture submissions runs with VG_KIT_INTEGRATION=1 (tests/kit-checks.sh sets it).");
            string submissions = Repo.NewTempFolder();
            string correct = Directory.CreateDirectory(Path.Combine(submissions, "correct")).FullName;
            foreach (string file in Directory.GetFiles(Repo.Layout.Solutions, "Ex*.cs"))
                File.Copy(file, Path.Combine(correct, Path.GetFileName(file)));
            // The solutions with the broken fixture's Ex05: one file that does not compile among thirteen correct ones.
            string oneBroken = Directory.CreateDirectory(Path.Combine(submissions, "one-broken")).FullName;
            foreach (string file in Directory.GetFiles(correct))
                File.Copy(file, Path.Combine(oneBroken, Path.GetFileName(file)));
            File.Copy(Path.Combine(Repo.Fixtures, "broken", "Ex05_Tanh.cs"), Path.Combine(oneBroken, "Ex05_Tanh.cs"), overwrite: true);
            var folders = new List<string> { correct, oneBroken };
            foreach (string name in new[] { "partial", "broken", "looping" })
                folders.Add(Path.Combine(Repo.Fixtures, name));

            var cards = new CourseGrader(Repo.Layout, Limits).GradeSubmissions(folders, includeHidden: true, parallelism: 2, _reports);
            _cards = cards.ToDictionary(c => c.Student);
            string csv = Path.Combine(submissions, "gradebook.csv");
            Gradebook.Write(csv, cards);
            _gradebook = Gradebook.Parse(File.ReadAllText(csv));
            TestContext.Out.WriteLine(string.Join(Environment.NewLine, cards.Select(c => ScorecardPrinter.Format(c))));
        }

        private readonly Reports _reports = new();

        /// <summary>Keeps every report on the reporting thread (Progress&lt;T&gt; would post them to the thread pool).</summary>
        private sealed class Reports : IProgress<GradingProgress>
        {
            public readonly System.Collections.Concurrent.ConcurrentQueue<GradingProgress> All = new();
            public void Report(GradingProgress value) => All.Enqueue(value);
        }

        [Test]
        public void Each_graded_report_carries_that_students_finished_scorecard()
        {
            // What lets Invoke-ExerciseGrader write a student's rows as soon as that student is graded.
            var graded = _reports.All.Where(r => r.Stage == "graded").ToList();
            Assert.That(graded.Select(r => r.Student), Is.EquivalentTo(_cards.Keys));
            foreach (var r in graded) Assert.That(r.Card, Is.SameAs(_cards[r.Student]), r.Student);
            Assert.That(_reports.All.Where(r => r.Stage != "graded").Select(r => r.Card), Is.All.Null);
        }

        [Test]
        public void The_first_report_names_the_sandbox_the_run_settled_on()
        {
            var named = _reports.All.Where(r => r.Sandbox != null).ToList();
            Assert.That(named.Select(r => r.Stage), Is.EqualTo(new[] { "compiling" }));
            Assert.That(named[0].Sandbox, Is.EqualTo(SandboxMode.Bubblewrap), "CI installs bubblewrap");
            Assert.That(Sandbox.Describe(SandboxMode.Bubblewrap), Is.EqualTo("Sandbox: bubblewrap."));
        }

        private ExerciseResult Row(string student, string exercise) => _cards[student].Exercises.Single(e => e.Exercise == exercise);

        [Test]
        public void Gradebook_HasOneRowPerStudentAndExercise()
        {
            Assert.That(_gradebook[0], Is.EqualTo(Gradebook.Columns));
            var rows = _gradebook.Skip(1).ToList();
            Assert.That(rows, Has.Count.EqualTo(5 * 14));
            Assert.That(rows.Select(r => r[0]).Distinct(), Is.EquivalentTo(new[] { "correct", "one-broken", "partial", "broken", "looping" }));
            Assert.That(rows.GroupBy(r => r[0]).Select(g => g.Select(r => r[1]).Distinct().Count()), Is.All.EqualTo(14));
        }

        [Test]
        public void Correct_ScoresEveryPointIncludingHiddenTests()
        {
            var card = _cards["correct"];
            Assert.That(card.Points, Is.EqualTo(card.MaxPoints));
            Assert.That(card.Exercises.Select(e => e.Status), Is.All.EqualTo(ExerciseStatus.Passed));
            Assert.That(card.Tests.Any(t => t.Hidden), Is.True, "hidden tests count when solutions/ is present");
        }

        [Test]
        public void Partial_EarnsSomePointsWithExpectedVersusActualMessages()
        {
            var card = _cards["partial"];
            Assert.That(card.Points, Is.GreaterThan(0).And.LessThan(card.MaxPoints));
            var ex01 = Row("partial", "Ex01");
            Assert.That(ex01.Status, Is.EqualTo(ExerciseStatus.Partial));
            Assert.That(ex01.Tests.Single(t => t.Test == "Linspace_HundredPointsOnMinusFiveToFive").Passed, Is.True);
            var arange = ex01.Tests.Single(t => t.Test == "Arange_HalfOpenStepOfOneHundredth");
            Assert.That(arange.Message, Does.Contain("expected").And.Contain("got").And.Contain("Hint").Or.Contain("1200"));
            var overflow = Row("partial", "Ex02").Tests.Single(t => t.Test == "Sigmoid_HugeInputsDoNotOverflow");
            Assert.That(overflow.Status, Is.EqualTo(TestStatus.Failed));
            Assert.That(overflow.Message, Does.Contain("z = 745").And.Contain("got NaN"));
            var atZero = Row("partial", "Ex03").Tests.Single(t => t.Test == "Derivative_IsZeroAtZero");
            Assert.That(atZero.Message, Does.Contain("expected 0, got 1"));
            Assert.That(Row("partial", "Ex14").Status, Is.EqualTo(ExerciseStatus.NotImplemented));
            Assert.That(Row("partial", "Ex14").Message, Does.Contain("Not implemented yet"));
        }

        [Test]
        public void Broken_ScoresZeroWithTheCompilerMessageOnItsExercise()
        {
            // Ex05 does not compile; the other files are the untouched stubs, graded as such.
            var card = _cards["broken"];
            Assert.That(card.Points, Is.EqualTo(0));
            Assert.That(card.CompileFailed, Is.False);
            Assert.That(card.CompileProblem, Is.EqualTo("Ex05 does not compile"));
            var ex05 = Row("broken", "Ex05");
            Assert.That(ex05.Status, Is.EqualTo(ExerciseStatus.CompileError));
            Assert.That(ex05.MaxPoints, Is.GreaterThan(0));
            Assert.That(ex05.Message, Does.StartWith("Does not compile: Ex05_Tanh.cs(").And.Contain("error CS"));
            Assert.That(ex05.Message, Does.Not.Contain("/tmp/"), "paths are shortened to the file name");
            Assert.That(card.Exercises.Where(e => e.Exercise != "Ex05").Select(e => e.Status), Is.All.EqualTo(ExerciseStatus.NotImplemented));
            var csvRow = _gradebook.First(r => r[0] == "broken" && r[1] == "Ex05");
            Assert.That(csvRow[4], Is.EqualTo("CompileError"));
        }

        [Test]
        public void Every_card_carries_its_grading_time()
        {
            Assert.That(_cards.Values.Select(c => c.GradingTime), Is.All.Not.Null.And.All.GreaterThan(TimeSpan.Zero));
            Assert.That(_cards["looping"].GradingTime, Is.GreaterThan(_cards["correct"].GradingTime!.Value), "the looping calls take their limit");
        }

        [Test]
        public void One_file_that_does_not_compile_costs_only_its_exercise()
        {
            var card = _cards["one-broken"];
            Assert.That(Row("one-broken", "Ex05").Status, Is.EqualTo(ExerciseStatus.CompileError));
            Assert.That(Row("one-broken", "Ex05").Points, Is.EqualTo(0));
            // Ex06 calls the student's tanh from Ex05, which is now the stub's.
            Assert.That(Row("one-broken", "Ex06").Status, Is.EqualTo(ExerciseStatus.NotImplemented));
            Assert.That(Row("one-broken", "Ex06").Message, Does.Contain("Ex05_Tanh.cs line").And.Contain("(Ex05 does not compile, so it was graded as its stub.)"),
                "the student learns the stub is Ex05's, not that Ex06 is unfinished");
            foreach (var row in card.Exercises.Where(e => e.Exercise is not ("Ex05" or "Ex06")))
                Assert.That(row.Points, Is.EqualTo(row.MaxPoints), row.Exercise);
        }

        [Test]
        public void Looping_TimesOutThatExerciseAndGradingGoesOn()
        {
            var ex08 = Row("looping", "Ex08");
            Assert.That(ex08.Status, Is.EqualTo(ExerciseStatus.TimedOut));
            var looping = new[] { "Cumulative_TheLabsSixSteps", "Cumulative_OneStepIsTheGradientItself", "SigmoidAt_TwoDecaysFaster", "Cumulative_TwentyStepsStayExact" };
            Assert.That(ex08.Tests.Where(t => looping.Contains(t.Test)).Select(t => t.Status), Is.EqualTo(Enumerable.Repeat(TestStatus.TimedOut, 4)));
            // steps = 0 never enters the loop: that test fails normally (it should throw), which shows each test is judged on its own.
            Assert.That(ex08.Tests.Single(t => t.Test == "Cumulative_RejectsZeroSteps").Status, Is.EqualTo(TestStatus.Failed));
            Assert.That(ex08.Message, Does.Contain("Timed out"));
            Assert.That(Row("looping", "Ex01").Status, Is.EqualTo(ExerciseStatus.Passed), "tests after a timed-out one still run");
            Assert.That(Row("looping", "Ex14").Status, Is.EqualTo(ExerciseStatus.NotImplemented));
        }

        [Test]
        public void Looping_HugeAllocationFailsWithAMemoryMessage()
        {
            var bound = Row("looping", "Ex10").Tests.Single(t => t.Test == "Bound_SigmoidTable");
            Assert.That(bound.Status, Is.EqualTo(TestStatus.Failed));
            Assert.That(bound.Message, Does.Contain("ran out of memory"));
        }

        [Test]
        public void Looping_StackOverflowCrashIsContained()
        {
            // The overflow kills the worker; on a loaded machine the deep recursion can outlast the 2 s limit first.
            var ex13 = Row("looping", "Ex13");
            Assert.That(ex13.Status, Is.EqualTo(ExerciseStatus.Crashed).Or.EqualTo(ExerciseStatus.TimedOut));
            var evaluate = ex13.Tests.Single(t => t.Test == "Evaluate_MatchesAndSumsToOne");
            Assert.That(evaluate.Status, Is.EqualTo(TestStatus.Crashed).Or.EqualTo(TestStatus.TimedOut));
            Assert.That(ex13.Tests.Select(t => t.Message), Has.Some.Contains("Stack overflow").Or.Some.Contains("Timed out"));
            Assert.That(Row("looping", "Ex14").Tests, Is.Not.Empty, "exercises after the crash were graded");
        }
    }
}
