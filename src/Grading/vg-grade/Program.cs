using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using VanishingGradients.Grading;

namespace VanishingGradients.Grading.Cli
{
    /// <summary>
    /// Exit codes: 0 success; 1 the check asked for failed (stale exercises/, --expect not met, a submission did not
    /// compile); 2 usage error; 3 grading could not run (tools or graders broken).
    /// </summary>
    public static class Program
    {
        private const string Usage = @"Course kit tool (run from anywhere inside the repository or the student kit)

  grade [--solutions] [--timeout SEC] [--verbose] [--expect full|none]
        Build the graders against exercises/ (or solutions/) and print your scorecard.
  grade-submissions DIR... [--gradebook FILE.csv] [--results-json DIR] [--visible-only] [--timeout SEC] [--jobs N]
                    [--expect full|none] [--trusted]
        Grade copies of exercises/ with students' code (one folder per student) and write the gradebook, and with
        --results-json one DIR/<student>/results.json each (Gradescope's format). Students' code runs only in a sandbox
        (bubblewrap, Linux); elsewhere this refuses unless --trusted says the submissions are trusted.
        --jobs: submissions graded at once (default: the number of cores). --timeout: CPU seconds one call into a
        student's code may use (default 1 here, 10 for grade; a call that computes nothing stops at 5x + 5 s of wall time).
  generate [--check]
        Rebuild exercises/ from solutions/; with --check only compare and fail when exercises/ is stale.
  kit --out FILE.zip
        Pack the student kit (no solutions, no hidden tests, no reference library: expected values travel as data).
  autograder --out FILE.zip
        Pack the Gradescope autograder: setup.sh, run_autograder, this tool, the graders built with the hidden tests.
  gradescope [--autograder DIR] [--unprivileged-fallback]
        What run_autograder runs: grade DIR/submission (DIR: $AUTOGRADER_ROOT, else /autograder) into
        DIR/results/results.json. Where bubblewrap cannot run, --unprivileged-fallback runs students' code as nobody instead
        (root only; the kit must be unreadable to nobody, as run_autograder makes it) and says so.

  --root DIR    the course root (default: found from the current folder)
  --expect full|none   exit 1 unless every test passed (full) / every test failed (none)";

        /// <summary>
        /// Cancelled by Ctrl+C, SIGTERM (timeout, a CI job cancelled, docker stop) or SIGHUP: grading then kills its hosts
        /// and sandboxed workers and removes its temporary folders, staged student code included.
        /// </summary>
        private static readonly CancellationTokenSource Interrupt = new();

        public static int Main(string[] args)
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help") { Console.WriteLine(Usage); return args.Length == 0 ? 2 : 0; }
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; Interrupt.Cancel(); };
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
            try
            {
                var options = Options.Parse(args.Skip(1));
                var layout = options.Root != null ? new CourseLayout(options.Root) : CourseLayout.Find();
                return args[0] switch
                {
                    "grade" => Grade(layout, options),
                    "grade-submissions" => GradeSubmissions(layout, options),
                    "generate" => Generate(layout, options),
                    "kit" => Kit(layout, options),
                    "autograder" => Autograder(layout, options),
                    "gradescope" => Gradescope(layout, options),
                    _ => Fail($"Unknown command '{args[0]}'.{Environment.NewLine}{Usage}", 2),
                };
            }
            // Ctrl+C also ends the children (a graders build fails then): whatever surfaced, the run was interrupted.
            catch (Exception) when (Interrupt.IsCancellationRequested) { return Fail("Interrupted: nothing was written (no gradebook, results or zip).", 130); }
            catch (UsageException e) { return Fail(e.Message + Environment.NewLine + "Run with --help for the commands.", 2); }
            catch (GeneratorException e) { return Fail("Generator: " + e.Message, 3); }
            catch (GradingException e) { return Fail(e.Message, 3); }
            catch (DirectoryNotFoundException e) { return Fail(e.Message, 3); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return Fail("Could not read or write a file: " + e.Message, 3); }
        }

        private static int Grade(CourseLayout layout, Options o)
        {
            if (o.Flag("--solutions") && !layout.HasSolutions)
                throw new UsageException("--solutions grades the reference solutions, and this copy of the kit has none (the student kit ships exercises/ only).");
            string source = o.Flag("--solutions") ? ExerciseSource.Solutions : ExerciseSource.Exercises;
            var card = new CourseGrader(layout, o.Limits()) { Building = SayBuilding }.GradeSource(source, Interrupt.Token);
            Console.WriteLine(ScorecardPrinter.Format(card, o.Flag("--verbose")));
            return Expect(o, new[] { card });
        }

        private static void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true; // ended by Main once the run has cleaned up
            Interrupt.Cancel();
        }

        private static void SayBuilding(string source) => Console.Error.WriteLine($"Building the graders against {source}/ ...");

        // Each job holds a grading host and a sandboxed worker (about 150 MB together) and wants a core of its own.
        private static readonly int MaxJobs = 4 * Environment.ProcessorCount;

        private static readonly TimeSpan ClassCallLimit = TimeSpan.FromSeconds(1);

        private static int GradeSubmissions(CourseLayout layout, Options o)
        {
            var folders = new List<string>();
            foreach (string path in o.Positional.SelectMany(Expand))
            {
                if (Directory.Exists(path)) folders.Add(path);
                else if (File.Exists(path)) Console.Error.WriteLine($"Skipping '{path}': a submission is a folder (a copy of exercises/), not a file.");
                else throw new UsageException($"The submission folder '{path}' does not exist.");
            }
            if (folders.Count == 0) throw new UsageException("grade-submissions needs at least one submission folder.");
            // Outputs that could not be written fail now, not after the whole class has been graded.
            string? gradebook = o.Value("--gradebook"), resultsJson = o.Value("--results-json");
            if (gradebook != null) AtomicFile.CheckWritable(gradebook, "--gradebook");
            if (resultsJson != null) AtomicFile.CheckFolderWritable(resultsJson, "--results-json");
            var progress = new Reports(p =>
            {
                if (p.Sandbox is { } sandbox) Console.Error.WriteLine(Sandbox.Describe(sandbox));
                if (p.Stage == "graded") Console.Error.WriteLine($"[{p.Completed}/{p.Total}] {p.Student} graded");
            });
            // A class run defaults to a short call limit: each looping call burns a core until it is stopped, while a
            // correct call needs milliseconds of CPU (the limit counts CPU time, so a busy machine does not fail it).
            var cards = new CourseGrader(layout, o.Limits(ClassCallLimit)) { Building = SayBuilding }.GradeSubmissions(folders, includeHidden: !o.Flag("--visible-only"),
                parallelism: o.Int("--jobs", o.Int("--parallel", Environment.ProcessorCount, MaxJobs), MaxJobs), progress: progress, cancellation: Interrupt.Token, trusted: o.Flag("--trusted"));
            foreach (var card in cards.OrderBy(c => c.Student, StringComparer.Ordinal)) Console.WriteLine(ScorecardPrinter.Format(card, o.Flag("--verbose")));
            if (resultsJson != null)
            {
                foreach (var card in cards) GradescopeResults.Write(Path.Combine(resultsJson, card.Student, "results.json"), GradescopeResults.FromScorecard(card));
                Console.Error.WriteLine($"results.json per submission written under {Path.GetFullPath(resultsJson)}");
            }
            if (gradebook != null)
            {
                Gradebook.Write(gradebook, cards.OrderBy(c => c.Student, StringComparer.Ordinal));
                Console.Error.WriteLine($"Gradebook written to {Path.GetFullPath(gradebook)}");
            }
            Console.WriteLine("Summary");
            foreach (var card in cards.OrderBy(c => c.Student, StringComparer.Ordinal))
                Console.WriteLine($"  {card.Student,-24} {Gradebook.Number(card.Points),6} / {Gradebook.Number(card.MaxPoints)}{(card.CompileProblem is { } problem ? $"  ({problem})" : "")}");
            if (o.Value("--expect") != null) return Expect(o, cards);
            return cards.Any(c => c.CompileProblem != null) ? 1 : 0;
        }

        private static int Generate(CourseLayout layout, Options o)
        {
            if (!layout.HasSolutions) throw new GradingException("solutions/ is not here (this looks like a student kit): nothing to generate from.");
            if (o.Flag("--check"))
            {
                var differences = ExerciseGenerator.Check(layout.Solutions, layout.Exercises);
                if (differences.Count == 0) { Console.WriteLine("exercises/ is up to date with solutions/."); return 0; }
                Console.WriteLine($"exercises/ is stale: {differences.Count} difference(s) with what the generator produces:");
                foreach (var d in differences.Take(20)) Console.WriteLine("  " + d);
                if (differences.Count > 20) Console.WriteLine($"  ... and {differences.Count - 20} more");
                Console.WriteLine("Regenerate with: dotnet run --project src/Grading/vg-grade -- generate");
                return 1;
            }
            var files = ExerciseGenerator.Write(layout.Solutions, layout.Exercises);
            Console.WriteLine($"Generated {files.Count} files into {layout.Exercises}");
            return 0;
        }

        private static int Kit(CourseLayout layout, Options o)
        {
            string output = o.Value("--out") ?? throw new UsageException("kit needs --out FILE.zip.");
            AtomicFile.CheckWritable(output, "--out");
            var entries = StudentKit.Create(layout, output, Interrupt.Token);
            Console.WriteLine($"Student kit written to {Path.GetFullPath(output)} ({entries.Count} files).");
            return 0;
        }

        private static int Autograder(CourseLayout layout, Options o)
        {
            string output = o.Value("--out") ?? throw new UsageException("autograder needs --out FILE.zip.");
            AtomicFile.CheckWritable(output, "--out");
            Console.Error.WriteLine("Building the graders against solutions/ ...");
            var entries = GradescopeBundle.Create(layout, output, AppContext.BaseDirectory, o.Limits(), Interrupt.Token);
            Console.WriteLine($"Gradescope autograder written to {Path.GetFullPath(output)} ({entries.Count} files). Upload it as the assignment's autograder zip.");
            return 0;
        }

        private static int Gradescope(CourseLayout layout, Options o)
        {
            string root = o.Value("--autograder") ?? Environment.GetEnvironmentVariable("AUTOGRADER_ROOT") ?? "/autograder";
            string results = Path.Combine(root, "results", "results.json");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                string submission = Path.Combine(root, "submission");
                // A GitHub or folder upload may keep the files in exercises/, as the kit has them.
                if (!Directory.EnumerateFiles(submission, "Ex*.cs").Any() && Directory.Exists(Path.Combine(submission, "exercises")))
                    submission = Path.Combine(submission, "exercises");
                bool fallback = o.Flag("--unprivileged-fallback");
                // The sandbox is named once the run has tried the worker in it (bubblewrap may make namespaces and still fail).
                var progress = new Reports(p => { if (p.Sandbox is { } sandbox) Console.WriteLine(Sandbox.Describe(sandbox)); });
                var card = new CourseGrader(layout, o.Limits()).GradeSubmissions(new[] { submission }, includeHidden: true, parallelism: 1,
                    progress: progress, unprivilegedFallback: fallback)[0];
                GradescopeResults.Write(results, GradescopeResults.FromScorecard(card, clock.Elapsed));
                Console.WriteLine(ScorecardPrinter.Format(card, true));
                return 0;
            }
            catch (Exception e)
            {
                // Whatever happened, Gradescope gets a results.json that says so (the platform's only channel to the student).
                GradescopeResults.Write(results, GradescopeResults.Failure(e.Message));
                Console.Error.WriteLine(e);
                return 3;
            }
        }

        private static int Expect(Options o, IReadOnlyList<Scorecard> cards)
        {
            string? expect = o.Value("--expect");
            if (expect == null) return 0;
            var tests = cards.SelectMany(c => c.Tests).ToList();
            if (tests.Count == 0) return Fail("No graded test ran.", 1);
            var wrong = expect switch
            {
                "full" => tests.Where(t => !t.Passed).ToList(),
                "none" => tests.Where(t => t.Passed).ToList(),
                _ => throw new UsageException("--expect takes 'full' or 'none'."),
            };
            if (wrong.Count == 0)
            {
                Console.WriteLine($"Expectation met: {tests.Count} graded tests, {(expect == "full" ? "all passed" : "none passed")}.");
                return 0;
            }
            Console.WriteLine($"Expectation '{expect}' NOT met by {wrong.Count} of {tests.Count} graded tests:");
            foreach (var t in wrong.Take(30)) Console.WriteLine($"  {t.Student} {t.Exercise} {t.Test}: {t.Status} {t.Message.Split('\n')[0]}");
            return 1;
        }

        private static IEnumerable<string> Expand(string pattern)
        {
            // Shells expand submissions/* already; this also accepts a quoted pattern (on shells that do not).
            if (pattern.IndexOfAny(new[] { '*', '?' }) < 0) return new[] { pattern };
            string dir = Path.GetDirectoryName(pattern) is { Length: > 0 } d ? d : ".";
            return Directory.Exists(dir) ? Directory.GetDirectories(dir, Path.GetFileName(pattern)).OrderBy(p => p, StringComparer.Ordinal) : Array.Empty<string>();
        }

        private static int Fail(string message, int code)
        {
            Console.Error.WriteLine(message);
            return code;
        }

        /// <summary>Reports on the grading thread, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
        private sealed class Reports : IProgress<GradingProgress>
        {
            private readonly Action<GradingProgress> _report;
            public Reports(Action<GradingProgress> report) => _report = report;
            public void Report(GradingProgress value) { lock (this) _report(value); }
        }

        private sealed class UsageException : Exception
        {
            public UsageException(string message) : base(message) { }
        }

        private sealed class Options
        {
            private static readonly HashSet<string> Flags = new() { "--solutions", "--verbose", "--check", "--visible-only", "--trusted", "--unprivileged-fallback" };
            private static readonly HashSet<string> Valued = new() { "--timeout", "--gradebook", "--jobs", "--parallel", "--out", "--root", "--expect", "--results-json", "--autograder" };
            private readonly HashSet<string> _flags = new();
            private readonly Dictionary<string, string> _values = new();
            public List<string> Positional { get; } = new();
            public string? Root => Value("--root");

            public static Options Parse(IEnumerable<string> args)
            {
                var o = new Options();
                var list = args.ToList();
                for (int i = 0; i < list.Count; i++)
                {
                    string a = list[i];
                    if (Flags.Contains(a)) o._flags.Add(a);
                    else if (Valued.Contains(a))
                    {
                        if (i + 1 >= list.Count) throw new UsageException($"{a} needs a value.");
                        o._values[a] = list[++i];
                    }
                    else if (a.StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"Unknown option '{a}'.");
                    else o.Positional.Add(a);
                }
                return o;
            }

            public bool Flag(string name) => _flags.Contains(name);
            public string? Value(string name) => _values.TryGetValue(name, out var v) ? v : null;

            public int Int(string name, int fallback, int max)
            {
                string? v = Value(name);
                if (v == null) return fallback;
                if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < 1 || n > max)
                    throw new UsageException($"{name} needs a whole number from 1 to {max}, not '{v}'.");
                return n;
            }

            public GradingLimits Limits(TimeSpan? callLimit = null)
            {
                var limits = callLimit is { } limit ? new GradingLimits { TestTimeout = limit, KillGrace = TimeSpan.FromSeconds(2) } : new GradingLimits();
                string? t = Value("--timeout");
                if (t == null) return limits;
                if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) || !(s > 0) || s > 3600)
                    throw new UsageException($"--timeout needs a number of seconds above 0 and at most 3600, not '{t}'.");
                return limits with { TestTimeout = TimeSpan.FromSeconds(s), KillGrace = TimeSpan.FromSeconds(Math.Max(2, s / 2)) };
            }
        }
    }
}
