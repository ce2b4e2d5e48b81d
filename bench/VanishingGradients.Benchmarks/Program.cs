using System.Linq;
using BenchmarkDotNet.Running;

namespace VanishingGradients.Benchmarks
{
    public static class Program
    {
        /// <summary>BenchmarkDotNet's switcher, or with --engine MANIFEST OUTPUT.json the PowerShell-engine figures.</summary>
        public static void Main(string[] args)
        {
            if (args.FirstOrDefault() == "--engine") EngineBenchmark.Run(args[1], args[2]);
            else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        }
    }
}
