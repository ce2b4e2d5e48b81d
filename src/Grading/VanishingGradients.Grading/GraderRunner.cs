using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace VanishingGradients.Grading
{
    /// <summary>Limits of one grading run.</summary>
    public sealed record GradingLimits
    {
        /// <summary>
        /// Computing time one call into student code may take: the CPU time of the worker's processes where the host can
        /// read it (Linux), so that a loaded machine does not fail a correct call, else wall time.
        /// </summary>
        public TimeSpan TestTimeout { get; init; } = TimeSpan.FromSeconds(10);
        /// <summary>Wall time one call may take however little CPU it uses (a deadlock, a sleep).</summary>
        public TimeSpan CallWallLimit => TestTimeout * 5 + TimeSpan.FromSeconds(5);
        /// <summary>Extra time the runner allows beyond <see cref="CallWallLimit"/> before it kills the grader process.</summary>
        public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(5);
        /// <summary>Time for the whole grading of one submission (all restarts included).</summary>
        public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(5);
        /// <summary>Time for building the graders, and for the class compiler's whole run.</summary>
        public TimeSpan BuildTimeout { get; init; } = TimeSpan.FromMinutes(10);
        /// <summary>Time for compiling one submission (a warm compile takes about 0.15 s, a cold one 2 s); twice this ends the compiler.</summary>
        public TimeSpan CompileTimeout { get; init; } = TimeSpan.FromSeconds(15);
        /// <summary>GC heap limit of the worker, so that a runaway allocation fails fast instead of eating the machine.</summary>
        public long HeapLimitBytes { get; init; } = 1L << 30;
        /// <summary>Address space of the sandboxed worker (catches native allocations the GC limit does not see).</summary>
        public long AddressSpaceBytes { get; init; } = 5L << 30;
        /// <summary>Processes and threads the sandboxed worker may have (a fork loop stops here).</summary>
        public int ProcessLimit { get; init; } = 256;
        /// <summary>Largest file the sandboxed worker may write, and the size of its private /tmp.</summary>
        public long FileSizeBytes { get; init; } = 16L << 20;
        /// <summary>CPU time of one worker process (each call also has <see cref="TestTimeout"/> of wall time).</summary>
        public TimeSpan CpuTime { get; init; } = TimeSpan.FromMinutes(5);
    }

    /// <summary>
    /// Runs the graders of a grading host (see <see cref="GradingHosts"/>) against one submission and collects one
    /// <see cref="TestResult"/> per graded test. Calls into student code have their own limits in the host; should the host
    /// itself hang or die in a test, it is killed, that test is marked TimedOut or Crashed, and a new host goes on with the
    /// tests not yet run.
    /// </summary>
    public static class GraderRunner
    {
        public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

        /// <summary>The manifest: every graded test the assembly holds.</summary>
        public static IReadOnlyList<GradedTest> List(string graderAssembly, GradingLimits limits)
        {
            string work = TempFolder("list");
            try
            {
                string results = Path.Combine(work, "results.txt");
                var outcome = ProcessRunner.Run(DotnetHost, new[] { graderAssembly, "--list", "--results", results },
                    Path.GetDirectoryName(graderAssembly)!, TimeSpan.FromSeconds(60), ChildEnvironment(limits));
                long offset = 0;
                var tests = GraderProtocol.ReadNew(results, ref offset).Where(r => r.Kind == GraderProtocol.Test).Select(GraderProtocol.ToGradedTest).ToList();
                if (outcome.ExitCode != 0 || tests.Count == 0)
                    throw new GradingException($"The grader assembly '{graderAssembly}' could not list its tests (exit code {outcome.ExitCode}).{System.Environment.NewLine}{Tail(outcome.Output, 20)}");
                return tests;
            }
            finally { TryDelete(work); }
        }

        /// <summary>
        /// Runs every graded test against the student's compiled assembly (<see cref="SubmissionCompiler"/> made it; its
        /// .pdb beside it; the host never loads it, the worker does) and returns the manifest and the results.
        /// </summary>
        public static (IReadOnlyList<GradedTest> Manifest, IReadOnlyList<TestResult> Results) Run(GradingHosts hosts, string studentAssembly, string student,
            CancellationToken cancellation = default)
        {
            string work = TempFolder("run");
            try { return RunIn(work, hosts, studentAssembly, student, cancellation); }
            catch (FormatException e) { throw new GradingException("The grading host wrote a malformed results line: " + e.Message); }
            catch (ArgumentException e) { throw new GradingException("The grading host wrote a malformed results line: " + e.Message); }
            finally { TryDelete(work); }
        }

        private static (IReadOnlyList<GradedTest>, IReadOnlyList<TestResult>) RunIn(string work, GradingHosts hosts, string studentAssembly, string student,
            CancellationToken cancellation)
        {
            var limits = hosts.Limits;
            var manifest = new Dictionary<string, GradedTest>(StringComparer.Ordinal);
            var order = new List<string>();
            var results = new Dictionary<string, TestResult>(StringComparer.Ordinal);
            var overall = Stopwatch.StartNew();
            string skipFile = Path.Combine(work, "skip.txt");

            for (int attempt = 1; ; attempt++)
            {
                File.WriteAllLines(skipFile, results.Keys);
                string resultsFile = Path.Combine(work, $"results-{attempt}.txt");
                var host = hosts.Rent();
                long offset = 0;
                string? running = null;
                var runningSince = Stopwatch.StartNew();
                bool finished = false, exited = !host.Begin(resultsFile, skipFile, studentAssembly), killedForTimeout = false, budgetExhausted = false;

                void Consume()
                {
                    foreach (var record in GraderProtocol.ReadNew(resultsFile, ref offset))
                    {
                        switch (record.Kind)
                        {
                            case GraderProtocol.Test:
                                if (!manifest.ContainsKey(record.Id)) { manifest[record.Id] = GraderProtocol.ToGradedTest(record); order.Add(record.Id); }
                                break;
                            case GraderProtocol.Start:
                                running = record.Id;
                                runningSince.Restart();
                                break;
                            case GraderProtocol.End:
                                if (manifest.TryGetValue(record.Id, out var test))
                                {
                                    var status = record.Fields.Length > 0 && Enum.TryParse(record.Fields[0], out TestStatus parsed) ? parsed : TestStatus.Error;
                                    results[record.Id] = Result(student, test, status, record.Fields.Length > 2 ? record.Fields[2] : "");
                                }
                                if (running == record.Id) running = null;
                                break;
                            case GraderProtocol.Done:
                                finished = true;
                                break;
                        }
                    }
                }

                while (!finished && !exited)
                {
                    exited = host.WaitForExit(100);
                    Consume();
                    if (finished || exited) break;
                    if (cancellation.IsCancellationRequested || overall.Elapsed > limits.TotalTimeout) { host.Kill(); budgetExhausted = true; break; }
                    if (running != null && runningSince.Elapsed > limits.CallWallLimit + limits.KillGrace) { host.Kill(); killedForTimeout = true; break; }
                }
                if (exited) { host.WaitForExit(5000); Consume(); }
                string lastOutput = host.Output;
                int exitCode = killedForTimeout || budgetExhausted ? -1 : exited ? host.ExitCode : 0;
                hosts.Return(host, finished && !exited);

                if (running != null && manifest.TryGetValue(running, out var current) && !results.ContainsKey(running))
                {
                    results[running] = killedForTimeout || budgetExhausted
                        ? Result(student, current, TestStatus.TimedOut, $"Timed out: still running after {(limits.CallWallLimit + limits.KillGrace).TotalSeconds:0.#} s, so the grader was stopped. Look for a loop whose condition never becomes false.")
                        : Result(student, current, TestStatus.Crashed, "The grading host died while running this test" + CrashReason(lastOutput) + ".");
                }
                if (budgetExhausted)
                {
                    string why = cancellation.IsCancellationRequested ? "Grading was cancelled" : $"Grading stopped: the submission used up its {limits.TotalTimeout.TotalSeconds:0} s budget";
                    foreach (var id in order.Where(id => !results.ContainsKey(id)).ToList())
                        results[id] = Result(student, manifest[id], TestStatus.TimedOut, why + " before this test ran.");
                    break;
                }
                if (manifest.Count > 0 && manifest.Keys.All(results.ContainsKey)) break;
                if (manifest.Count == 0)
                    throw new GradingException($"The grading host stopped (exit code {exitCode}) before listing any test.{System.Environment.NewLine}{Tail(lastOutput, 30)}");
                if (finished || running == null && !killedForTimeout)
                {
                    // The host ended this submission without these tests and without a test to blame: report them rather than loop.
                    string stopped = finished ? "The grading host finished without running this test." : $"The grading host stopped (exit code {exitCode}) before this test ran.{CrashReason(lastOutput)}";
                    foreach (var id in order.Where(id => !results.ContainsKey(id)).ToList())
                        results[id] = Result(student, manifest[id], TestStatus.Error, stopped);
                    break;
                }
                if (attempt > manifest.Count + 1) throw new GradingException("The grading host kept stopping without progress; giving up.");
            }
            var list = order.Select(id => manifest[id]).ToList();
            return (list, list.Select(t => results[t.Id]).ToList());
        }

        internal static TestResult Result(string student, GradedTest test, TestStatus status, string message) =>
            new(student, test.Exercise, test.Test, status == TestStatus.Passed ? test.Points : 0.0, test.Points, status,
                status == TestStatus.Passed ? "" : message, test.Hidden);

        internal static Dictionary<string, string> ChildEnvironment(GradingLimits limits) => new()
        {
            ["DOTNET_GCHeapHardLimit"] = "0x" + limits.HeapLimitBytes.ToString("X"),
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_TieredPGO"] = "0",
            // No debugger pipes or diagnostic sockets in $TMPDIR: a host killed in a test would leave them behind.
            ["DOTNET_EnableDiagnostics"] = "0",
        };

        private static string CrashReason(string output)
        {
            string? line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l =>
                l.StartsWith("Stack overflow", StringComparison.OrdinalIgnoreCase) ||
                l.StartsWith("Unhandled exception", StringComparison.OrdinalIgnoreCase) ||
                l.StartsWith("Out of memory", StringComparison.OrdinalIgnoreCase) ||
                l.StartsWith("Fatal error", StringComparison.OrdinalIgnoreCase));
            return line == null ? "" : $" ({line})";
        }

        internal static string Tail(string text, int lines)
        {
            var all = text.Replace("\r\n", "\n").TrimEnd().Split('\n');
            return string.Join(System.Environment.NewLine, all.Skip(Math.Max(0, all.Length - lines)));
        }

        internal static string TempFolder(string purpose)
        {
            string path = Path.Combine(Path.GetTempPath(), "vg-grading", $"{purpose}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(path);
            return path;
        }

        internal static void TryDelete(string path)
        {
            try { if (Directory.Exists(path)) Directory.Delete(path, true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Grading could not be done for a reason that is not a student's (missing tools, broken graders).</summary>
    public sealed class GradingException : Exception
    {
        public GradingException(string message) : base(message) { }
    }
}
