using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security;
using System.Threading;
using VanishingGradients.Grading.Worker;
using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using VanishingGradients.Grading;
using TestStatus = VanishingGradients.Grading.TestStatus;

namespace CourseGraders
{
    /// <summary>
    /// The grading host: the trusted side. It runs this assembly's NUnit tests in-process and writes the grading protocol
    /// (see <see cref="GraderProtocol"/>), one flushed line per event. It never loads student code: it hands each
    /// student's compiled assembly, as bytes, to a fresh worker (sandboxed unless --sandbox none), and every
    /// <see cref="Student.Call{T}"/> is answered by that worker. One host grades a whole class, submission after
    /// submission, so that starting the runtime and NUnit and compiling the graders are paid once. Usage:
    ///   --list --results FILE                                  only the manifest
    ///   --serve --worker DLL --sandbox bubblewrap|none --timeout SEC
    ///       then one request a line on stdin, in the protocol's format: GRADE results-file skip-file assembly
    ///       (the student's compiled exercises, the .pdb beside it; the skip file lists test ids already graded).
    ///       Each request's results file gets the manifest, the tests' START/END lines and a final DONE line.
    /// Exit codes: 0 done (stdin closed), 2 usage or grader error.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            string? results = null, worker = null;
            var sandbox = SandboxMode.Bubblewrap;
            bool listOnly = false, serve = false;
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--results" when i + 1 < args.Length: results = args[++i]; break;
                    case "--timeout" when i + 1 < args.Length:
                        Student.Limit = TimeSpan.FromSeconds(double.Parse(args[++i], CultureInfo.InvariantCulture)); break;
                    case "--worker" when i + 1 < args.Length: worker = args[++i]; break;
                    case "--sandbox" when i + 1 < args.Length: sandbox = Enum.Parse<SandboxMode>(args[++i], ignoreCase: true); break;
                    case "--list": listOnly = true; break;
                    case "--serve": serve = true; break;
                    default: return Usage($"Unknown argument '{args[i]}'.");
                }
            }
            if (listOnly != (results != null) || listOnly == serve) return Usage("Give either --list --results FILE or --serve.");
            if (serve && worker == null) return Usage("--serve needs --worker DLL.");

            var manifest = new List<GradedTest>();
            var problems = new List<string>();
            Collect(Load().LoadedTest, null, manifest, problems);
            if (problems.Count > 0)
            {
                foreach (var p in problems) Console.Error.WriteLine(p);
                return 2;
            }
            if (listOnly)
            {
                using var writer = Open(results!);
                foreach (var t in manifest) writer.WriteLine(GraderProtocol.FormatTest(t));
                return 0;
            }

            var limits = new GradingLimits { TestTimeout = Student.Limit };
            foreach (string line in Requests())
            {
                var request = GraderProtocol.Parse(line);
                if (request is not { Kind: GraderProtocol.Grade, Fields.Length: 2 }) return Usage($"Not a request: '{line}'.");
                Interlocked.Exchange(ref _grading, 1);
                Grade(manifest, request.Id, request.Fields[0], request.Fields[1], worker!, sandbox, limits);
                Interlocked.Exchange(ref _grading, 0);
            }
            return 0;
        }

        private static int _grading;

        /// <summary>
        /// The request lines, read on a thread of their own: stdin ending while a submission is being graded means the
        /// grading tool is gone (killed), so the host ends at once, with the worker, instead of grading for nobody.
        /// </summary>
        private static IEnumerable<string> Requests()
        {
            var lines = new BlockingCollection<string>();
            new Thread(() =>
            {
                for (string? line; (line = Console.In.ReadLine()) != null;) lines.Add(line);
                lines.CompleteAdding();
                if (Volatile.Read(ref _grading) == 0) return;
                Student.Worker?.Dispose();
                Environment.Exit(3);
            }) { IsBackground = true, Name = "requests" }.Start();
            return lines.GetConsumingEnumerable();
        }

        private static int Usage(string problem)
        {
            Console.Error.WriteLine(problem + " This is the grading host; students run the grading tool instead:");
            Console.Error.WriteLine("  dotnet run --project src/Grading/vg-grade -- grade");
            return 2;
        }

        // A new runner (and so new fixture objects) for every submission: nothing one student's run leaves behind is seen by the next.
        private static NUnitTestAssemblyRunner Load()
        {
            var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
            runner.Load(typeof(Program).Assembly, new Dictionary<string, object> { ["NumberOfTestWorkers"] = 0 });
            return runner;
        }

        private static StreamWriter Open(string results) => new(results, append: true) { AutoFlush = true, NewLine = "\n" };

        /// <summary>Grades one submission: every test of the manifest not listed in <paramref name="skip"/>, against a worker of its own.</summary>
        private static void Grade(List<GradedTest> manifest, string results, string skip, string assembly, string worker, SandboxMode sandbox, GradingLimits limits)
        {
            using var writer = Open(results);
            foreach (var t in manifest) writer.WriteLine(GraderProtocol.FormatTest(t));
            var done = new HashSet<string>(File.ReadAllLines(skip).Where(l => l.Length > 0), StringComparer.Ordinal);
            var pending = manifest.Where(t => !done.Contains(t.Id)).ToList();
            if (pending.Count > 0)
            {
                using var connection = new WorkerConnection(worker, sandbox, limits, Student.IsStudentType);
                connection.Load(File.ReadAllBytes(assembly), File.ReadAllBytes(Path.ChangeExtension(assembly, ".pdb")));
                Student.Begin(connection);
                var filter = TestFilter.FromXml("<filter><or>" + string.Concat(pending.Select(t => $"<test>{SecurityElement.Escape(t.Id)}</test>")) + "</or></filter>");
                Load().Run(new Listener(writer, pending.Select(t => t.Id)), filter);
            }
            writer.WriteLine(GraderProtocol.FormatDone());
        }

        private static void Collect(ITest test, ITest? fixture, List<GradedTest> manifest, List<string> problems)
        {
            if (test.Properties.ContainsKey(ExerciseAttribute.IdProperty)) fixture = test;
            if (!test.IsSuite)
            {
                if (fixture == null) { problems.Add($"{test.FullName}: its fixture has no [Exercise] attribute."); return; }
                if (!test.Properties.ContainsKey(PointsAttribute.Name)) { problems.Add($"{test.FullName}: a graded test needs [Points]."); return; }
                double points = Convert.ToDouble(test.Properties.Get(PointsAttribute.Name), CultureInfo.InvariantCulture);
                manifest.Add(new GradedTest(test.FullName,
                    (string)fixture.Properties.Get(ExerciseAttribute.IdProperty)!,
                    (string)fixture.Properties.Get(ExerciseAttribute.TitleProperty)!,
                    test.Name, points, fixture.Properties.ContainsKey(HiddenAttribute.Name)));
                return;
            }
            if (test.RunState == RunState.NotRunnable && test.Properties.Get(PropertyNames.SkipReason) is string reason)
                problems.Add($"{test.FullName}: not runnable: {reason}");
            foreach (var child in test.Tests) Collect(child, fixture, manifest, problems);
        }

        private sealed class Listener : ITestListener
        {
            private readonly StreamWriter _writer;
            private readonly HashSet<string> _graded;
            private readonly Dictionary<string, Stopwatch> _clocks = new();

            public Listener(StreamWriter writer, IEnumerable<string> graded)
            {
                _writer = writer;
                _graded = new HashSet<string>(graded, StringComparer.Ordinal);
            }

            public void TestStarted(ITest test)
            {
                if (!_graded.Contains(test.FullName)) return;
                _clocks[test.FullName] = Stopwatch.StartNew();
                lock (_writer) _writer.WriteLine(GraderProtocol.FormatStart(test.FullName));
            }

            public void TestFinished(ITestResult result)
            {
                if (result.Test.IsSuite)
                {
                    // A fixture whose one-time set-up failed reports its children here without starting them.
                    if (result.ResultState.Site == FailureSite.SetUp)
                        foreach (var child in result.Children) TestFinished(child);
                    return;
                }
                string id = result.Test.FullName;
                if (!_graded.Contains(id)) return;
                long ms = _clocks.TryGetValue(id, out var clock) ? clock.ElapsedMilliseconds : 0;
                TestStatus status = result.ResultState.Status == TestStatus_Passed ? TestStatus.Passed
                    : Student.StatusOverride(id) ?? TestStatus.Failed;
                string message = status == TestStatus.Passed ? "" : Clean(result.Message);
                lock (_writer) _writer.WriteLine(GraderProtocol.FormatEnd(id, status, ms, message));
            }

            private static readonly NUnit.Framework.Interfaces.TestStatus TestStatus_Passed = NUnit.Framework.Interfaces.TestStatus.Passed;

            public void TestOutput(TestOutput output) { }
            public void SendMessage(TestMessage message) { }

            private static string Clean(string? message)
            {
                if (string.IsNullOrWhiteSpace(message)) return "The test failed without a message.";
                return message!.Trim();
            }
        }
    }
}
