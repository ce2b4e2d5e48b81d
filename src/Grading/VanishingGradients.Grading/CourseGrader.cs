using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace VanishingGradients.Grading
{
    /// <summary>Progress of a multi-submission grading run; the "graded" report carries that student's finished
    /// <paramref name="Card"/>, so a caller can write it at once instead of after the whole class, and the first one
    /// ("compiling") the <paramref name="Sandbox"/> the run settled on (after trying the worker in it).</summary>
    public sealed record GradingProgress(string Student, string Stage, int Completed, int Total, Scorecard? Card = null, SandboxMode? Sandbox = null);

    /// <summary>Builds the graders and grades the course's own projects or students' submission folders.</summary>
    public sealed class CourseGrader
    {
        private static readonly Regex ExerciseFile = new(@"^Ex\d\d_[A-Za-z0-9]+\.cs$", RegexOptions.Compiled);

        /// <summary>True for an exercise file's name (Ex05_Tanh.cs): the only files a submission is made of.</summary>
        internal static bool IsExerciseFile(string name) => ExerciseFile.IsMatch(name);

        public CourseGrader(CourseLayout layout, GradingLimits? limits = null)
        {
            Layout = layout;
            Limits = limits ?? new GradingLimits();
        }

        public CourseLayout Layout { get; }
        public GradingLimits Limits { get; }

        /// <summary>Told the source folder's name when the graders need a `dotnet build` (seconds), not when they are current.</summary>
        public Action<string>? Building { get; init; }

        /// <summary>Builds the graders against exercises/ or solutions/ (the latter adds the hidden tests); returns the grader assembly.</summary>
        public string BuildGraders(string source)
        {
            Layout.Source(source); // validates the name
            // A bundle (the Gradescope autograder) ships the graders built, without their project or an SDK to build it.
            string assembly = Layout.GraderAssembly(source), stamp = assembly + ".built";
            if (!File.Exists(Layout.GraderProject) && File.Exists(assembly)) return assembly;
            // `dotnet build` costs seconds even when nothing changed (more than the grading itself): skip it then.
            // A stamp beside the graders records when the last build started (msbuild leaves outputs it did not need to redo alone).
            if (File.Exists(assembly) && File.Exists(Layout.WorkerAssembly) && File.Exists(stamp))
            {
                var built = File.GetLastWriteTimeUtc(stamp);
                if (Layout.GraderInputs(source).All(f => File.GetLastWriteTimeUtc(f) < built)) return assembly;
            }
            Building?.Invoke(source);
            var started = DateTime.UtcNow;
            var outcome = ProcessRunner.Run(GraderRunner.DotnetHost,
                new[] { "build", Layout.GraderProject, "-c", "Release", "-p:ExerciseSource=" + source, "-nologo", "-v:q", "-clp:NoSummary;ErrorsOnly", "-nodeReuse:false" },
                Layout.Root, Limits.BuildTimeout);
            if (outcome.ExitCode != 0 || !File.Exists(assembly))
                throw new GradingException($"Building the graders against {source}/ failed (exit code {outcome.ExitCode}).{Environment.NewLine}{GraderRunner.Tail(outcome.Output, 40)}");
            File.WriteAllText(stamp, "");
            File.SetLastWriteTimeUtc(stamp, started);
            return assembly;
        }

        /// <summary>Grades exercises/ or solutions/ in place (the course's own code: sandboxed where possible, else trusted).</summary>
        public Scorecard GradeSource(string source, CancellationToken cancellation = default)
        {
            string assembly = BuildGraders(source);
            var sandbox = Sandbox.Available ? SandboxMode.Bubblewrap : SandboxMode.None;
            string work = GraderRunner.TempFolder("source");
            try
            {
                string staged = Directory.CreateDirectory(Path.Combine(work, "src", "0")).FullName;
                CopyExerciseSources(Layout.Source(source), staged);
                SubmissionCompiler.AddSupport(staged, Path.Combine(Layout.Source(source), "Support"));
                SubmissionCompiler.AddStubs(Path.GetDirectoryName(staged)!, Layout.Stubs);
                var compiled = SubmissionCompiler.CompileAll(Path.GetDirectoryName(staged)!, Path.Combine(work, "out"), Layout.WorkerAssembly, sandbox, Limits, 1, cancellation)["0"];
                if (compiled.Assembly == null)
                    return Uniform(source, GraderRunner.List(assembly, Limits), TestStatus.CompileError, compiled.Errors ?? "Does not compile: " + compiled.Problem);
                using var hosts = new GradingHosts(assembly, Layout.WorkerAssembly, sandbox, Limits);
                var (manifest, results) = GraderRunner.Run(hosts, compiled.Assembly, source, cancellation);
                cancellation.ThrowIfCancellationRequested(); // the run stopped early: no scorecard of half the tests
                return Scorecard.FromTests(source, manifest, compiled.MarkUncompiled(results));
            }
            finally { GraderRunner.TryDelete(work); }
        }

        /// <summary>
        /// Grades submission folders (copies of exercises/ with students' code). A submission is data: only its Ex??_*.cs
        /// files are read, as regular files of bounded size, into a private folder; the helpers come from the kit. All of
        /// them are compiled in one sandboxed worker (a warm compiler), then graded <paramref name="parallelism"/> at a time
        /// by as many long-lived grading hosts, each submission with a sandboxed worker of its own; without a sandbox this refuses unless
        /// <paramref name="trusted"/> says the submissions are trusted. Whatever goes wrong with one submission becomes
        /// that student's error row; the others are graded regardless. With <paramref name="includeHidden"/> (and
        /// solutions/ present, or graders prebuilt with them) the hidden tests count too. <paramref name="unprivilegedFallback"/>
        /// allows <see cref="SandboxMode.UnprivilegedUser"/> where bubblewrap does not work (the caller says so to the user).
        /// </summary>
        public IReadOnlyList<Scorecard> GradeSubmissions(IEnumerable<string> submissionFolders, bool includeHidden = true, int parallelism = 2,
            IProgress<GradingProgress>? progress = null, CancellationToken cancellation = default, bool trusted = false, bool unprivilegedFallback = false)
        {
            var sandbox = trusted ? SandboxMode.None
                : Sandbox.Available ? SandboxMode.Bubblewrap
                : unprivilegedFallback && Sandbox.UnprivilegedUserAvailable ? SandboxMode.UnprivilegedUser
                : throw new GradingException($"Refusing to run students' code without a sandbox: {Sandbox.Unavailable}. " +
                    "If you trust every submission (e.g. your own test folders), pass --trusted (Invoke-ExerciseGrader -TrustSubmissions).");
            var folders = submissionFolders.Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f))).Distinct().ToList();
            // The gradebook, the results and every message name a student by the folder's name: two alike would be one row.
            if (folders.GroupBy(f => Path.GetFileName(f), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twins)
                throw new GradingException($"Two submission folders have the same name, '{twins.Key}' ({string.Join(", ", twins)}); " +
                    "the gradebook tells students apart by folder name, so rename one or grade them in separate runs.");
            // A file a student did not hand in is graded as the kit's stub from exercises/: edited there, it would give
            // points away (the solutions copied in), so it must be what the generator makes of solutions/.
            if (Layout.HasSolutions) ExerciseGenerator.RequireCurrent(Layout.Solutions, Layout.Exercises);
            bool hidden = Layout.HasSolutions || File.Exists(Layout.GraderAssembly(ExerciseSource.Solutions)) && !File.Exists(Layout.GraderProject);
            string source = includeHidden && hidden ? ExerciseSource.Solutions : ExerciseSource.Exercises;
            string graders = BuildGraders(source);
            if (sandbox == SandboxMode.Bubblewrap && Sandbox.CheckWorker(Layout.WorkerAssembly, sandbox, Limits) is { } broken)
                sandbox = unprivilegedFallback && Sandbox.UnprivilegedUserAvailable ? SandboxMode.UnprivilegedUser
                    : throw new GradingException($"Refusing to run students' code: {broken}.");
            var manifest = GraderRunner.List(graders, Limits);
            var students = folders.Select(f => Path.GetFileName(f)).ToList();
            var cards = new Scorecard?[folders.Count];
            string work = GraderRunner.TempFolder("class");
            try
            {
                string staged = Path.Combine(work, "src");
                var exerciseNames = ExerciseSources(Layout.Stubs).Select(f => Path.GetFileName(f)).ToHashSet(StringComparer.Ordinal);
                for (int i = 0; i < folders.Count; i++)
                {
                    string? problem = Stage(folders[i], Path.Combine(staged, i.ToString(CultureInfo.InvariantCulture)), exerciseNames);
                    if (problem != null) cards[i] = Uniform(students[i], manifest, TestStatus.Error, problem);
                }
                progress?.Report(new GradingProgress("", "compiling", 0, folders.Count, Sandbox: sandbox));
                if (Directory.Exists(staged)) SubmissionCompiler.AddStubs(staged, Layout.Stubs);
                var compiled = Directory.Exists(staged)
                    ? SubmissionCompiler.CompileAll(staged, Path.Combine(work, "out"), Layout.WorkerAssembly, sandbox, Limits, parallelism, cancellation)
                    : new Dictionary<string, CompiledSubmission>();
                using var hosts = new GradingHosts(graders, Layout.WorkerAssembly, sandbox, Limits);
                int done = 0;
                var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellation };
                Parallel.For(0, folders.Count, options, i =>
                {
                    progress?.Report(new GradingProgress(students[i], "grading", Volatile.Read(ref done), folders.Count));
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    var card = cards[i] ?? (compiled.TryGetValue(i.ToString(CultureInfo.InvariantCulture), out var c)
                        ? GradeCompiled(c, students[i], hosts, manifest, cancellation)
                        : Uniform(students[i], manifest, TestStatus.Error, "Could not be graded: its files were not compiled."));
                    cards[i] = new Scorecard(card.Student, card.Exercises) { GradingTime = clock.Elapsed };
                    int completed = Interlocked.Increment(ref done);
                    progress?.Report(new GradingProgress(students[i], "graded", completed, folders.Count, cards[i]));
                });
            }
            finally { GraderRunner.TryDelete(work); }
            return cards.Select(c => c!).ToList();
        }

        /// <summary>Largest exercise file accepted (the biggest solution is about 8 KB).</summary>
        public const int MaxExerciseFileBytes = 256 * 1024;

        /// <summary>Stages one submission for the compiler: the kit's stubs, overwritten by the student's files, and the kit's helpers. Returns why it cannot be graded, or null.</summary>
        private string? Stage(string folder, string staged, IReadOnlySet<string> exerciseNames)
        {
            try
            {
                Directory.CreateDirectory(staged);
                // Start from the kit's stubs so that a file the student did not hand in counts as untouched.
                CopyExerciseSources(Layout.Stubs, staged);
                string? problem = CopyExerciseFiles(folder, staged, exerciseNames);
                if (problem == null) SubmissionCompiler.AddSupport(staged, Layout.Support);
                else GraderRunner.TryDelete(staged);
                return problem;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                GraderRunner.TryDelete(staged);
                return "Could not be graded: " + e.Message;
            }
        }

        // The kit's own Ex??_*.cs files of exercises/ or solutions/ (trusted), copied into a staging folder.
        private static void CopyExerciseSources(string folder, string staged)
        {
            foreach (string file in ExerciseSources(folder)) File.Copy(file, Path.Combine(staged, Path.GetFileName(file)));
        }

        /// <summary>The kit's own exercise files (Ex??_*.cs) in a trusted folder, in name order.</summary>
        internal static IEnumerable<string> ExerciseSources(string folder) =>
            Directory.EnumerateFiles(folder, "Ex*.cs").Where(f => IsExerciseFile(Path.GetFileName(f))).OrderBy(f => f, StringComparer.Ordinal);

        private static Scorecard GradeCompiled(CompiledSubmission compiled, string student, GradingHosts hosts, IReadOnlyList<GradedTest> manifest,
            CancellationToken cancellation)
        {
            if (compiled.Errors != null) return Uniform(student, manifest, TestStatus.CompileError, compiled.Errors);
            if (compiled.Assembly == null) return Uniform(student, manifest, TestStatus.Error, "Could not be graded: " + compiled.Problem + ".");
            try
            {
                var (runManifest, results) = GraderRunner.Run(hosts, compiled.Assembly, student, cancellation);
                return Scorecard.FromTests(student, runManifest, compiled.MarkUncompiled(results));
            }
            catch (OperationCanceledException) { throw; }
            catch (Exception e) when (e is GradingException or IOException or UnauthorizedAccessException or FormatException or ArgumentException or InvalidOperationException)
            {
                return Uniform(student, manifest, TestStatus.Error, "Could not be graded: " + e.Message);
            }
        }

        /// <summary>
        /// Copies the submission's exercise files as plain text into <paramref name="target"/>; returns why it cannot, or
        /// null. With <paramref name="expected"/> (the kit's file names), other Ex??_*.cs files (a backup "Ex05_Tanh2.cs",
        /// an "Ex99_Extra.cs") are left out: they would only clash with the real ones.
        /// </summary>
        internal static string? CopyExerciseFiles(string folder, string target, IReadOnlySet<string>? expected = null)
        {
            var dir = new DirectoryInfo(folder);
            if (!dir.Exists) return $"The submission folder '{folder}' does not exist (any more).";
            if ((dir.Attributes & FileAttributes.ReparsePoint) != 0) return $"The submission folder '{dir.Name}' is a symbolic link; submit a real folder.";
            int used = 0;
            foreach (var file in dir.EnumerateFiles("Ex*.cs", SearchOption.TopDirectoryOnly))
            {
                if (!IsExerciseFile(file.Name) || expected?.Contains(file.Name) == false) continue;
                if ((file.Attributes & FileAttributes.ReparsePoint) != 0) return $"{file.Name} is a symbolic link; submit the file itself.";
                using var stream = UntrustedFile.OpenRead(file.FullName);
                if (stream == null) return $"{file.Name} is a symbolic link; submit the file itself.";
                if (!stream.CanSeek) return $"{file.Name} is not a regular file (a pipe or a device); submit the file itself.";
                if (stream.Length > MaxExerciseFileBytes) return $"{file.Name} is {stream.Length / 1024} KB; an exercise file may be at most {MaxExerciseFileBytes / 1024} KB.";
                var bytes = new byte[stream.Length];
                int read = 0;
                while (read < bytes.Length) { int n = stream.Read(bytes, read, bytes.Length - read); if (n == 0) break; read += n; }
                if (stream.ReadByte() != -1 || read != bytes.Length) return $"{file.Name} changed while it was read.";
                File.WriteAllBytes(Path.Combine(target, file.Name), bytes); // a new regular file of ours, never the student's inode
                used++;
            }
            return used == 0 ? $"No exercise files (Ex01_*.cs ... Ex14_*.cs) found in '{dir.Name}'." : null;
        }

        private static Scorecard Uniform(string student, IReadOnlyList<GradedTest> manifest, TestStatus status, string message) =>
            Scorecard.FromTests(student, manifest, manifest.Select(t => GraderRunner.Result(student, t, status, message)));
    }
}
