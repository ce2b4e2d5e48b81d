using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;
using BenchmarkDotNet.Running;

namespace VanishingGradients.Benchmarks
{
    public static class Program
    {
        /// <summary>
        /// BenchmarkDotNet's switcher; with --engine MANIFEST OUTPUT.json the PowerShell-engine figures; with --memory
        /// OUTPUT.json the large pass's peak memory (in a fresh process); with --machine OUTPUT.json the vector width
        /// the kernels run at and the cores.
        /// </summary>
        public static void Main(string[] args)
        {
            if (args.FirstOrDefault() == "--engine") EngineBenchmark.Run(args[1], args[2]);
            else if (args.FirstOrDefault() == "--memory") MemoryBenchmark.Run(args[1]);
            else if (args.FirstOrDefault() == "--machine") Machine(args[1]);
            else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        }

        private static void Machine(string output)
        {
            int bits = Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 64;
            var machine = new { vector_bits = bits, processors = Environment.ProcessorCount, runtime = RuntimeInformation.FrameworkDescription };
            File.WriteAllText(output, JsonSerializer.Serialize(machine));
            Console.WriteLine(JsonSerializer.Serialize(machine));
        }
    }
}
