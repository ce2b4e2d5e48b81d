using System;
using System.IO;
using System.IO.Compression;
using NUnit.Framework;

namespace VanishingGradients.Grading.Tests
{
    /// <summary>Outputs (gradebook, results.json, kit and bundle zips) are whole or absent, and a path that could not be
    /// written is refused before any grading starts.</summary>
    public sealed class AtomicFileTests
    {
        [Test]
        public void A_zip_whose_filling_fails_leaves_the_old_file_and_no_temporary_one()
        {
            string dir = Repo.NewTempFolder(), path = Path.Combine(dir, "kit.zip");
            File.WriteAllText(path, "the previous kit");
            Assert.Throws<GradingException>(() => AtomicFile.WriteZip(path, zip =>
            {
                zip.CreateEntry("exercises/Ex01_DataGrid.cs");
                throw new GradingException("a solution marker in the kit");
            }));
            Assert.That(File.ReadAllText(path), Is.EqualTo("the previous kit"));
            Assert.That(Directory.GetFiles(dir), Is.EqualTo(new[] { path }));
        }

        [Test]
        public void A_cancelled_zip_leaves_the_old_file()
        {
            string dir = Repo.NewTempFolder(), path = Path.Combine(dir, "autograder.zip");
            File.WriteAllText(path, "the previous bundle");
            using var interrupt = new System.Threading.CancellationTokenSource();
            Assert.Throws<OperationCanceledException>(() => AtomicFile.WriteZip(path, zip =>
            {
                zip.CreateEntry("setup.sh");
                interrupt.Cancel(); // Ctrl+C while the bundle is packed
            }, interrupt.Token));
            Assert.That(File.ReadAllText(path), Is.EqualTo("the previous bundle"));
            Assert.That(Directory.GetFiles(dir), Is.EqualTo(new[] { path }));
        }

        [Test]
        public void A_zip_is_written_whole()
        {
            string path = Path.Combine(Repo.NewTempFolder(), "new", "bundle.zip");
            AtomicFile.WriteZip(path, zip => zip.CreateEntry("setup.sh"));
            using var archive = ZipFile.OpenRead(path);
            Assert.That(archive.Entries, Has.Count.EqualTo(1));
        }

        [Test]
        public void A_folder_is_no_file_to_write()
        {
            string dir = Repo.NewTempFolder();
            Assert.That(() => AtomicFile.CheckWritable(dir, "--gradebook"), Throws.TypeOf<GradingException>().With.Message.Contains("is a folder"));
            Assert.That(() => AtomicFile.WriteAllText(dir, "x"), Throws.TypeOf<GradingException>().With.Message.Contains("is a folder"));
        }

        [TestCase("/dev/null")]
        [TestCase("/dev/full")]
        [TestCase("")]
        public void A_device_or_no_name_is_no_file_to_write(string path)
        {
            Assert.That(() => AtomicFile.CheckWritable(path, "--gradebook"), Throws.TypeOf<GradingException>());
            Assert.That(() => AtomicFile.WriteAllText(path, "x"), Throws.TypeOf<GradingException>());
        }

        [Test]
        public void A_link_to_a_device_is_no_file_to_write()
        {
            string link = Path.Combine(Repo.NewTempFolder(), "gradebook.csv");
            File.CreateSymbolicLink(link, "/dev/null");
            Assert.That(() => AtomicFile.CheckWritable(link, "--gradebook"), Throws.TypeOf<GradingException>().With.Message.Contains("device"));
        }

        [Test]
        public void A_file_in_the_way_of_the_folders_is_refused_and_nothing_is_created()
        {
            string dir = Repo.NewTempFolder(), file = Path.Combine(dir, "notes.txt");
            File.WriteAllText(file, "");
            Assert.That(() => AtomicFile.CheckWritable(Path.Combine(file, "sub", "gradebook.csv"), "--gradebook"),
                Throws.TypeOf<GradingException>().With.Message.Contains("is a file, not a folder").And.Message.Contains("gradebook.csv"));
            Assert.That(() => AtomicFile.CheckFolderWritable(file, "--results-json"), Throws.TypeOf<GradingException>());
            AtomicFile.CheckWritable(Path.Combine(dir, "a", "b", "gradebook.csv"), "--gradebook");
            AtomicFile.CheckFolderWritable(Path.Combine(dir, "results"), "--results-json");
            Assert.That(Directory.GetFileSystemEntries(dir), Is.EqualTo(new[] { file }), "a check creates no folder and leaves no probe");
        }

        [Test]
        public void Two_submission_folders_of_the_same_name_are_refused_before_grading()
        {
            string root = Repo.NewTempFolder();
            string one = Directory.CreateDirectory(Path.Combine(root, "section1", "alice")).FullName;
            string two = Directory.CreateDirectory(Path.Combine(root, "section2", "alice")).FullName;
            var grader = new CourseGrader(Repo.Layout);
            Assert.That(() => grader.GradeSubmissions(new[] { one, two + "/" }, trusted: true),
                Throws.TypeOf<GradingException>().With.Message.Contains("same name, 'alice'"));
        }
    }
}
