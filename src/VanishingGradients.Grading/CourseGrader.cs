using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace VanishingGradients.Grading
{
    /// <summary>Progress of a multi-submission grading run.</summary>
    public sealed record GradingProgress(string Student, string Stage, int Completed, int Total);

    /// <summary>Builds the graders and grades the course's own projects or students' submission folders.</summary>
    public sealed class CourseGrader
    {
        private static readonly Regex ExerciseFile = new(@"^Ex\d\d_[A-Za-z0-9]+\.cs$", RegexOptions.Compiled);
        private static readonly Regex CompilerError = new(@"^(?<file>[^(]*?)(\((?<pos>\d+,\d+)\))?\s*:\s*error\s+(?<code>[A-Z]+\d+)\s*:\s*(?<text>.*?)(\s+\[[^\]]*\])?$", RegexOptions.Compiled);

        public CourseGrader(CourseLayout layout, GradingLimits? limits = null)
        {
            Layout = layout;
            Limits = limits ?? new GradingLimits();
        }

        public CourseLayout Layout { get; }
        public GradingLimits Limits { get; }

        /// <summary>Builds the graders against exercises/ or solutions/ (the latter adds the hidden tests); returns the grader assembly.</summary>
        public string BuildGraders(string source)
        {
            Layout.Source(source); // validates the name
            var outcome = ProcessRunner.Run(GraderRunner.DotnetHost,
                new[] { "build", Layout.GraderProject, "-c", "Release", "-p:ExerciseSource=" + source, "-nologo", "-v:q", "-clp:NoSummary;ErrorsOnly", "-nodeReuse:false" },
                Layout.Root, Limits.BuildTimeout);
            string assembly = Layout.GraderAssembly(source);
            if (outcome.ExitCode != 0 || !File.Exists(assembly))
                throw new GradingException($"Building the graders against {source}/ failed (exit code {outcome.ExitCode}).{Environment.NewLine}{GraderRunner.Tail(outcome.Output, 40)}");
            return assembly;
        }

        /// <summary>Grades exercises/ or solutions/ in place: builds the graders against it and runs them.</summary>
        public Scorecard GradeSource(string source, CancellationToken cancellation = default)
        {
            string assembly = BuildGraders(source);
            var (manifest, results) = GraderRunner.Run(assembly, source, Limits, cancellation);
            return Scorecard.FromTests(source, manifest, results);
        }

        /// <summary>
        /// Grades submission folders (copies of exercises/ with students' code), each built and graded in its own processes.
        /// Only the submission's Ex??_*.cs files are used; the project file and the given helpers come from the kit, so a
        /// broken project file cannot stop a submission from being graded. With <paramref name="includeHidden"/> (and solutions/
        /// present) the hidden tests count too.
        /// </summary>
        public IReadOnlyList<Scorecard> GradeSubmissions(IEnumerable<string> submissionFolders, bool includeHidden = true, int parallelism = 2,
            IProgress<GradingProgress>? progress = null, CancellationToken cancellation = default)
        {
            var folders = submissionFolders.Select(Path.GetFullPath).Distinct().ToList();
            foreach (var folder in folders)
                if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"The submission folder '{folder}' does not exist.");
            string source = includeHidden && Layout.HasSolutions ? ExerciseSource.Solutions : ExerciseSource.Exercises;
            string graders = BuildGraders(source);
            var manifest = GraderRunner.List(graders, Limits);
            var cards = new Scorecard[folders.Count];
            int done = 0;
            var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellation };
            Parallel.For(0, folders.Count, options, i =>
            {
                string student = new DirectoryInfo(folders[i]).Name;
                progress?.Report(new GradingProgress(student, "building", Volatile.Read(ref done), folders.Count));
                cards[i] = GradeSubmission(folders[i], student, graders, manifest, progress, cancellation);
                int completed = Interlocked.Increment(ref done);
                progress?.Report(new GradingProgress(student, "graded", completed, folders.Count));
            });
            return cards;
        }

        private Scorecard GradeSubmission(string folder, string student, string graders, IReadOnlyList<GradedTest> manifest,
            IProgress<GradingProgress>? progress, CancellationToken cancellation)
        {
            string work = GraderRunner.TempFolder("submission");
            try
            {
                string project = Path.Combine(work, "project");
                CopyProject(Layout.Exercises, project);
                var used = new List<string>();
                foreach (string file in Directory.EnumerateFiles(folder, "Ex*.cs", SearchOption.TopDirectoryOnly))
                {
                    if (!ExerciseFile.IsMatch(Path.GetFileName(file))) continue;
                    File.Copy(file, Path.Combine(project, Path.GetFileName(file)), overwrite: true);
                    used.Add(Path.GetFileName(file));
                }
                if (used.Count == 0)
                    return Uniform(student, manifest, TestStatus.Error, $"No exercise files (Ex01_*.cs ... Ex14_*.cs) found in '{folder}'.");

                string output = Path.Combine(work, "build");
                var build = ProcessRunner.Run(GraderRunner.DotnetHost,
                    new[] { "build", Path.Combine(project, CourseLayout.ProjectFileName), "-c", "Release", "-o", output, "-nologo", "-v:q", "-clp:NoSummary", "-nodeReuse:false" },
                    project, Limits.BuildTimeout, cancellation: cancellation);
                string built = Path.Combine(output, CourseLayout.ExerciseAssemblyName + ".dll");
                if (build.Killed || build.ExitCode != 0 || !File.Exists(built))
                {
                    string errors = build.Killed ? $"The build did not finish within {Limits.BuildTimeout.TotalSeconds:0} s." : CompilerErrors(build.Output, project);
                    return Uniform(student, manifest, TestStatus.CompileError, "Does not compile: " + errors, build.Output);
                }

                progress?.Report(new GradingProgress(student, "grading", 0, 0));
                string run = Path.Combine(work, "graders");
                CopyDirectory(Path.GetDirectoryName(graders)!, run);
                foreach (string ext in new[] { ".dll", ".pdb" })
                {
                    string from = Path.Combine(output, CourseLayout.ExerciseAssemblyName + ext);
                    if (File.Exists(from)) File.Copy(from, Path.Combine(run, CourseLayout.ExerciseAssemblyName + ext), overwrite: true);
                }
                var (runManifest, results) = GraderRunner.Run(Path.Combine(run, Path.GetFileName(graders)), student, Limits, cancellation);
                return Scorecard.FromTests(student, runManifest, results);
            }
            catch (GradingException e)
            {
                return Uniform(student, manifest, TestStatus.Error, e.Message);
            }
            finally { GraderRunner.TryDelete(work); }
        }

        /// <summary>The compiler's error lines, one each, with paths shortened to the file name.</summary>
        internal static string CompilerErrors(string buildOutput, string projectFolder)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var lines = new List<string>();
            foreach (string raw in buildOutput.Replace("\r\n", "\n").Split('\n'))
            {
                var m = CompilerError.Match(raw.Trim());
                if (!m.Success) continue;
                string file = m.Groups["file"].Value.Trim();
                if (file.StartsWith(projectFolder, StringComparison.Ordinal)) file = file.Substring(projectFolder.Length).TrimStart('/', '\\');
                string where = m.Groups["pos"].Success ? $"{Path.GetFileName(file)}({m.Groups["pos"].Value})" : Path.GetFileName(file);
                string line = $"{where}: error {m.Groups["code"].Value}: {m.Groups["text"].Value}";
                if (seen.Add(line)) lines.Add(line);
            }
            if (lines.Count == 0) return GraderRunner.Tail(buildOutput, 10);
            const int shown = 5;
            string text = string.Join(Environment.NewLine, lines.Take(shown));
            return lines.Count > shown ? text + $"{Environment.NewLine}... and {lines.Count - shown} more errors" : text;
        }

        private static Scorecard Uniform(string student, IReadOnlyList<GradedTest> manifest, TestStatus status, string message, string? buildOutput = null)
        {
            var tests = manifest.Select(t => GraderRunner.Result(student, t, status, message));
            var card = Scorecard.FromTests(student, manifest, tests);
            return new Scorecard(student, card.Exercises, buildOutput);
        }

        private static void CopyProject(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                string relative = ExerciseGenerator.Relative(from, file);
                if (ExerciseGenerator.IsExcluded(relative)) continue;
                string target = Path.Combine(to, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
        }

        private static void CopyDirectory(string from, string to)
        {
            foreach (string dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
                Directory.CreateDirectory(Path.Combine(to, ExerciseGenerator.Relative(from, dir)));
            Directory.CreateDirectory(to);
            foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
                File.Copy(file, Path.Combine(to, ExerciseGenerator.Relative(from, file)), overwrite: true);
        }
    }
}
