using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using NUnit.Framework;

namespace VanishingGradients.Grading.Tests
{
    /// <summary>
    /// Builds the Gradescope autograder with the grading tool (`vg-grade autograder`), unpacks it into a fake /autograder
    /// (AUTOGRADER_ROOT) and runs its run_autograder on a correct, a stub and a broken submission, as Gradescope would.
    /// Needs the tool built in Release and bubblewrap, so it runs only with VG_KIT_INTEGRATION=1 (tests/kit-checks.sh).
    /// </summary>
    [TestFixture, Category("Integration"), NonParallelizable, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public sealed class GradescopeBundleIntegrationTests
    {
        private string _folder = "";
        private string _zip = "";
        private List<string> _entries = new();

        private static string Tool => Path.Combine(Repo.Layout.GradingTools, "vg-grade", "bin", "Release", "net10.0", "vg-grade.dll");

        [OneTimeSetUp]
        public void BuildBundle()
        {
            if (Environment.GetEnvironmentVariable("VG_KIT_INTEGRATION") != "1")
                Assert.Ignore("Building and running the Gradescope autograder runs with VG_KIT_INTEGRATION=1 (tests/kit-checks.sh sets it).");
            Assert.That(File.Exists(Tool), Is.True, $"build the tool first: dotnet build src/Grading/vg-grade -c Release ({Tool})");
            _folder = Repo.NewTempFolder();
            _zip = Path.Combine(_folder, "autograder.zip");
            var outcome = ProcessRunner.Run(GraderRunner.DotnetHost, new[] { Tool, "autograder", "--out", _zip, "--root", Repo.Layout.Root },
                Repo.Layout.Root, TimeSpan.FromMinutes(15));
            Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Output);
            using var archive = ZipFile.OpenRead(_zip);
            _entries = archive.Entries.Select(e => e.FullName).ToList();
        }

        [Test]
        public void Bundle_HasTheScriptsAtItsRootAndNoSourceAnswers()
        {
            Assert.That(_entries, Has.Member("setup.sh").And.Member("run_autograder").And.Member("tool/vg-grade.dll"));
            Assert.That(_entries, Has.Some.Match(@"^kit/exercises/Graders/bin/solutions/Release/net10\.0/VanishingGradients\.Graders\.dll$"));
            Assert.That(_entries, Has.None.StartsWith("kit/solutions/").And.None.EndWith("Hidden.cs"), "answers travel compiled only");
            Assert.That(_entries, Has.None.EndWith(".pdb"), "no debug symbols (with the instructor's paths)");
        }

        [Test]
        public void Correct_ScoresFull_WithHiddenTestsAfterTheDueDate()
        {
            var (json, log) = Run(Repo.Layout.Solutions);
            Assert.That(log, Does.Contain("Sandbox: bubblewrap.").And.Not.Contain("SANDBOX FALLBACK"));
            var tests = json.GetProperty("tests").EnumerateArray().ToList();
            double max = tests.Sum(t => t.GetProperty("max_score").GetDouble());
            Assert.That(json.GetProperty("score").GetDouble(), Is.EqualTo(max).And.GreaterThan(0));
            Assert.That(tests.Where(t => t.GetProperty("visibility").GetString() == "after_due_date").ToList(), Is.Not.Empty, "the hidden tests count");
        }

        [Test]
        public void Stub_ScoresZero()
        {
            var (json, _) = Run(Repo.Layout.Exercises);
            Assert.That(json.GetProperty("score").GetDouble(), Is.EqualTo(0));
            Assert.That(json.GetProperty("tests").GetArrayLength(), Is.GreaterThan(0));
        }

        [Test]
        public void Broken_ScoresZeroAndShowsTheCompilerErrors()
        {
            var (json, _) = Run(Path.Combine(Repo.Fixtures, "broken"));
            Assert.That(json.GetProperty("score").GetDouble(), Is.EqualTo(0));
            Assert.That(json.GetProperty("output").GetString(), Does.Contain("does not compile").And.Contain("error CS"));
        }

        [Test]
        public void WithoutBubblewrap_FallsBackToNobodyAndSaysSo()
        {
            if (!Sandbox.UnprivilegedUserAvailable) Assert.Ignore("The unprivileged-user fallback needs root.");
            // A PATH without bwrap: what a container without it (or without user namespaces) looks like to the tool.
            string bin = Path.Combine(_folder, "no-bwrap");
            Directory.CreateDirectory(bin);
            string muxer = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", "..", "dotnet"));
            foreach (string tool in new[] { muxer, "/usr/bin/chmod" })
                if (!File.Exists(Path.Combine(bin, Path.GetFileName(tool)))) File.CreateSymbolicLink(Path.Combine(bin, Path.GetFileName(tool)), tool);
            var (json, log) = Run(Repo.Layout.Solutions, bin);
            Assert.That(log, Does.Contain("SANDBOX FALLBACK"));
            Assert.That(json.GetProperty("score").GetDouble(), Is.EqualTo(json.GetProperty("tests").EnumerateArray().Sum(t => t.GetProperty("max_score").GetDouble())));
        }

        /// <summary>Unpacks the bundle into a fresh fake /autograder, puts the submission's files in, runs run_autograder.</summary>
        private (JsonElement Results, string Log) Run(string submission, string? path = null)
        {
            string root = Path.Combine(_folder, Path.GetRandomFileName());
            ZipFile.ExtractToDirectory(_zip, Path.Combine(root, "source"));
            Directory.CreateDirectory(Path.Combine(root, "submission"));
            Directory.CreateDirectory(Path.Combine(root, "results"));
            foreach (string file in Directory.GetFiles(submission, "Ex*.cs"))
                File.Copy(file, Path.Combine(root, "submission", Path.GetFileName(file)));
            var environment = new Dictionary<string, string> { ["AUTOGRADER_ROOT"] = root };
            if (path != null) environment["PATH"] = path;
            var outcome = ProcessRunner.Run("/bin/bash", new[] { Path.Combine(root, "source", "run_autograder") }, root, TimeSpan.FromMinutes(10), environment);
            Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Output);
            string kitFile = Directory.EnumerateFiles(Path.Combine(root, "source", "kit", "exercises", "Graders"), "*.dll", SearchOption.AllDirectories).First();
            Assert.That(File.GetUnixFileMode(kitFile) & (UnixFileMode.OtherRead | UnixFileMode.GroupRead), Is.EqualTo((UnixFileMode)0), "the graders are unreadable to the worker's user");
            return (JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "results", "results.json"))).RootElement.Clone(), outcome.Output);
        }
    }
}
