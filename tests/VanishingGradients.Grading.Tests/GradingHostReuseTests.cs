using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace VanishingGradients.Grading.Tests
{
    /// <summary>
    /// A class run keeps one grading host per parallel job (see <see cref="GradingHosts"/>): what one submission leaves in
    /// a host must not reach the next, and a host that dies must cost only the test it was running. Slow; runs with
    /// VG_KIT_INTEGRATION=1 (tests/kit-checks.sh sets it).
    /// </summary>
    [TestFixture, Category("Integration"), NonParallelizable]
    public sealed class GradingHostReuseTests
    {
        private static readonly GradingLimits Limits = new() { TestTimeout = TimeSpan.FromSeconds(1), KillGrace = TimeSpan.FromSeconds(3) };
        private string _wrong = "", _correct = "";

        [OneTimeSetUp]
        public void Submissions()
        {
            if (Environment.GetEnvironmentVariable("VG_KIT_INTEGRATION") != "1")
                Assert.Ignore("End-to-end grading runs with VG_KIT_INTEGRATION=1 (tests/kit-checks.sh sets it).");
            string root = Repo.NewTempFolder();
            // Stubs, but with wrong answers (not exceptions) where the looping submission times out: a status left over
            // from the looping submission would show there.
            _wrong = Copy(Repo.Layout.Exercises, Path.Combine(root, "wrong"));
            File.WriteAllText(Path.Combine(_wrong, "Ex08_DecayLoop.cs"), """
                namespace VanishingGradients.Exercises
                {
                    public static class DecayLoop
                    {
                        public static double[] Cumulative(double localGradient, int steps) => new double[steps];
                        public static double[] SigmoidAt(double x, int steps) => new double[steps];
                    }
                }
                """);
            _correct = Copy(Repo.Layout.Solutions, Path.Combine(root, "correct"));
        }

        private static string Copy(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (string file in Directory.GetFiles(from, "Ex*.cs")) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            return to;
        }

        private static string Looping => Path.Combine(Repo.Fixtures, "looping");

        private static IReadOnlyList<Scorecard> Grade(IEnumerable<string> folders, IProgress<GradingProgress>? progress = null) =>
            new CourseGrader(Repo.Layout, Limits).GradeSubmissions(folders, includeHidden: true, parallelism: 1, progress);

        private static IEnumerable<string> Outcomes(Scorecard card) => card.Tests.Select(t => $"{t.Exercise} {t.Test}: {t.Status} {t.Points} {t.Message}");

        [Test]
        public void A_submission_graded_after_others_in_the_same_host_gets_what_it_gets_alone()
        {
            // One job, so one host grades the looping submission (timed-out calls, a replaced worker) and then the others.
            var alone = Grade(new[] { _wrong }).Single();
            var shared = Grade(new[] { Looping, _wrong, _correct });
            Assert.That(shared[0].Tests.Any(t => t.Status == TestStatus.TimedOut), Is.True, "the looping submission times out somewhere");
            Assert.That(alone.Tests.Where(t => t.Exercise == "Ex08").Select(t => t.Status), Is.All.EqualTo(TestStatus.Failed));
            Assert.That(Outcomes(shared[1]), Is.EqualTo(Outcomes(alone)), "the wrong answers, after the looping submission");
            Assert.That(shared[2].Points, Is.EqualTo(shared[2].MaxPoints), "the solutions, after both");
        }

        [Test]
        public void A_host_killed_while_grading_costs_that_submission_at_most_the_running_test()
        {
            var killed = new TaskCompletionSource<int>();
            var progress = new Inline(p =>
            {
                if (p.Stage != "grading" || p.Student != "looping") return;
                // The looping submission spends whole seconds in each timed-out call: kill its host in the middle of one.
                Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(2.5));
                    int host = ServingHosts().Single();
                    Process.GetProcessById(host).Kill();
                    killed.SetResult(host);
                });
            });
            var cards = Grade(new[] { _correct, Looping, _wrong }, progress);
            Assert.That(killed.Task.IsCompletedSuccessfully, Is.True, "the host was killed during the run");

            var looping = cards[1].Tests.ToList();
            Assert.That(looping, Has.Count.EqualTo(cards[0].Tests.Count()), "every test of the looping submission has a result");
            var blamed = looping.FindAll(t => t.Message.Contains("grading host", StringComparison.Ordinal));
            Assert.That(blamed, Has.Count.EqualTo(1), "only the test running when the host died: " + string.Join("; ", blamed.Select(t => t.Test)));
            Assert.That(blamed[0].Status, Is.EqualTo(TestStatus.Crashed));
            var after = looping.Skip(looping.IndexOf(blamed[0]) + 1).ToList();
            Assert.That(after, Is.Not.Empty);
            Assert.That(after.Select(t => t.Status), Has.None.EqualTo(TestStatus.Error),
                "the tests after it were graded by a new host");
            Assert.That(cards[0].Points, Is.EqualTo(cards[0].MaxPoints));
            Assert.That(cards[2].Tests.Select(t => t.Status), Has.None.EqualTo(TestStatus.Crashed).And.None.EqualTo(TestStatus.Error));
            Assert.That(ServingHosts(), Is.Empty, "no host outlives the run");
            Assert.That(Directory.GetFiles(Path.GetTempPath(), $"*-{killed.Task.Result}-*"), Is.Empty, "the killed host left no debugger pipes or diagnostic sockets");
        }

        [TestCase("-INT", TestName = "Ctrl_C_ends_a_class_run_with_nothing_left_behind")]
        [TestCase("-TERM", TestName = "SIGTERM_ends_a_class_run_with_nothing_left_behind")]
        public void An_interrupt_ends_a_class_run_with_nothing_left_behind(string signal)
        {
            string gradebook = Path.Combine(Repo.NewTempFolder(), "gradebook.csv");
            using var run = new ClassRun(gradebook, Looping, _correct);
            var hosts = run.HostsOnceGrading();
            Process.Start("kill", new[] { signal, run.Id })!.WaitForExit();
            Assert.That(run.Process.WaitForExit(30000), Is.True, "the run ends soon after the signal");
            Assert.That(run.Process.ExitCode, Is.EqualTo(130), run.Stderr);
            Assert.That(run.Stderr, Does.Contain("Interrupted"));
            Assert.That(gradebook, Does.Not.Exist);
            AssertEnded(hosts, TimeSpan.FromSeconds(1), "the hosts (and their sandboxed workers) were ended");
        }

        [Test]
        public void A_host_whose_grading_tool_was_killed_stops_grading()
        {
            using var run = new ClassRun(Path.Combine(Repo.NewTempFolder(), "gradebook.csv"), Looping, _correct);
            var hosts = run.HostsOnceGrading();
            Process.Start("kill", new[] { "-KILL", run.Id })!.WaitForExit();
            // The looping submission alone would keep a host busy for many seconds more.
            AssertEnded(hosts, TimeSpan.FromSeconds(5), "a host that loses its grading tool ends");
        }

        private static void AssertEnded(List<int> pids, TimeSpan within, string why)
        {
            var clock = Stopwatch.StartNew();
            while (pids.Any(Alive) && clock.Elapsed < within) Thread.Sleep(100);
            Assert.That(pids.Where(Alive), Is.Empty, why);
        }

        private static bool Alive(int pid)
        {
            // A zombie (ended, not yet reaped by its new parent) counts as ended.
            try { return !File.ReadAllText($"/proc/{pid}/stat").Split(')').Last().TrimStart().StartsWith('Z'); }
            catch (IOException) { return false; }
        }

        /// <summary>`vg-grade grade-submissions` in a process of its own, as an instructor runs it.</summary>
        private sealed class ClassRun : IDisposable
        {
            private readonly System.Text.StringBuilder _stderr = new();
            private readonly ManualResetEventSlim _compiling = new();

            public ClassRun(string gradebook, params string[] submissions)
            {
                string tool = Path.Combine(Repo.Layout.GradingTools, "vg-grade", "bin", "Release", "net10.0", "vg-grade.dll");
                var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
                foreach (string a in new[] { tool, "grade-submissions" }.Concat(submissions).Concat(new[] { "--gradebook", gradebook, "--jobs", "1" }))
                    info.ArgumentList.Add(a);
                Process = Process.Start(info)!;
                Process.ErrorDataReceived += (_, e) =>
                {
                    if (e.Data == null) return;
                    lock (_stderr) _stderr.AppendLine(e.Data);
                    if (e.Data.StartsWith("Sandbox:", StringComparison.Ordinal)) _compiling.Set();
                };
                Process.OutputDataReceived += (_, _) => { };
                Process.BeginErrorReadLine();
                Process.BeginOutputReadLine();
            }

            public Process Process { get; }
            public string Id => Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

            /// <summary>The run's grading hosts, a few seconds into grading (the looping submission's timed-out calls).</summary>
            public List<int> HostsOnceGrading()
            {
                Assert.That(_compiling.Wait(TimeSpan.FromSeconds(120)), Is.True, "the run got as far as compiling");
                Thread.Sleep(TimeSpan.FromSeconds(3));
                var hosts = ServingHosts(Process.Id);
                Assert.That(hosts, Is.Not.Empty, "a host is grading");
                return hosts;
            }

            public void Dispose()
            {
                try { Process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                Process.Dispose();
            }
        }

        /// <summary>Grading hosts started by this process (their command line holds --serve).</summary>
        private static List<int> ServingHosts() => ServingHosts(Environment.ProcessId);

        private static List<int> ServingHosts(int parentId)
        {
            string self = parentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var hosts = new List<int>();
            foreach (string dir in Directory.GetDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
                try
                {
                    var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                    string? parent = File.ReadAllLines(Path.Combine(dir, "status")).FirstOrDefault(l => l.StartsWith("PPid:", StringComparison.Ordinal))?.Split('\t').Last().Trim();
                    if (parent == self && cmdline.Contains("--serve")) hosts.Add(pid);
                }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
            return hosts;
        }

        private sealed class Inline : IProgress<GradingProgress>
        {
            private readonly Action<GradingProgress> _report;
            public Inline(Action<GradingProgress> report) => _report = report;
            public void Report(GradingProgress value) => _report(value);
        }
    }
}
