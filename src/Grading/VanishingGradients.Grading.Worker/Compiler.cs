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
    /// Compiles every submission of a grading run in one process (<c>--compile-all IN OUT JOBS SECONDS</c>): one warm Roslyn
    /// and one set of references serve the whole class, where a compiler started per submission spent seconds of JIT each
    /// time. Compiling never runs the code, and the grading tool still starts this in the sandbox, so a hostile file meets
    /// the compiler there. IN holds one folder of sources per submission; for each, OUT receives NAME.dll and NAME.pdb, or
    /// NAME.errors (one compiler error a line). Each file appears whole (written aside, then renamed) or not at all.
    /// </summary>
    public static class Compiler
    {
        private const string ExerciseAssemblyName = "VanishingGradients.Exercises";

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

        public static int CompileAll(string input, string output, int jobs, TimeSpan timeout)
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs) };
            Parallel.ForEach(Directory.GetDirectories(input), options, folder =>
            {
                string name = Path.GetFileName(folder);
                var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                    .Select(f => (Name: Path.GetRelativePath(folder, f).Replace('\\', '/'), Text: File.ReadAllText(f)))
                    .OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
                var (assembly, pdb, errors) = Compile(files, timeout);
                if (assembly == null) { WriteWhole(Path.Combine(output, name + ".errors"), Encoding.UTF8.GetBytes(string.Join("\n", errors))); return; }
                WriteWhole(Path.Combine(output, name + ".pdb"), pdb!);
                WriteWhole(Path.Combine(output, name + ".dll"), assembly);
            });
            return 0;
        }

        /// <summary>The assembly and its symbols, or (with null ones) the compiler's errors.</summary>
        public static (byte[]? Assembly, byte[]? Pdb, IReadOnlyList<string> Errors) Compile(IReadOnlyList<(string Name, string Text)> files, TimeSpan timeout)
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
                if (result.Success) return (pe.ToArray(), pdb.ToArray(), Array.Empty<string>());
                return (null, null, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Describe).Take(50).ToList());
            }
            catch (OperationCanceledException)
            {
                return (null, null, new[] { $"the compiler gave up after {timeout.TotalSeconds:0} s" });
            }
        }

        private static string Describe(Diagnostic d)
        {
            var span = d.Location.GetLineSpan();
            string where = d.Location.IsInSource ? $"{Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})" : "";
            return $"{where}: error {d.Id}: {d.GetMessage()}";
        }

        private static void WriteWhole(string path, byte[] bytes)
        {
            string aside = path + ".part";
            File.WriteAllBytes(aside, bytes);
            File.Move(aside, path);
        }
    }
}
