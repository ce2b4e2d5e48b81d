using System.Linq;
using BenchmarkDotNet.Running;

namespace VanishingGradients.Benchmarks
{
    public static class Program
    {
        /// <summary>
        /// BenchmarkDotNet's switcher; with --engine MANIFEST OUTPUT.json the PowerShell-engine figures; with --memory
        /// OUTPUT.json the large pass's peak memory (in a fresh process).
        /// </summary>
        public static void Main(string[] args)
        {
            if (args.FirstOrDefault() == "--engine") EngineBenchmark.Run(args[1], args[2]);
            else if (args.FirstOrDefault() == "--memory") MemoryBenchmark.Run(args[1]);
            else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        }
    }
}
