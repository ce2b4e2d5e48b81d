using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using NUnit.Framework;

namespace VanishingGradients.Grading.Tests
{
    /// <summary>What the trusted side reads of a submission folder: only regular exercise files, never through a link.</summary>
    public sealed class SubmissionCopyTests
    {
        private string _root = "";

        [SetUp]
        public void Create() => _root = Directory.CreateTempSubdirectory("vg-copy-").FullName;

        [TearDown]
        public void Remove() => Directory.Delete(_root, recursive: true);

        private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

        private string? Copy(string submission) => CourseGrader.CopyExerciseFiles(submission, Folder("target-" + Path.GetFileName(submission)));

        [Test]
        public void A_regular_file_is_copied_byte_for_byte()
        {
            string submission = Folder("alice");
            File.WriteAllText(Path.Combine(submission, "Ex05_Tanh.cs"), "// mine\n");
            Assert.That(Copy(submission), Is.Null);
            Assert.That(File.ReadAllText(Path.Combine(_root, "target-alice", "Ex05_Tanh.cs")), Is.EqualTo("// mine\n"));
        }

        [Test]
        public void Only_the_kits_exercise_files_are_copied()
        {
            string submission = Folder("bob");
            foreach (string name in new[] { "Ex05_Tanh.cs", "Ex05_Tanh2.cs", "Ex99_Extra.cs" })
                File.WriteAllText(Path.Combine(submission, name), "// " + name + "\n");
            string target = Folder("target-bob");
            Assert.That(CourseGrader.CopyExerciseFiles(submission, target, new System.Collections.Generic.HashSet<string> { "Ex05_Tanh.cs", "Ex06_CompareTanhRelu.cs" }), Is.Null);
            Assert.That(Directory.GetFiles(target), Is.EqualTo(new[] { Path.Combine(target, "Ex05_Tanh.cs") }), "a backup copy and a made-up exercise stay out");
        }

        [Test]
        public void A_symbolic_link_is_refused_and_its_target_not_read()
        {
            string secret = Path.Combine(_root, "secret.cs");
            File.WriteAllText(secret, "// the answer\n");
            string submission = Folder("mallory");
            File.CreateSymbolicLink(Path.Combine(submission, "Ex13_Softmax.cs"), secret);
            Assert.That(Copy(submission), Does.Contain("symbolic link"));
            Assert.That(Directory.GetFiles(Path.Combine(_root, "target-mallory")), Is.Empty);
        }

        [Test]
        public void A_pipe_named_like_an_exercise_is_refused_without_waiting_for_a_writer()
        {
            if (!OperatingSystem.IsLinux()) Assert.Ignore("FIFOs are made with mkfifo on Linux.");
            string submission = Folder("fifo");
            using (var mkfifo = Process.Start("mkfifo", Path.Combine(submission, "Ex01_DataGrid.cs"))) mkfifo.WaitForExit();
            var copy = Task.Run(() => Copy(submission));
            // A hang guard, not a speed test: a blocking open would never return.
            Assert.That(copy.Wait(TimeSpan.FromMinutes(2)), "the copy returned");
            Assert.That(copy.Result, Does.Contain("not a regular file"));
        }
    }
}
