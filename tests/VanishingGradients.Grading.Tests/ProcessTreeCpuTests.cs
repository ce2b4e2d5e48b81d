using System;
using System.Diagnostics;
using System.Threading;
using NUnit.Framework;
using VanishingGradients.Grading;

namespace VanishingGradients.Grading.Tests
{
    /// <summary>The call limit counts the CPU time of the worker's whole process tree, which sits below setpriv and bwrap.</summary>
    public class ProcessTreeCpuTests
    {
        [Test, Platform("Linux")]
        public void CountsTheCpuTimeOfDescendants()
        {
            // The process started does nothing; its child spins.
            var start = new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "sh -c 'while :; do :; done' & wait" } };
            using var shell = Process.Start(start)!;
            try
            {
                var clock = Stopwatch.StartNew();
                double? cpu = 0;
                while (clock.Elapsed < TimeSpan.FromSeconds(60) && (cpu = ProcessTreeCpu.Seconds(shell.Id)) < 0.3) Thread.Sleep(50);
                Assert.That(cpu, Is.GreaterThanOrEqualTo(0.3));
            }
            finally { shell.Kill(entireProcessTree: true); }
        }

        [Test]
        public void AProcessThatIsNotThere_HasNoCpuTime() => Assert.That(ProcessTreeCpu.Seconds(int.MaxValue), Is.Null);
    }
}
