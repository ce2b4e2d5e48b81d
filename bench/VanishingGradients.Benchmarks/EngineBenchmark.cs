using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.Json;

namespace VanishingGradients.Benchmarks
{
    /// <summary>
    /// The PowerShell-engine figures, which BenchmarkDotNet cannot isolate: Import-Module of the assembled module in a
    /// process whose engine is already warm, and Get-Activation streaming 10^6 objects into ForEach-Object {}.
    /// </summary>
    public static class EngineBenchmark
    {
        private const int Objects = 1_000_000, Repeats = 5;

        public static void Run(string manifest, string output)
        {
            manifest = Path.GetFullPath(manifest);
            if (!File.Exists(manifest)) throw new FileNotFoundException("Build the module first (dotnet build at the repository root).", manifest);

            // The first runspace pays for loading and JIT-compiling the engine; the figures are taken after it.
            double coldImport = TimeImport(manifest);
            var imports = Enumerable.Range(0, Repeats).Select(_ => TimeImport(manifest)).OrderBy(t => t).ToArray();

            using var runspace = Open();
            Invoke(runspace, $"Import-Module '{manifest}'");
            string script = $"Get-Activation Sigmoid -Count {Objects} | ForEach-Object {{}}";
            Invoke(runspace, "Get-Activation Sigmoid -Count 10000 | ForEach-Object {}");
            var streams = Enumerable.Range(0, Repeats).Select(_ => Time(() => Invoke(runspace, script))).OrderBy(t => t).ToArray();
            var floor = Enumerable.Range(0, Repeats).Select(_ => Time(() => Invoke(runspace, $"1..{Objects} | ForEach-Object {{}}"))).OrderBy(t => t).ToArray();

            var result = new
            {
                import_first_s = coldImport,
                import_warm_median_s = imports[Repeats / 2],
                get_activation_objects_per_s = Objects / streams[Repeats / 2],
                engine_floor_objects_per_s = Objects / floor[Repeats / 2],
            };
            string json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true });
            File.WriteAllText(output, json);
            Console.WriteLine(json);
        }

        private static double TimeImport(string manifest)
        {
            using var runspace = Open();
            return Time(() => Invoke(runspace, $"Import-Module '{manifest}'"));
        }

        private static Runspace Open()
        {
            var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            return runspace;
        }

        private static void Invoke(Runspace runspace, string script)
        {
            using var ps = PowerShell.Create(runspace);
            ps.AddScript(script).Invoke();
            if (ps.HadErrors) throw new InvalidOperationException(string.Join("; ", ps.Streams.Error.Select(e => e.ToString())));
        }

        private static double Time(Action action)
        {
            var watch = Stopwatch.StartNew();
            action();
            return watch.Elapsed.TotalSeconds;
        }
    }
}
