using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.IO;
using NUnit.Framework;

namespace VanishingGradients.Module.Tests
{
    /// <summary>What a script produced: output objects and the error and progress streams.</summary>
    public sealed record ScriptResult(IReadOnlyList<PSObject> Output, IReadOnlyList<ErrorRecord> Errors,
        IReadOnlyList<ProgressRecord> Progress, IReadOnlyList<WarningRecord> Warnings)
    {
        public T[] Objects<T>() => Output.Select(o => (T)o.BaseObject).ToArray();
    }

    /// <summary>One runspace of the hosted 7.6 engine with the assembled module imported, shared by a fixture.</summary>
    public sealed class Engine : IDisposable
    {
        public static string ManifestPath { get; } = typeof(Engine).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ModuleManifest").Value!;

        private readonly Runspace _runspace;

        public Engine()
        {
            var iss = InitialSessionState.CreateDefault();
            _runspace = RunspaceFactory.CreateRunspace(iss);
            _runspace.Open();
            var import = Run($"Import-Module '{ManifestPath}' -ErrorAction Stop -WarningVariable w; $w");
            if (import.Errors.Count > 0) throw new InvalidOperationException("Import failed: " + import.Errors[0]);
            ImportWarnings = import.Output.Select(o => o.ToString()).ToArray();
        }

        public IReadOnlyList<string> ImportWarnings { get; }

        /// <summary>Runs a script; a terminating error comes back as the exception PowerShell throws.</summary>
        public ScriptResult Run(string script)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script);
            var output = ps.Invoke();
            return new ScriptResult(output.ToArray(), ps.Streams.Error.ToArray(), ps.Streams.Progress.ToArray(), ps.Streams.Warning.ToArray());
        }

        /// <summary>A fresh PowerShell on this runspace, for tests that drive it asynchronously.</summary>
        public PowerShell Create(string script)
        {
            var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script);
            return ps;
        }

        public void Dispose() => _runspace.Dispose();
    }

    /// <summary>Base of the fixtures that drive the module: one engine, started before and disposed after their tests.</summary>
    public abstract class EngineFixture
    {
        protected Engine Engine { get; private set; } = null!;

        [OneTimeSetUp] public void StartEngine() => Engine = new Engine();
        [OneTimeTearDown] public void StopEngine() => Engine?.Dispose();

        /// <summary>
        /// Starts a run that would take hours, stops it after half a second, and asserts that it ended stopped without an
        /// error: the cmdlet listens to the stop. No time limit beyond a hang guard: a loaded machine must not fail this.
        /// </summary>
        protected void AssertStopsWithoutError(string script)
        {
            using var ps = Engine.Create(script);
            var run = ps.BeginInvoke();
            System.Threading.Thread.Sleep(500);
            ps.Stop();
            Assert.That(run.AsyncWaitHandle.WaitOne(TimeSpan.FromMinutes(2)), "the run ended");
            Assert.That(ps.InvocationStateInfo.State, Is.EqualTo(PSInvocationState.Stopped));
            Assert.That(ps.Streams.Error, Is.Empty);
        }
    }

    public static class Repository
    {
        /// <summary>The repository holding these tests: the outermost folder above them with a Directory.Build.props
        /// (tests/ has its own, which imports the root one).</summary>
        public static string Root { get; } = FindRoot(AppContext.BaseDirectory);

        private static string FindRoot(string start)
        {
            string? root = null;
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props"))) root = dir.FullName;
            return root ?? throw new DirectoryNotFoundException("No repository root above " + start);
        }
    }
}
