using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using NUnit.Framework;

namespace VanishingGradients.Grading.Tests
{
    /// <summary>
    /// Grades the hostile submissions of tests/fixtures/submissions/attack-* (plus symlinked ones made here) in one class
    /// run with an honest student and a victim, in the sandbox. For every attack: the attacker earns no point, nobody
    /// else's grade changes, nothing outside the attacker's folder changes, nothing it started survives, and the
    /// gradebook is complete. Placeholders in the fixtures (@@ROOT@@, @@VICTIM@@, @@CANARY@@) become real paths here, so
    /// the attacks aim at real targets. Runs with VG_KIT_INTEGRATION=1 (tests/kit-checks.sh) and needs bubblewrap.
    /// </summary>
    [TestFixture, Category("Integration"), NonParallelizable]
    public sealed class AdversarialGradingTests
    {
        private static readonly GradingLimits Limits = new() { TestTimeout = TimeSpan.FromSeconds(3), KillGrace = TimeSpan.FromSeconds(5), CompileTimeout = TimeSpan.FromSeconds(5) };
        private static readonly string[] Markers = { "600", "601", "602", "603" };
        private Dictionary<string, Scorecard> _cards = new();
        private List<string[]> _gradebook = new();
        private string _canary = "", _victim = "";
        private string _protectedBefore = "", _protectedAfter = "";
        private string[] _students = Array.Empty<string>();

        [OneTimeSetUp]
        public void GradeTheAttackers()
        {
            if (Environment.GetEnvironmentVariable("VG_KIT_INTEGRATION") != "1")
                Assert.Ignore("End-to-end grading of the attack fixtures runs with VG_KIT_INTEGRATION=1 (tests/kit-checks.sh sets it).");
            Assert.That(Sandbox.Available, Is.True, "These tests need the sandbox: apt-get install bubblewrap (CI installs it).");
            string temp = Repo.NewTempFolder();
            string submissions = Directory.CreateDirectory(Path.Combine(temp, "submissions")).FullName;
            _canary = Path.Combine(temp, "canary.txt");
            // First in the class compiler's order, so that the honest students are compiled after it: 60,000 nested type
            // arguments (180 KB) overflow Roslyn's stack or make it give up.
            string bomb = Directory.CreateDirectory(Path.Combine(submissions, "compiler-bomb")).FullName;
            File.WriteAllText(Path.Combine(bomb, "Ex01_DataGrid.cs"), "namespace VanishingGradients.Exercises { class G<T> { } static class Bomb { static System.Type X = typeof(" +
                string.Concat(Enumerable.Repeat("G<", 60000)) + "int" + new string('>', 60000) + "); } }");
            string correct = CopySolutions(Path.Combine(submissions, "correct"));
            _victim = CopySolutions(Path.Combine(submissions, "victim"));
            var folders = new List<string> { bomb, correct, _victim };
            foreach (string fixture in Directory.GetDirectories(Repo.Fixtures, "attack-*"))
            {
                string target = Directory.CreateDirectory(Path.Combine(submissions, Path.GetFileName(fixture))).FullName;
                foreach (string file in Directory.GetFiles(fixture, "*.cs"))
                    File.WriteAllText(Path.Combine(target, Path.GetFileName(file)), File.ReadAllText(file)
                        .Replace("@@ROOT@@", Repo.Layout.Root).Replace("@@VICTIM@@", _victim).Replace("@@CANARY@@", _canary));
                folders.Add(target);
            }
            string linkedFile = Directory.CreateDirectory(Path.Combine(submissions, "symlink-file")).FullName;
            File.CreateSymbolicLink(Path.Combine(linkedFile, "Ex13_Softmax.cs"), Path.Combine(Repo.Layout.Solutions, "Ex13_Softmax.cs"));
            folders.Add(linkedFile);
            folders.Add(Directory.CreateSymbolicLink(Path.Combine(submissions, "symlink-folder"), Repo.Layout.Solutions).FullName);
            string huge = Directory.CreateDirectory(Path.Combine(submissions, "oversized")).FullName;
            File.WriteAllText(Path.Combine(huge, "Ex01_DataGrid.cs"), File.ReadAllText(Path.Combine(Repo.Layout.Solutions, "Ex01_DataGrid.cs")) + new string('/', 300 * 1024));
            folders.Add(huge);
            folders.Add(Path.Combine(submissions, "vanished"));
            _students = folders.Select(Path.GetFileName).ToArray()!;

            _protectedBefore = Fingerprint();
            var cards = new CourseGrader(Repo.Layout, Limits).GradeSubmissions(folders, includeHidden: true, parallelism: 2);
            _protectedAfter = Fingerprint();
            _cards = cards.ToDictionary(c => c.Student);
            string csv = Path.Combine(temp, "gradebook.csv");
            Gradebook.Write(csv, cards);
            _gradebook = Gradebook.Parse(File.ReadAllText(csv));
            TestContext.Out.WriteLine(string.Join(Environment.NewLine, cards.Select(c => ScorecardPrinter.Format(c))));
        }

        private static string CopySolutions(string folder)
        {
            Directory.CreateDirectory(folder);
            foreach (string file in Directory.GetFiles(Repo.Layout.Solutions, "Ex*.cs")) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            return folder;
        }

        /// <summary>A hash over the sources of solutions/ and exercises/ (not the build's obj/): what an attacker would want to change.</summary>
        private static string Fingerprint()
        {
            using var sha = SHA256.Create();
            foreach (string dir in new[] { Repo.Layout.Solutions, Repo.Layout.Exercises })
                foreach (string file in Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
                    .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")).OrderBy(f => f, StringComparer.Ordinal))
                {
                    byte[] name = System.Text.Encoding.UTF8.GetBytes(file);
                    sha.TransformBlock(name, 0, name.Length, null, 0);
                    byte[] content = File.ReadAllBytes(file);
                    sha.TransformBlock(content, 0, content.Length, null, 0);
                }
            sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
            return Convert.ToHexString(sha.Hash!);
        }

        private static IEnumerable<string> Attackers => new[] { "compiler-bomb", "attack-compiler", "attack-forge", "attack-snoop", "attack-sabotage", "attack-leftovers", "attack-nunit", "symlink-file", "symlink-folder", "oversized", "vanished" };

        [Test]
        public void Gradebook_IsCompleteWithEveryStudent()
        {
            var rows = _gradebook.Skip(1).ToList();
            Assert.That(rows.Select(r => r[0]).Distinct(), Is.EquivalentTo(_students));
            Assert.That(rows, Has.Count.EqualTo(_students.Length * 14));
        }

        [TestCaseSource(nameof(Attackers))]
        public void Attacker_EarnsNothing(string attacker)
        {
            var card = _cards[attacker];
            Assert.That(card.Points, Is.EqualTo(0), ScorecardPrinter.Format(card));
            Assert.That(card.MaxPoints, Is.EqualTo(_cards["correct"].MaxPoints), "no forged test may appear");
            Assert.That(card.Tests.Select(t => t.Test), Is.EquivalentTo(_cards["correct"].Tests.Select(t => t.Test)));
        }

        [Test]
        public void HonestStudents_KeepFullMarks()
        {
            foreach (string student in new[] { "correct", "victim" })
                Assert.That(_cards[student].Points, Is.EqualTo(_cards[student].MaxPoints), ScorecardPrinter.Format(_cards[student]));
        }

        [Test]
        public void NothingOutsideTheAttackersFoldersChanged()
        {
            Assert.That(File.Exists(_canary), Is.False, "a submission wrote outside its folder");
            Assert.That(Directory.GetFiles(_victim, "Ex*.cs"), Has.Length.EqualTo(14), "a submission deleted another student's files");
            Assert.That(_protectedAfter, Is.EqualTo(_protectedBefore), "solutions/ or exercises/ changed during grading");
            Assert.That(File.Exists("/tmp/vg-attack-marker"), Is.False, "the sandbox's /tmp is the machine's /tmp");
        }

        [Test]
        public void NoProcessOutlivesGrading()
        {
            var survivors = new List<string>();
            foreach (string proc in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
            {
                string cmd;
                try { cmd = File.ReadAllText(Path.Combine(proc, "cmdline")).Replace('\0', ' ').Trim(); }
                catch (IOException) { continue; }
                catch (UnauthorizedAccessException) { continue; }
                if (Markers.Any(m => cmd.Contains("sleep " + m)) || cmd.Contains("VanishingGradients.Grading.Worker")) survivors.Add($"{Path.GetFileName(proc)}: {cmd}");
            }
            Assert.That(survivors, Is.Empty);
        }

        [Test]
        public void StolenAnswers_AreNotThere()
        {
            var messages = string.Join("\n", _cards["attack-snoop"].Tests.Select(t => t.Message));
            Assert.That(messages, Does.Contain("loot:"), "the attack ran and reported what it found");
            Assert.That(messages, Does.Not.Contain(Repo.Layout.Root).And.Not.Contain("/etc/passwd").And.Not.Contain(_victim));
            var sigmoid = _cards["attack-snoop"].Tests.Where(t => t.Exercise == "Ex02");
            Assert.That(sigmoid.Select(t => t.Status), Is.All.Not.EqualTo(TestStatus.Passed), "the reference library was reachable");
        }

        [Test]
        public void ForgedProtocol_FailsOnlyTheForgersCalls()
        {
            var card = _cards["attack-forge"];
            Assert.That(card.Tests.Where(t => t.Exercise == "Ex01").Select(t => t.Status), Has.None.EqualTo(TestStatus.Passed));
            Assert.That(card.Tests.Where(t => t.Exercise == "Ex14").Select(t => t.Status), Is.All.EqualTo(TestStatus.NotImplemented),
                "after the forged frames, later calls are answered by a fresh worker");
        }

        [Test]
        public void ExitsCrashesAndHogs_AreReportedPerTest()
        {
            var sabotage = _cards["attack-sabotage"].Exercises.Single(e => e.Exercise == "Ex06");
            Assert.That(sabotage.Status, Is.EqualTo(ExerciseStatus.Crashed), sabotage.Message);
            var hog = _cards["attack-leftovers"].Tests.Single(t => t.Test == "Bound_SigmoidTable");
            Assert.That(hog.Status, Is.Not.EqualTo(TestStatus.Passed));
            Assert.That(hog.Message, Does.Contain("memory").Or.Contain("crashed").Or.Contain("Timed out"), hog.Message);
            var fork = _cards["attack-leftovers"].Tests.Single(t => t.Test == "SigmoidAt_TwoDecaysFaster");
            Assert.That(fork.Status, Is.EqualTo(TestStatus.TimedOut).Or.EqualTo(TestStatus.Failed), fork.Message);
        }

        [Test]
        public void CompilerBombs_CostOnlyTheirAuthors()
        {
            // The honest students' full marks (HonestStudents_KeepFullMarks) show the class compiler survived them.
            foreach (var (attacker, exercise) in new[] { ("compiler-bomb", "Ex01"), ("attack-compiler", "Ex03") })
            {
                var row = _cards[attacker].Exercises.Single(e => e.Exercise == exercise);
                Assert.That(row.Status, Is.EqualTo(ExerciseStatus.CompileError), ScorecardPrinter.Format(_cards[attacker]));
                Assert.That(row.Message, Does.Contain("the compiler").Or.Contain("too long or complex"), row.Message);
            }
        }

        [Test]
        public void RejectedSubmissions_SayWhy()
        {
            Assert.That(_cards["symlink-file"].Exercises[0].Message, Does.Contain("symbolic link"));
            Assert.That(_cards["symlink-folder"].Exercises[0].Message, Does.Contain("symbolic link"));
            Assert.That(_cards["oversized"].Exercises[0].Message, Does.Contain("at most"));
            Assert.That(_cards["vanished"].Exercises[0].Message, Does.Contain("does not exist"));
        }
    }
}
