using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;

namespace VanishingGradients.Grading
{
    /// <summary>A submission compiled: the assembly (its .pdb beside it), or why there is none.</summary>
    /// <param name="Assembly">The compiled assembly's path, or null.</param>
    /// <param name="Errors">"Does not compile: ..." with the compiler's first errors, or null.</param>
    /// <param name="Problem">Why the compiler gave no answer at all (it crashed or ran out of time), or null.</param>
    public sealed record CompiledSubmission(string? Assembly, string? Errors, string? Problem)
    {
        /// <summary>
        /// Exercises (Ex05, ...) whose file did not compile and was replaced by the kit's stub so that the others could
        /// be graded, each with "Does not compile: ..." and that file's errors.
        /// </summary>
        public IReadOnlyDictionary<string, string> Uncompiled { get; init; } = new Dictionary<string, string>();

        /// <summary>
        /// The results with every test of an <see cref="Uncompiled"/> exercise marked CompileError, with no points; a test
        /// of another exercise that reached such an exercise's stub (its message names the stub's file) says so.
        /// </summary>
        public IEnumerable<TestResult> MarkUncompiled(IEnumerable<TestResult> results) => results.Select(r =>
            Uncompiled.TryGetValue(r.Exercise, out var why) ? r with { Status = TestStatus.CompileError, Points = 0, Message = why }
            : r.Status == TestStatus.NotImplemented && Uncompiled.Keys.FirstOrDefault(e => r.Message.Contains(e + "_", StringComparison.Ordinal)) is { } swapped
                ? r with { Message = $"{r.Message} ({swapped} does not compile, so it was graded as its stub.)" }
                : r);
    }

    /// <summary>
    /// Compiles a whole class in one worker process (its --compile-all, sandboxed like every worker): Roslyn is warmed up
    /// once per grading run instead of once per submission, which was most of a submission's cost. Sources are staged
    /// under one folder, one subfolder per submission, each with the kit's helpers in Support/; the kit's stubs go beside
    /// them (<see cref="AddStubs"/>) so that an exercise file that does not compile costs only its own exercise.
    /// </summary>
    public static class SubmissionCompiler
    {
        /// <summary>Copies the kit's helpers beside staged exercise files, as the compiler expects them.</summary>
        public static void AddSupport(string staged, string? support)
        {
            if (support == null || !Directory.Exists(support)) return;
            string target = Directory.CreateDirectory(Path.Combine(staged, "Support")).FullName;
            foreach (string file in Directory.EnumerateFiles(support, "*.cs")) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        /// <summary>The folder beside the staged submissions that holds the kit's stubs (not a submission: its name is no number).</summary>
        public const string StubsFolder = ".stubs";

        /// <summary>Copies the kit's stubs of the exercise files into <see cref="StubsFolder"/>, where the compiler takes them from.</summary>
        public static void AddStubs(string staged, string exercises)
        {
            string target = Directory.CreateDirectory(Path.Combine(staged, StubsFolder)).FullName;
            foreach (string file in Directory.EnumerateFiles(exercises, "Ex*.cs")) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        /// <summary>Compiles every subfolder of <paramref name="staged"/>; the result is keyed by subfolder name.</summary>
        public static IReadOnlyDictionary<string, CompiledSubmission> CompileAll(string staged, string output, string workerAssembly,
            SandboxMode mode, GradingLimits limits, int jobs, CancellationToken cancellation = default)
        {
            Directory.CreateDirectory(output);
            // Root hands the sandbox to nobody, who must be able to write the results.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(output, (UnixFileMode)0x1FF); // rwxrwxrwx
                // Copies keep their source's mode, and the Gradescope bundle's kit is root's alone: the staged stubs,
                // helpers and submissions must be readable to nobody whatever they were copied from.
                foreach (string dir in Directory.EnumerateDirectories(staged, "*", SearchOption.AllDirectories).Prepend(staged))
                    File.SetUnixFileMode(dir, (UnixFileMode)0x1ED); // rwxr-xr-x
                foreach (string copy in Directory.EnumerateFiles(staged, "*", SearchOption.AllDirectories))
                    File.SetUnixFileMode(copy, (UnixFileMode)0x1A4); // rw-r--r--
            }
            string stopped = RunUntilDone(staged, output, jobs, (pending, runJobs) =>
            {
                // CPU time grows with the class (a compile costs about 0.15 s); each compile has its own limit besides.
                var (file, args, environment) = Sandbox.CompilerCommand(workerAssembly, mode,
                    limits with { CpuTime = limits.CpuTime + pending * limits.CompileTimeout / 10 }, staged, output, runJobs);
                var outcome = ProcessRunner.Run(file, args, output, limits.BuildTimeout + TimeSpan.FromMinutes(1), environment, cancellation);
                cancellation.ThrowIfCancellationRequested();
                return outcome;
            });
            return Read(staged, output, stopped);
        }

        /// <summary>
        /// Runs the class compiler (<paramref name="run"/>, given the number of submissions left and the jobs to use) until
        /// every staged submission has a result; returns what to say of those left without one. One submission's code must
        /// not cost the others their grades: when the compiler dies (Roslyn overflowing its stack on absurd code, say), it
        /// runs again on what is left, one submission at a time, and a run that dies then died on the submission it had
        /// started and not finished (NAME.started), which gets the blame as its errors.
        /// </summary>
        internal static string RunUntilDone(string staged, string output, int jobs, Func<int, int, ProcessOutcome> run)
        {
            bool oneAtATime = false;
            while (true)
            {
                var outcome = run(Pending(staged, output).Count, oneAtATime ? 1 : jobs);
                string stopped = outcome.Killed ? "the compiler ran out of time"
                    : $"the compiler stopped (exit code {outcome.ExitCode}){(outcome.Output.Length > 0 ? ": " + GraderRunner.Tail(outcome.Output, 5) : "")}";
                var left = Pending(staged, output);
                if (outcome.ExitCode == 0 && !outcome.Killed || left.Count == 0) return stopped;
                if (oneAtATime && outcome.ExitCode != Worker.CompileOutput.GaveUpExitCode) // else it named the culprit itself
                {
                    string? culprit = left.FirstOrDefault(n => File.Exists(Worker.CompileOutput.PathOf(output, n, Worker.CompileOutput.Started)));
                    if (culprit == null) return stopped; // it died before compiling anything: no submission's fault
                    File.WriteAllText(Worker.CompileOutput.PathOf(output, culprit, Worker.CompileOutput.Errors),
                        $"error VG0004: this code crashed the compiler (exit code {outcome.ExitCode})");
                }
                // The next run marks afresh which submission it started.
                foreach (string started in Directory.EnumerateFiles(output, "*" + Worker.CompileOutput.Started)) File.Delete(started);
                oneAtATime = true;
            }
        }

        /// <summary>The staged submissions the compiler has not finished.</summary>
        private static List<string> Pending(string staged, string output) => Directory.EnumerateDirectories(staged)
            .Select(d => Path.GetFileName(d)).Where(n => n != StubsFolder && !Worker.CompileOutput.Finished(output, n))
            .OrderBy(n => n, StringComparer.Ordinal).ToList();

        /// <summary>What the compiler left in <paramref name="output"/> for each submission staged in <paramref name="staged"/>.</summary>
        internal static IReadOnlyDictionary<string, CompiledSubmission> Read(string staged, string output, string stopped)
        {
            var compiled = new Dictionary<string, CompiledSubmission>(StringComparer.Ordinal);
            foreach (string folder in Directory.EnumerateDirectories(staged).Where(d => Path.GetFileName(d) != StubsFolder))
            {
                string name = Path.GetFileName(folder), dll = Worker.CompileOutput.PathOf(output, name, Worker.CompileOutput.Assembly);
                string errors = Worker.CompileOutput.PathOf(output, name, Worker.CompileOutput.Errors), replaced = Worker.CompileOutput.PathOf(output, name, Worker.CompileOutput.Replaced);
                compiled[name] = File.Exists(dll) && File.Exists(Worker.CompileOutput.PathOf(output, name, Worker.CompileOutput.Symbols))
                        ? new CompiledSubmission(dll, null, null) { Uncompiled = File.Exists(replaced) ? ByExercise(ReadLines(replaced)) : new Dictionary<string, string>() }
                    : File.Exists(errors) ? new CompiledSubmission(null, Describe(ReadLines(errors)), null)
                    : new CompiledSubmission(null, null, stopped);
            }
            return compiled;
        }

        // The compiler ran on students' text in the sandbox: read a bounded amount of what it wrote.
        private static IReadOnlyList<string> ReadLines(string path) =>
            File.ReadLines(path).Take(200).Select(l => l.Length > 1000 ? l.Substring(0, 1000) + "..." : l).ToList();

        /// <summary>"Ex05_Tanh.cs(3,5): error ..." lines grouped by exercise (Ex05); lines of no exercise file are dropped.</summary>
        private static Dictionary<string, string> ByExercise(IReadOnlyList<string> errors) => errors
            .Select(line => (Line: line, File: line.Split('(', 2)[0]))
            .Where(e => CourseGrader.IsExerciseFile(e.File))
            .GroupBy(e => e.File.Substring(0, 4), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Describe(g.Select(e => e.Line).ToList()), StringComparer.Ordinal);

        private static string Describe(IReadOnlyList<string> errors)
        {
            const int shown = 5;
            string text = string.Join(Environment.NewLine, errors.Take(shown));
            return "Does not compile: " + (errors.Count > shown ? text + $"{Environment.NewLine}... and {errors.Count - shown} more errors" : text);
        }
    }
}
