using System;
using System.IO;
using NUnit.Framework;

namespace VanishingGradients.Grading.Tests
{
    /// <summary>
    /// The sandbox check before a class run starts the worker itself under bubblewrap, so "available" means grading will
    /// work. Needs the worker built (tests/kit-checks.sh builds it) and bubblewrap, so it runs with VG_KIT_INTEGRATION=1.
    /// </summary>
    [TestFixture, Category("Integration")]
    public sealed class SandboxProbeTests
    {
        [SetUp]
        public void NeedsTheSandbox()
        {
            if (Environment.GetEnvironmentVariable("VG_KIT_INTEGRATION") != "1")
                Assert.Ignore("Starting the sandboxed worker runs with VG_KIT_INTEGRATION=1 (tests/kit-checks.sh sets it).");
            Assert.That(Sandbox.Available, Is.True, "bubblewrap is needed: apt-get install bubblewrap (CI installs it).");
            Assert.That(File.Exists(Repo.Layout.WorkerAssembly), Is.True, "build the worker first: " + Repo.Layout.WorkerAssembly);
        }

        [Test]
        public void TheWorkerStartsInTheSandbox() =>
            Assert.That(Sandbox.CheckWorker(Repo.Layout.WorkerAssembly, SandboxMode.Bubblewrap, new GradingLimits()), Is.Null);

        [Test]
        public void AWorkerThatCannotStartIsReportedWithTheReason()
        {
            // Same folder, same mounts and limits, but nothing to run: what a broken sandbox looks like from outside.
            string missing = Path.Combine(Path.GetDirectoryName(Repo.Layout.WorkerAssembly)!, "no-such-worker.dll");
            Assert.That(Sandbox.CheckWorker(missing, SandboxMode.Bubblewrap, new GradingLimits()),
                Does.StartWith("the worker does not start in the Bubblewrap sandbox (exit code"));
        }
    }
}
