using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace VanishingGradients.Benchmarks
{
    /// <summary>
    /// One launch with this many warm-up and measured iterations; with VG_BENCH_QUICK=1 in the environment (compare.sh
    /// --quick) one warm-up, three iterations of at most 100 ms: enough to check the whole run end to end in minutes.
    /// BenchmarkDotNet adds a command line's --job to a class's own jobs rather than replacing them, hence this.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class RoundsAttribute : Attribute, IConfigSource
    {
        public RoundsAttribute(int warmup, int iterations)
        {
            var job = Environment.GetEnvironmentVariable("VG_BENCH_QUICK") == "1"
                ? Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100))
                : Job.Default.WithLaunchCount(1).WithWarmupCount(warmup).WithIterationCount(iterations);
            Config = ManualConfig.CreateEmpty().AddJob(job);
        }

        public IConfig Config { get; }
    }
}
