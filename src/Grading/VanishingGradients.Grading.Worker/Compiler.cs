using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace VanishingGradients.Grading.Worker
{
    /// <summary>
    /// Compiles every submission of a grading run in one process (<c>--compile-all IN OUT JOBS SECONDS STUBS</c>): one warm
    /// Roslyn and one set of references serve the whole class, where a compiler started per submission spent seconds of JIT
    /// each time. Compiling never runs the code, and the grading tool still starts this in the sandbox, so a hostile file
    /// meets the compiler there. IN holds one folder of sources per submission, and the folder STUBS (which may lie in IN)
    /// the kit's stubs of the exercise files; for each submission OUT receives NAME.dll and NAME.pdb (plus NAME.replaced when exercise files had to be
    /// swapped for their stubs), or NAME.errors. Both list compiler errors, one a line. Each file appears whole (written
    /// aside, then renamed) or not at all.
    /// </summary>
    public static class Compiler
    {
        private const string ExerciseAssemblyName = "VanishingGradients.Exercises";

        /// <summary>Rounds of swapping broken exercise files for stubs (a swap can break a file that used the swapped one).</summary>
        private const int MaxSwapRounds = 4;

        // The framework's reference assemblies when the SDK's targeting pack is there (what `dotnet build` compiles
        // against), else the runtime's own; read once and shared by every compilation.
        private static readonly Lazy<MetadataReference[]> References = new(() =>
        {
            string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!; // <root>/shared/Microsoft.NETCore.App/<version>
            string pack = Path.Combine(runtime, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref", Path.GetFileName(runtime), "ref", $"net{Environment.Version.Major}.0");
            var files = Directory.Exists(pack)
                ? Directory.EnumerateFiles(pack, "*.dll")
                : Directory.EnumerateFiles(runtime, "*.dll").Where(f => Path.GetFileName(f) is var n && (n.StartsWith("System.", StringComparison.Ordinal) || n is "mscorlib.dll" or "netstandard.dll"))
                    .Where(f => !f.EndsWith(".Native.dll", StringComparison.Ordinal));
            return files.Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToArray();
        });

        public static int CompileAll(string input, string output, int jobs, TimeSpan timeout, string stubFolder)
        {
            stubFolder = Path.GetFullPath(stubFolder);
            var stubs = Directory.Exists(stubFolder)
                ? Directory.EnumerateFiles(stubFolder, "Ex*.cs").ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs) };
            // In name order, skipping what an earlier run finished, and marking each submission started (NAME.started):
            // after a crash the grading tool runs this again with JOBS = 1, and the submission then started and not
            // finished is the one the compiler died on.
            var pending = Directory.GetDirectories(input).Where(d => Path.GetFullPath(d) != stubFolder && !CompileOutput.Finished(output, Path.GetFileName(d)))
                .OrderBy(Path.GetFileName, StringComparer.Ordinal);
            Parallel.ForEach(pending, options, folder =>
            {
                string name = Path.GetFileName(folder);
                File.WriteAllBytes(CompileOutput.PathOf(output, name, CompileOutput.Started), Array.Empty<byte>());
                var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                    .Select(f => (Name: Path.GetRelativePath(folder, f).Replace('\\', '/'), Text: File.ReadAllText(f)))
                    .OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
                var result = CompileGuarded(files, stubs, timeout, name, output);
                if (result.Assembly == null) { WriteWhole(CompileOutput.PathOf(output, name, CompileOutput.Errors), Lines(result.Errors)); return; }
                if (result.Errors.Count > 0) WriteWhole(CompileOutput.PathOf(output, name, CompileOutput.Replaced), Lines(result.Errors));
                WriteWhole(CompileOutput.PathOf(output, name, CompileOutput.Symbols), result.Pdb!);
                WriteWhole(CompileOutput.PathOf(output, name, CompileOutput.Assembly), result.Assembly);
            });
            return 0;
        }

        /// <summary>
        /// <see cref="Compile"/> on a thread of its own (16 MB of stack, as student calls get), so that a compiler exception
        /// on hostile code becomes that submission's error, and a compile that ignores its time limit (an overload
        /// resolution that explodes) ends this process after recording which submission it was.
        /// </summary>
        private static (byte[]? Assembly, byte[]? Pdb, IReadOnlyList<string> Errors) CompileGuarded(IReadOnlyList<(string Name, string Text)> files,
            IReadOnlyDictionary<string, string> stubs, TimeSpan timeout, string name, string output)
        {
            (byte[]?, byte[]?, IReadOnlyList<string>)? result = null;
            Exception? failure = null;
            var thread = new Thread(() =>
            {
                try { result = Compile(files, stubs, timeout); }
                catch (Exception e) { failure = e; }
            }, 16 * 1024 * 1024) { IsBackground = true };
            thread.Start();
            if (!thread.Join(timeout * 2))
            {
                WriteWhole(CompileOutput.PathOf(output, name, CompileOutput.Errors), Lines(new[] { $"error VG0002: the compiler gave up on this code after {timeout.TotalSeconds * 2:0} s" }));
                Environment.Exit(CompileOutput.GaveUpExitCode);
            }
            return result ?? (null, null, new[] { $"error VG0003: the compiler failed on this code ({failure?.GetType().Name})" });
        }

        private static byte[] Lines(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines));

        /// <summary>
        /// Compiles the files. When every error lies in exercise files that have a stub, those files are swapped for
        /// their stubs and the rest compiled again, so that one broken exercise costs that exercise and not the whole
        /// submission. Returns the assembly and its symbols with the swapped files' errors (empty when none was
        /// swapped), or no assembly and every error.
        /// </summary>
        public static (byte[]? Assembly, byte[]? Pdb, IReadOnlyList<string> Errors) Compile(IReadOnlyList<(string Name, string Text)> files,
            IReadOnlyDictionary<string, string> stubs, TimeSpan timeout)
        {
            var current = files.ToList();
            var swapped = new List<string>();
            for (int round = 0; ; round++)
            {
                var (assembly, pdb, errors) = Emit(current, timeout);
                if (assembly != null) return (assembly, pdb, swapped);
                var byFile = errors.GroupBy(d => d.Location.IsInSource ? d.Location.SourceTree!.FilePath : "").ToList();
                // Files the parser rejects go first, alone: the other files' errors may only be what those broke (Ex06
                // calling TanhUnit.Derivative in a TanhUnit that a broken Ex05 declares without it).
                var unparsed = byFile.Where(g => g.First().Location.SourceTree?.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error) == true).ToList();
                var toSwap = unparsed.Count > 0 ? unparsed : byFile;
                bool swappable = round < MaxSwapRounds && byFile.All(g => g.Key.Length > 0)
                    && toSwap.All(g => stubs.ContainsKey(g.Key) && current.Exists(f => f.Name == g.Key && f.Text != stubs[g.Key]));
                if (!swappable) return (null, null, swapped.Concat(errors.Select(Describe)).Take(50).ToList());
                foreach (var file in toSwap)
                {
                    swapped.AddRange(file.Take(10).Select(Describe));
                    current[current.FindIndex(f => f.Name == file.Key)] = (file.Key, stubs[file.Key]);
                }
            }
        }

        /// <summary>The assembly and its symbols, or (with null ones) the compiler's errors.</summary>
        private static (byte[]? Assembly, byte[]? Pdb, IReadOnlyList<Diagnostic> Errors) Emit(IReadOnlyList<(string Name, string Text)> files, TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                var parse = new CSharpParseOptions(LanguageVersion.Latest);
                var trees = files.Select(f => CSharpSyntaxTree.ParseText(SourceText.From(f.Text, Encoding.UTF8), parse, path: f.Name, cancellationToken: cancel.Token)).ToList();
                var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                    nullableContextOptions: NullableContextOptions.Enable, deterministic: true,
                    specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS0162"] = ReportDiagnostic.Suppress, ["CS8321"] = ReportDiagnostic.Suppress });
                var compilation = CSharpCompilation.Create(ExerciseAssemblyName, trees, References.Value, options);
                using var pe = new MemoryStream();
                using var pdb = new MemoryStream();
                var result = compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb), cancellationToken: cancel.Token);
                if (result.Success) return (pe.ToArray(), pdb.ToArray(), Array.Empty<Diagnostic>());
                return (null, null, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList());
            }
            catch (OperationCanceledException)
            {
                // An error of no file: never fixed by swapping in a stub.
                return (null, null, new[] { Diagnostic.Create("VG0001", "Compiler", $"the compiler gave up after {timeout.TotalSeconds:0} s",
                    DiagnosticSeverity.Error, DiagnosticSeverity.Error, true, 0) });
            }
        }

        private static string Describe(Diagnostic d)
        {
            var span = d.Location.GetLineSpan();
            string where = d.Location.IsInSource ? $"{Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})" : "";
            return $"{(where.Length > 0 ? where + ": " : "")}error {d.Id}: {d.GetMessage()}";
        }

        private static void WriteWhole(string path, byte[] bytes)
        {
            string aside = path + ".part";
            File.WriteAllBytes(aside, bytes);
            File.Move(aside, path);
        }
    }
}
