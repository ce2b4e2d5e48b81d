using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace VanishingGradients.Grading
{
    /// <summary>A submission compiled: the assembly (its .pdb beside it), or why there is none.</summary>
    /// <param name="Assembly">The compiled assembly's path, or null.</param>
    /// <param name="Errors">"Does not compile: ..." with the compiler's first errors, or null.</param>
    /// <param name="Problem">Why the compiler gave no answer at all (it crashed or ran out of time), or null.</param>
    public sealed record CompiledSubmission(string? Assembly, string? Errors, string? Problem);

    /// <summary>
    /// Compiles a whole class in one worker process (its --compile-all, sandboxed like every worker): Roslyn is warmed up
    /// once per grading run instead of once per submission, which was most of a submission's cost. Sources are staged
    /// under one folder, one subfolder per submission, each with the kit's helpers in Support/.
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

        /// <summary>Compiles every subfolder of <paramref name="staged"/>; the result is keyed by subfolder name.</summary>
        public static IReadOnlyDictionary<string, CompiledSubmission> CompileAll(string staged, string output, string workerAssembly,
            SandboxMode mode, GradingLimits limits, int jobs)
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
            var (file, args, environment) = Sandbox.CompilerCommand(workerAssembly, mode, limits, staged, output, jobs);
            var outcome = ProcessRunner.Run(file, args, output, limits.BuildTimeout + TimeSpan.FromMinutes(1), environment);
            string stopped = outcome.Killed ? $"the compiler ran out of time ({limits.BuildTimeout.TotalSeconds:0} s)"
                : $"the compiler stopped (exit code {outcome.ExitCode}){(outcome.Output.Length > 0 ? ": " + GraderRunner.Tail(outcome.Output, 5) : "")}";
            var compiled = new Dictionary<string, CompiledSubmission>(StringComparer.Ordinal);
            foreach (string folder in Directory.EnumerateDirectories(staged))
            {
                string name = Path.GetFileName(folder), dll = Path.Combine(output, name + ".dll"), errors = Path.Combine(output, name + ".errors");
                compiled[name] = File.Exists(dll) && File.Exists(Path.ChangeExtension(dll, ".pdb")) ? new CompiledSubmission(dll, null, null)
                    : File.Exists(errors) ? new CompiledSubmission(null, Describe(File.ReadAllLines(errors)), null)
                    : new CompiledSubmission(null, null, stopped);
            }
            return compiled;
        }

        private static string Describe(IReadOnlyList<string> errors)
        {
            const int shown = 5;
            string text = string.Join(Environment.NewLine, errors.Take(shown));
            return "Does not compile: " + (errors.Count > shown ? text + $"{Environment.NewLine}... and {errors.Count - shown} more errors" : text);
        }
    }
}
