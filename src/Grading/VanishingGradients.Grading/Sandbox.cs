using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace VanishingGradients.Grading
{
    /// <summary>How the worker that runs student code is isolated.</summary>
    public enum SandboxMode
    {
        /// <summary>No isolation: only for code the instructor trusts (their own solutions, a student grading their own kit).</summary>
        None,
        /// <summary>bubblewrap on Linux: no network, its own PID namespace, a read-only view of only the runtime and the worker.</summary>
        Bubblewrap,
        /// <summary>
        /// The fallback where bubblewrap cannot create namespaces (a container without user namespaces, such as a grading
        /// platform's): root starts the worker as nobody with the same rlimits, and the kit's files must be unreadable to
        /// nobody (the Gradescope bundle's run_autograder sees to it). No network or PID isolation; only chosen explicitly.
        /// </summary>
        UnprivilegedUser,
    }

    /// <summary>
    /// Starts the grading worker (src/Grading/VanishingGradients.Grading.Worker), the one process that loads student code. Under
    /// bubblewrap it sees the system libraries (/usr), the .NET runtime and the worker's own folder, all read-only, plus an
    /// empty private /tmp; not the repository, solutions/, the graders, the reference library, other submissions or the
    /// results. Its PID namespace dies with it (so nothing it starts survives a kill), and rlimits cap its address space,
    /// processes, file size and CPU time. Started by root, it first drops to nobody (root ignores the process limit).
    /// </summary>
    public static class Sandbox
    {
        private static readonly Lazy<string?> Bwrap = new(FindWorkingBubblewrap);

        /// <summary>True where submissions can be graded in the sandbox.</summary>
        public static bool Available => Bwrap.Value != null;

        /// <summary>True where the <see cref="SandboxMode.UnprivilegedUser"/> fallback can run: Linux, as root, with setpriv and prlimit.</summary>
        public static bool UnprivilegedUserAvailable =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RunsAsRoot && File.Exists(SetPriv) && File.Exists(Prlimit);

        /// <summary>Why the sandbox is not available, for the refusal message.</summary>
        public static string Unavailable => !RuntimeInformation.IsOSPlatform(OSPlatform.Linux)
            ? "the sandbox (bubblewrap) exists only on Linux"
            : "bubblewrap (bwrap) is not installed or cannot create namespaces here; install it with: sudo apt-get install bubblewrap";

        /// <summary>One line for the grading log: how students' code is isolated in this run.</summary>
        public static string Describe(SandboxMode mode) => mode switch
        {
            SandboxMode.Bubblewrap => "Sandbox: bubblewrap.",
            SandboxMode.UnprivilegedUser => "SANDBOX FALLBACK: bubblewrap cannot run the worker here. Students' code runs as user nobody, " +
                "with the rlimits but without network or PID isolation; the kit's files are unreadable to nobody.",
            _ => "No sandbox: the submissions run as trusted code.",
        };

        /// <summary>
        /// Starts the worker with the very command grading uses (stdin closed, so it exits at once) and returns null when
        /// it ran, else why not. <see cref="Available"/> only shows that bubblewrap can make namespaces here; this shows
        /// that the runtime starts inside the sandbox with all of its mounts and limits (a container may allow the one
        /// and refuse, say, a fresh /proc).
        /// </summary>
        public static string? CheckWorker(string workerAssembly, SandboxMode mode, GradingLimits limits)
        {
            var (file, args, environment) = WorkerCommand(workerAssembly, mode, limits);
            var outcome = ProcessRunner.Run(file, args, Path.GetTempPath(), TimeSpan.FromSeconds(60), environment);
            if (outcome.ExitCode == 0 && !outcome.Killed) return null;
            string tail = GraderRunner.Tail(outcome.Output, 5).Trim();
            return $"the worker does not start in the {mode} sandbox ({(outcome.Killed ? "no answer in 60 s" : "exit code " + outcome.ExitCode)})" +
                (tail.Length > 0 ? ": " + tail : "");
        }

        /// <summary>The command that starts the worker: its file name and arguments.</summary>
        public static (string FileName, IReadOnlyList<string> Arguments, IDictionary<string, string> Environment) WorkerCommand(
            string workerAssembly, SandboxMode mode, GradingLimits limits) => Command(workerAssembly, mode, limits, null);

        /// <summary>
        /// The command that compiles every submission folder under <paramref name="sources"/> into <paramref name="output"/>
        /// (the worker's --compile-all, with the kit's stubs in its <see cref="SubmissionCompiler.StubsFolder"/>): in the sandbox
        /// it sees the sources read-only at /in and may write only /out.
        /// </summary>
        public static (string FileName, IReadOnlyList<string> Arguments, IDictionary<string, string> Environment) CompilerCommand(
            string workerAssembly, SandboxMode mode, GradingLimits limits, string sources, string output, int jobs) =>
            Command(workerAssembly, mode, limits, (sources, output, jobs));

        private static (string FileName, IReadOnlyList<string> Arguments, IDictionary<string, string> Environment) Command(
            string workerAssembly, SandboxMode mode, GradingLimits limits, (string Sources, string Output, int Jobs)? compile)
        {
            string[] CompileArguments(string sources, string output) => compile is { } c
                ? new[] { "--compile-all", sources, output, c.Jobs.ToString(CultureInfo.InvariantCulture), limits.CompileTimeout.TotalSeconds.ToString("R", CultureInfo.InvariantCulture),
                    Path.Combine(sources, SubmissionCompiler.StubsFolder) }
                : Array.Empty<string>();
            string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!; // <root>/shared/Microsoft.NETCore.App/<version>
            string dotnetRoot = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
            string muxer = Path.Combine(dotnetRoot, RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet");
            var environment = new Dictionary<string, string>
            {
                ["DOTNET_GCHeapHardLimit"] = "0x" + limits.HeapLimitBytes.ToString("X", CultureInfo.InvariantCulture),
                ["DOTNET_gcServer"] = "0",
                ["DOTNET_TieredPGO"] = "0",
                ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_EnableDiagnostics"] = "0",
                // W^X double-maps code through a memfd, which the file-size limit would stop at start-up.
                ["DOTNET_EnableWriteXorExecute"] = "0",
            };
            if (mode == SandboxMode.None)
                return (muxer, new[] { workerAssembly }.Concat(CompileArguments(compile?.Sources ?? "", compile?.Output ?? "")).ToArray(), environment);
            if (mode == SandboxMode.UnprivilegedUser)
            {
                if (!UnprivilegedUserAvailable) throw new GradingException("Running the worker as an unprivileged user needs Linux, root, setpriv and prlimit.");
                var fallback = new List<string> { "--reuid=65534", "--regid=65534", "--clear-groups", "--", Prlimit };
                fallback.AddRange(ResourceLimits(limits));
                fallback.AddRange(new[] { "--", muxer, Path.GetFullPath(workerAssembly) });
                fallback.AddRange(CompileArguments(compile?.Sources ?? "", compile?.Output ?? ""));
                environment["HOME"] = "/tmp";
                return (SetPriv, fallback, environment);
            }

            string bwrap = Bwrap.Value ?? throw new GradingException("The sandbox is not available: " + Unavailable + ".");
            string workerFolder = Path.GetDirectoryName(Path.GetFullPath(workerAssembly))!;
            var args = new List<string>
            {
                "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--ro-bind", "/usr", "/usr",
                // Locally installed software (a module copy holding the reference library, say) stays out of view.
                "--tmpfs", "/usr/local",
            };
            foreach (string link in new[] { "/lib", "/lib64", "/bin" })
                if (Directory.Exists(link)) args.AddRange(new[] { "--ro-bind", link, link });
            args.AddRange(new[] { "--ro-bind", dotnetRoot, dotnetRoot });
            args.AddRange(new[]
            {
                "--ro-bind", workerFolder, "/worker",
            });
            if (compile is { } folders) args.AddRange(new[] { "--ro-bind", folders.Sources, "/in", "--bind", folders.Output, "/out" });
            args.AddRange(new[]
            {
                "--proc", "/proc", "--dev", "/dev",
                "--size", limits.FileSizeBytes.ToString(CultureInfo.InvariantCulture), "--tmpfs", "/tmp",
                "--remount-ro", "/",
                "--chdir", "/tmp", "--clearenv", "--setenv", "HOME", "/tmp", "--setenv", "TMPDIR", "/tmp",
            });
            foreach (var pair in environment) args.AddRange(new[] { "--setenv", pair.Key, pair.Value });
            args.AddRange(new[] { "--", Prlimit });
            args.AddRange(ResourceLimits(limits));
            args.AddRange(new[] { "--", muxer, "/worker/" + Path.GetFileName(workerAssembly) });
            args.AddRange(CompileArguments("/in", "/out"));
            if (!RunsAsRoot) return (bwrap, args, new Dictionary<string, string>());
            // Root is exempt from the process limit (and owns every root-owned file): drop to nobody before the sandbox.
            args.InsertRange(0, new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "--", bwrap });
            return (SetPriv, args, new Dictionary<string, string>());
        }

        private const string SetPriv = "/usr/bin/setpriv";
        private const string Prlimit = "/usr/bin/prlimit";

        /// <summary>prlimit's options for the worker: address space, processes, file size, CPU time, open files, no core dumps.</summary>
        private static IEnumerable<string> ResourceLimits(GradingLimits limits) => new[]
        {
            "--as=" + limits.AddressSpaceBytes.ToString(CultureInfo.InvariantCulture),
            "--nproc=" + limits.ProcessLimit.ToString(CultureInfo.InvariantCulture),
            "--fsize=" + limits.FileSizeBytes.ToString(CultureInfo.InvariantCulture),
            "--cpu=" + ((int)Math.Ceiling(limits.CpuTime.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            "--nofile=256", "--core=0",
        };

        private static bool RunsAsRoot => Environment.IsPrivilegedProcess; // effective uid 0, whatever its name

        private static string? FindWorkingBubblewrap()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || !File.Exists(Prlimit) || RunsAsRoot && !File.Exists(SetPriv)) return null;
            string? bwrap = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
                .Where(Path.IsPathRooted) // an empty or relative entry would run ./bwrap from wherever grading starts
                .Select(dir => Path.Combine(dir, "bwrap")).FirstOrDefault(File.Exists);
            if (bwrap == null) return null;
            try
            {
                // Installed is not enough: some machines forbid unprivileged user namespaces.
                string test = "--unshare-all --die-with-parent --ro-bind /usr /usr --ro-bind-try /lib /lib --ro-bind-try /lib64 /lib64 -- /usr/bin/true";
                using var probe = Process.Start(new ProcessStartInfo(RunsAsRoot ? SetPriv : bwrap, RunsAsRoot ? $"--reuid=65534 --regid=65534 --clear-groups -- {bwrap} {test}" : test)
                { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true })!;
                if (!probe.WaitForExit(10000)) { try { probe.Kill(); } catch (InvalidOperationException) { } return null; }
                return probe.ExitCode == 0 ? bwrap : null;
            }
            catch (System.ComponentModel.Win32Exception) { return null; }
        }
    }
}
