using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace VanishingGradients.Grading
{
    /// <summary>
    /// Grading hosts (the grader assembly run with --serve) for one grading run: each grades submission after
    /// submission. Starting the runtime, loading NUnit and JIT-compiling the graders cost about as much CPU as grading a
    /// submission, so a class run keeps one host per parallel job instead of starting one per submission. The host is
    /// trusted code; every submission still gets a worker (and sandbox) of its own, started by the host. Disposing the
    /// pool ends the idle hosts.
    /// </summary>
    public sealed class GradingHosts : IDisposable
    {
        private readonly ConcurrentBag<GradingHost> _idle = new();
        private volatile bool _disposed;

        /// <param name="graderAssembly">The built graders (the grading host).</param>
        /// <param name="workerAssembly">The worker that runs student code (VanishingGradients.Grading.Worker.dll).</param>
        /// <param name="sandbox">How the worker is isolated.</param>
        /// <param name="limits">The run's limits.</param>
        public GradingHosts(string graderAssembly, string workerAssembly, SandboxMode sandbox, GradingLimits limits)
        {
            GraderAssembly = graderAssembly;
            WorkerAssembly = workerAssembly;
            Sandbox = sandbox;
            Limits = limits;
        }

        public string GraderAssembly { get; }
        public string WorkerAssembly { get; }
        public SandboxMode Sandbox { get; }
        public GradingLimits Limits { get; }

        /// <summary>An idle host, or a new one.</summary>
        internal GradingHost Rent()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.TryTake(out var host)) return host;
            var output = new StringBuilder();
            var args = new[] { GraderAssembly, "--serve", "--worker", WorkerAssembly, "--sandbox", Sandbox.ToString(),
                "--timeout", Limits.TestTimeout.TotalSeconds.ToString("R", CultureInfo.InvariantCulture) };
            var process = ProcessRunner.Start(GraderRunner.DotnetHost, args, Path.GetDirectoryName(GraderAssembly)!,
                GraderRunner.ChildEnvironment(Limits), output, keepInput: true);
            return new GradingHost(process, output);
        }

        /// <summary>Takes back a host that finished its request; one that did not (killed, crashed) is ended instead.</summary>
        internal void Return(GradingHost host, bool finished)
        {
            if (!finished || _disposed || host.WaitForExit(0)) host.Dispose();
            else _idle.Add(host);
            if (_disposed) Dispose(); // a host returned while the pool was being disposed
        }

        public void Dispose()
        {
            _disposed = true;
            while (_idle.TryTake(out var host)) host.Dispose();
        }
    }

    /// <summary>One grading host process: requests go to its stdin; results come back through each request's results file.</summary>
    internal sealed class GradingHost : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output;

        internal GradingHost(Process process, StringBuilder output)
        {
            _process = process;
            _output = output;
        }

        /// <summary>Asks the host to grade <paramref name="assembly"/>, writing the protocol to <paramref name="results"/>; false when it is gone.</summary>
        public bool Begin(string results, string skip, string assembly)
        {
            lock (_output) _output.Clear();
            try
            {
                _process.StandardInput.WriteLine(GraderProtocol.FormatGrade(results, skip, assembly));
                _process.StandardInput.Flush();
                return true;
            }
            catch (IOException) { return false; }
        }

        /// <summary>True once the process has ended (waiting up to <paramref name="milliseconds"/>).</summary>
        public bool WaitForExit(int milliseconds) => _process.WaitForExit(milliseconds);

        public int ExitCode => _process.ExitCode;

        /// <summary>What the host printed since its last request (crash messages).</summary>
        public string Output { get { lock (_output) return _output.ToString(); } }

        public void Kill() => ProcessRunner.Kill(_process);

        public void Dispose()
        {
            // Closing its input ends a host between submissions; one that does not end is killed.
            try { if (!_process.HasExited) _process.StandardInput.Close(); } catch (IOException) { }
            if (!_process.WaitForExit(5000)) Kill();
            _process.Dispose();
        }
    }
}
