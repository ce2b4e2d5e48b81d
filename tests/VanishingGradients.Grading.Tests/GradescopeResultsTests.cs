using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using NUnit.Framework;

namespace VanishingGradients.Grading.Tests
{
    public sealed class GradescopeResultsTests
    {
        private static readonly GradedTest[] Manifest =
        {
            new("G.Ex01.A", "Ex01", "Data grid", "Linspace", 2, false),
            new("G.Ex01.B", "Ex01", "Data grid", "Arange", 1, false),
            new("H.Ex01.C", "Ex01", "Data grid", "SinglePoint", 1, true),
            new("G.Ex02.A", "Ex02", "Sigmoid", "Grid", 3, false),
        };

        private static Scorecard Card(params (TestStatus Status, string Message)[] outcomes) =>
            Scorecard.FromTests("alice", Manifest, Manifest.Zip(outcomes, (t, o) =>
                new TestResult("alice", t.Exercise, t.Test, o.Status == TestStatus.Passed ? t.Points : 0, t.Points, o.Status, o.Message, t.Hidden)));

        private static JsonElement Parse(Scorecard card) => JsonDocument.Parse(GradescopeResults.FromScorecard(card, TimeSpan.FromSeconds(2.2)).ToJsonString()).RootElement;

        [Test]
        public void Results_FollowTheGradescopeFormat()
        {
            var json = Parse(Card((TestStatus.Passed, ""), (TestStatus.Failed, "expected 1, got 2"), (TestStatus.Passed, ""), (TestStatus.TimedOut, "ran past 10 s")));
            Assert.That(json.GetProperty("score").GetDouble(), Is.EqualTo(3));
            Assert.That(json.GetProperty("execution_time").GetInt32(), Is.EqualTo(3));
            Assert.That(json.GetProperty("visibility").GetString(), Is.EqualTo("visible"));
            Assert.That(json.GetProperty("stdout_visibility").GetString(), Is.EqualTo("hidden"));
            Assert.That(json.GetProperty("output").GetString(), Does.StartWith("3 / 7 points."));
            var tests = json.GetProperty("tests").EnumerateArray().ToList();
            Assert.That(tests.Select(t => t.GetProperty("name").GetString()), Is.EqualTo(new[]
                { "Ex01 Data grid: Linspace", "Ex01 Data grid: Arange", "Ex01 Data grid: SinglePoint", "Ex02 Sigmoid: Grid" }));
            Assert.That(tests.Select(t => t.GetProperty("number").GetString()), Is.EqualTo(new[] { "1.1", "1.2", "1.3", "2.1" }));
            Assert.That(tests.Select(t => t.GetProperty("max_score").GetDouble()), Is.EqualTo(new[] { 2.0, 1, 1, 3 }));
            Assert.That(tests.Select(t => t.GetProperty("status").GetString()), Is.EqualTo(new[] { "passed", "failed", "passed", "failed" }));
            Assert.That(tests[1].GetProperty("output").GetString(), Is.EqualTo("Failed: expected 1, got 2"));
            Assert.That(tests[3].GetProperty("output").GetString(), Is.EqualTo("TimedOut: ran past 10 s"));
            Assert.That(tests[0].TryGetProperty("output", out _), Is.False, "a passing test needs no output");
            Assert.That(json.GetProperty("score").GetDouble(), Is.EqualTo(tests.Sum(t => t.GetProperty("score").GetDouble())), "the total is the sum of the tests");
        }

        [Test]
        public void ExecutionTime_IsTheGradingTimeOfAClassRunsCard()
        {
            var card = Card((TestStatus.Passed, ""), (TestStatus.Passed, ""), (TestStatus.Passed, ""), (TestStatus.Passed, ""));
            var timed = new Scorecard(card.Student, card.Exercises) { GradingTime = TimeSpan.FromSeconds(4.1) };
            Assert.That(GradescopeResults.FromScorecard(timed)["execution_time"]!.GetValue<int>(), Is.EqualTo(5));
            Assert.That(GradescopeResults.FromScorecard(timed, TimeSpan.FromSeconds(9))["execution_time"]!.GetValue<int>(), Is.EqualTo(9), "a given time wins");
            Assert.That(GradescopeResults.FromScorecard(card).ContainsKey("execution_time"), Is.False, "unknown: left out");
        }

        [Test]
        public void HiddenTests_AreShownOnlyAfterTheDueDate()
        {
            var tests = Parse(Card((TestStatus.Passed, ""), (TestStatus.Passed, ""), (TestStatus.Failed, "no"), (TestStatus.Passed, "")))
                .GetProperty("tests").EnumerateArray().ToList();
            Assert.That(tests.Select(t => t.GetProperty("visibility").GetString()), Is.EqualTo(new[] { "visible", "visible", "after_due_date", "visible" }));
            Assert.That(tests[2].GetProperty("tags").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "Ex01", "hidden" }));
        }

        [Test]
        public void CompileError_ScoresZeroAndSaysWhy()
        {
            const string error = "Does not compile: Ex01_DataGrid.cs(3,1): error CS1002: ; expected";
            var json = Parse(Card(Enumerable.Repeat((TestStatus.CompileError, error), 4).ToArray()));
            Assert.That(json.GetProperty("score").GetDouble(), Is.EqualTo(0));
            Assert.That(json.GetProperty("output").GetString(), Does.Contain("does not compile").And.Contain("CS1002"));
            Assert.That(json.GetProperty("tests").GetArrayLength(), Is.EqualTo(4));
        }

        [Test]
        public void Failure_IsAValidResultWithScoreZero()
        {
            var json = JsonDocument.Parse(GradescopeResults.Failure("the worker could not start").ToJsonString()).RootElement;
            Assert.That(json.GetProperty("score").GetDouble(), Is.EqualTo(0));
            Assert.That(json.GetProperty("output").GetString(), Does.Contain("could not grade").And.Contain("the worker could not start"));
            Assert.That(json.GetProperty("tests").GetArrayLength(), Is.EqualTo(0));
        }

        [Test]
        public void StudentText_BecomesValidCappedUtf8()
        {
            string hostile = "a\uD800b\u0000c\u001b[31m" + new string('x', 10_000) + "\n";
            var json = Parse(Card((TestStatus.Failed, hostile), (TestStatus.Passed, ""), (TestStatus.Passed, ""), (TestStatus.Passed, "")));
            string output = json.GetProperty("tests")[0].GetProperty("output").GetString()!;
            Assert.That(output, Does.StartWith("Failed: a\uFFFDb\uFFFDc\uFFFD[31mxxx").And.EndWith("(cut)"));
            Assert.That(output.Length, Is.LessThanOrEqualTo(GradescopeResults.MaxTestOutput + 10));
            // Strict UTF-8 round trip: nothing a decoder would reject.
            var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
            Assert.That(() => strict.GetString(strict.GetBytes(output)), Throws.Nothing);
        }

        [Test]
        public void Cap_NeverSplitsASurrogatePair()
        {
            string text = "ab" + "\U0001F600";
            Assert.That(GradescopeResults.Clean(text, 3), Is.EqualTo("ab … (cut)"));
            Assert.That(GradescopeResults.Clean(text, 4), Is.EqualTo(text));
        }

        [Test]
        public void Write_ReplacesTheFileWhole()
        {
            string folder = Repo.NewTempFolder();
            string path = Path.Combine(folder, "results", "results.json");
            GradescopeResults.Write(path, GradescopeResults.Failure("first"));
            GradescopeResults.Write(path, GradescopeResults.FromScorecard(Card((TestStatus.Passed, ""), (TestStatus.Passed, ""), (TestStatus.Passed, ""), (TestStatus.Passed, ""))));
            Assert.That(JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("score").GetDouble(), Is.EqualTo(7));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Is.EqualTo(new[] { path }), "no temporary file left behind");
        }
    }
}
