using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using VanishingGradients.Grading;

namespace VanishingGradients.PowerShell
{
    /// <summary>
    /// Invoke-ExerciseGrader: grades students' submission folders (copies of exercises/ with their code), each compiled and run
    /// only in a sandboxed worker process (see Sandbox in VanishingGradients.Grading), and writes one <see cref="ExerciseResult"/> per student and exercise, ready for Export-Csv.
    /// Without -Path it grades the course's own exercises/ (or solutions/ with -Solutions).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "ExerciseGrader", DefaultParameterSetName = CourseSet)]
    [OutputType(typeof(ExerciseResult))]
    public sealed class InvokeExerciseGraderCommand : PSCmdlet, IDisposable
    {
        private const string SubmissionsSet = "Submissions", CourseSet = "Course";
        private const string Prefix = "InvokeExerciseGrader";
        private readonly List<string> _folders = new List<string>();
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();

        /// <summary>Submission folders; wildcards allowed (./submissions/*). Binds FullName/PSPath from Get-ChildItem.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SubmissionsSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Grade solutions/ instead of exercises/ (no -Path): the instructor's check that every grader can pass.</summary>
        [Parameter(ParameterSetName = CourseSet)]
        public SwitchParameter Solutions { get; set; }

        /// <summary>Use only the graders students see, not the hidden ones.</summary>
        [Parameter(ParameterSetName = SubmissionsSet)]
        public SwitchParameter VisibleOnly { get; set; }

        /// <summary>Time one test may run before it is failed as timed out.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public double TimeoutSeconds { get; set; } = 10;

        /// <summary>Submissions built and graded at the same time.</summary>
        [Parameter(ParameterSetName = SubmissionsSet)]
        [ValidateRange(1, 16)]
        public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

        /// <summary>
        /// The submissions are trusted (e.g. the instructor's own test folders): run them without the sandbox. Without it,
        /// grading submissions where no sandbox exists (no bubblewrap, Windows, macOS) stops with an error.
        /// </summary>
        [Parameter(ParameterSetName = SubmissionsSet)]
        public SwitchParameter TrustSubmissions { get; set; }

        /// <summary>
        /// The course folder (holding exercises/ with its graders), so an installed module grades any course; found from the
        /// current location when omitted. -CourseRoot, its earlier name, still binds.
        /// </summary>
        [Parameter]
        [Alias("CourseRoot")]
        [ValidateNotNullOrEmpty]
        public string? CoursePath { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName != SubmissionsSet) return;
            foreach (string path in Path)
            {
                Collection<string> resolved;
                ProviderInfo provider;
                try
                {
                    resolved = GetResolvedProviderPathFromPSPath(path, out provider);
                }
                catch (ItemNotFoundException e)
                {
                    WriteError(new ErrorRecord(e, Prefix + "PathNotFound", ErrorCategory.ObjectNotFound, path));
                    continue;
                }
                if (provider.Name != "FileSystem")
                {
                    WriteError(new ErrorRecord(new ArgumentException($"'{path}' is not a file-system path."), Prefix + "NotFileSystem", ErrorCategory.InvalidArgument, path));
                    continue;
                }
                if (resolved.Count == 0 && WildcardPattern.ContainsWildcardCharacters(path))
                {
                    WriteError(new ErrorRecord(new ItemNotFoundException($"No submission folder matches '{path}'."), Prefix + "PathNotFound", ErrorCategory.ObjectNotFound, path));
                    continue;
                }
                foreach (string folder in resolved)
                {
                    if (Directory.Exists(folder)) _folders.Add(folder);
                    else if (!WildcardPattern.ContainsWildcardCharacters(path))
                        WriteError(new ErrorRecord(new ArgumentException($"'{folder}' is a file; a submission is a folder (a copy of exercises/)."),
                            Prefix + "NotAFolder", ErrorCategory.InvalidArgument, folder));
                }
            }
        }

        protected override void EndProcessing()
        {
            CourseLayout layout;
            try
            {
                string start = CoursePath != null ? GetUnresolvedProviderPathFromPSPath(CoursePath) : SessionState.Path.CurrentFileSystemLocation.ProviderPath;
                layout = CoursePath != null ? new CourseLayout(start) : CourseLayout.Find(start);
                if (!File.Exists(layout.GraderProject)) throw new DirectoryNotFoundException($"'{start}' holds no exercises/Graders/{CourseLayout.GraderAssemblyName}.csproj project.");
            }
            catch (DirectoryNotFoundException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, Prefix + "CourseNotFound", ErrorCategory.ObjectNotFound, CoursePath));
                return;
            }
            if (ParameterSetName == SubmissionsSet && _folders.Count == 0) return; // every path already reported an error
            if (ParameterSetName == SubmissionsSet && !TrustSubmissions && !Sandbox.Available)
            {
                var refusal = new PlatformNotSupportedException("Student submissions are untrusted code and are graded only inside a sandbox, but "
                    + Sandbox.Unavailable + ". Pass -TrustSubmissions only for code you trust.");
                ThrowTerminatingError(new ErrorRecord(refusal, Prefix + "NoSandbox", ErrorCategory.ResourceUnavailable, null));
                return;
            }

            var limits = new GradingLimits { TestTimeout = TimeSpan.FromSeconds(TimeoutSeconds), KillGrace = TimeSpan.FromSeconds(Math.Max(2, TimeoutSeconds / 2)) };
            var grader = new CourseGrader(layout, limits);
            var updates = new BlockingCollection<GradingProgress>();
            var folders = _folders.Distinct(StringComparer.Ordinal).ToList();
            var work = Task.Run(() =>
            {
                try
                {
                    if (ParameterSetName == CourseSet)
                        return (IReadOnlyList<Scorecard>)new[] { grader.GradeSource(Solutions ? ExerciseSource.Solutions : ExerciseSource.Exercises, _cancel.Token) };
                    return grader.GradeSubmissions(folders, !VisibleOnly, ThrottleLimit, new SyncProgress(updates), _cancel.Token, TrustSubmissions);
                }
                finally { updates.CompleteAdding(); }
            });

            // Progress and finished scorecards come from worker threads; only this pipeline thread may write them. Each
            // student's rows go down the pipeline as soon as that student is graded, in the order grading finishes.
            var record = new ProgressRecord(1, "Grading submissions", ParameterSetName == CourseSet ? "Building the graders" : $"0 of {folders.Count} graded");
            WriteProgress(record);
            foreach (var p in updates.GetConsumingEnumerable())
            {
                record.StatusDescription = p.Stage == "graded" ? $"{p.Completed} of {p.Total} graded" : $"{p.Student}: {p.Stage}";
                record.PercentComplete = p.Total > 0 ? Math.Min(100, 100 * p.Completed / p.Total) : -1;
                WriteProgress(record);
                if (p.Card != null) WriteCard(p.Card);
                if (p.Sandbox is { } sandbox) WriteVerbose(Sandbox.Describe(sandbox));
            }
            record.RecordType = ProgressRecordType.Completed;
            WriteProgress(record);

            try
            {
                var cards = work.GetAwaiter().GetResult();
                if (ParameterSetName == CourseSet) WriteCard(cards[0]); // one scorecard, reported by no progress
            }
            catch (GradingException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, Prefix + "GradingFailed", ErrorCategory.InvalidOperation, layout.Root));
            }
            catch (OperationCanceledException)
            {
            }
        }

        private void WriteCard(Scorecard card)
        {
            if (card.CompileFailed)
                WriteWarning($"{card.Student}: the submission does not compile; every exercise scores 0.");
            else if (card.CompileProblem is { } problem)
                WriteWarning($"{card.Student}: {problem}; those exercises score 0, the others were graded.");
            foreach (var row in card.Exercises) WriteObject(row);
        }

        protected override void StopProcessing()
        {
            try { _cancel.Cancel(); } catch (ObjectDisposedException) { /* the pipeline already ended */ }
        }

        /// <summary>PowerShell disposes a cmdlet when its pipeline ends, however it ends.</summary>
        public void Dispose() => _cancel.Dispose();

        private sealed class SyncProgress : IProgress<GradingProgress>
        {
            private readonly BlockingCollection<GradingProgress> _queue;
            public SyncProgress(BlockingCollection<GradingProgress> queue) => _queue = queue;
            public void Report(GradingProgress value)
            {
                try { _queue.Add(value); } catch (InvalidOperationException) { /* grading finished */ }
            }
        }
    }
}
