using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace VanishingGradients.Grading.Tests
{
    /// <summary>
    /// Unpacks the student kit as a student would: it must hold no reference implementation and no answers, and its own
    /// grading tool must still grade (full marks for the solutions copied in, none for the stubs). Builds the kit's tools
    /// from source, so it runs only with VG_KIT_INTEGRATION=1 (tests/kit-checks.sh sets it).
    /// </summary>
    [TestFixture, Category("Integration"), NonParallelizable]
    public sealed class StudentKitIntegrationTests
    {
        private string _kit = "";
        private string[] _files = Array.Empty<string>();

        [OneTimeSetUp]
        public void Unpack()
        {
            if (Environment.GetEnvironmentVariable("VG_KIT_INTEGRATION") != "1")
                Assert.Ignore("Building and grading the unpacked student kit runs with VG_KIT_INTEGRATION=1 (tests/kit-checks.sh sets it).");
            string folder = Repo.NewTempFolder();
            string zip = Path.Combine(folder, "student-kit.zip");
            StudentKit.Create(Repo.Layout, zip);
            _kit = Path.Combine(folder, "kit");
            ZipFile.ExtractToDirectory(zip, _kit);
            // What the student receives, listed before grading builds anything in the folder.
            _files = Directory.EnumerateFiles(_kit, "*", SearchOption.AllDirectories).Select(f => ExerciseGenerator.Relative(_kit, f)).ToArray();
        }

        [Test]
        public void Kit_HoldsNoReferenceImplementationNoSolutionsNoHiddenTests()
        {
            var files = _files;
            Assert.That(files, Has.Some.EqualTo("exercises/Graders/expected.json"));
            Assert.That(files, Has.None.Contains("VanishingGradients.Core"), "no reference library source or assembly");
            Assert.That(files, Has.None.EndsWith(".dll").And.None.EndsWith(".exe").And.None.EndsWith(".nupkg"), "no compiled code at all");
            Assert.That(files, Has.None.StartsWith("solutions/").And.None.Contains("HiddenTests"));
            // The reference library's code lives in namespace VanishingGradients; the kit may hold only the exercises and
            // the grading tool's namespaces.
            var reference = new Regex(@"namespace\s+VanishingGradients(?!\.(Exercises|Grading)\b)\b");
            foreach (string file in files.Where(f => f.EndsWith(".cs", StringComparison.Ordinal)))
                Assert.That(reference.IsMatch(File.ReadAllText(Path.Combine(_kit, file))), Is.False, file);
        }

        [Test]
        public void Kit_GradesStubsZeroAndSolutionsFull()
        {
            var stubs = Grade("none");
            Assert.That(stubs.Points, Is.EqualTo(0), "the stubs earn nothing");
            foreach (string solution in Directory.GetFiles(Repo.Layout.Solutions, "Ex*.cs"))
                File.Copy(solution, Path.Combine(_kit, "exercises", Path.GetFileName(solution)), overwrite: true);
            var solved = Grade("full");
            Assert.That(solved.Points, Is.EqualTo(solved.Max).And.EqualTo(stubs.Max).And.GreaterThan(0));
        }

        [Test]
        public void Kit_GradesAStudentWhoseFileDoesNotCompile_EvenWhenTheGradersMustBeBuilt()
        {
            // The graders are built against the kit's copy of the stubs, not against the student's files: a first grade
            // with a broken file used to fail the graders' build and show nothing but that file's errors.
            string exercises = Path.Combine(_kit, "exercises");
            try
            {
                foreach (string solution in Directory.GetFiles(Repo.Layout.Solutions, "Ex*.cs"))
                    File.Copy(solution, Path.Combine(exercises, Path.GetFileName(solution)), overwrite: true);
                File.WriteAllText(Path.Combine(exercises, "Ex05_Tanh.cs"), "namespace VanishingGradients.Exercises { public static class TanhUnit { retur } }");
                string graders = Path.Combine(exercises, "Graders", "bin");
                if (Directory.Exists(graders)) Directory.Delete(graders, recursive: true);
                var outcome = ProcessRunner.Run(GraderRunner.DotnetHost, new[] { "run", "--project", "src/Grading/vg-grade", "-c", "Release", "--", "grade" },
                    _kit, TimeSpan.FromMinutes(15));
                Assert.That(outcome.Output, Does.Contain("Building the graders"), "the graders were built in this run");
                Assert.That(outcome.Output, Does.Match(@"Ex05 .*CompileError").And.Match(@"Ex14 .*Passed"), outcome.Output);
                Assert.That(outcome.Output, Does.Contain("Ex05 does not compile, so it was graded as its stub"), "Ex06 calls Ex05's tanh");
            }
            finally
            {
                // Back to the kit as handed out, from the copy the kit carries.
                foreach (string stub in Directory.GetFiles(Path.Combine(exercises, "Graders", CourseLayout.StubsFolderName), "Ex*.cs"))
                    File.Copy(stub, Path.Combine(exercises, Path.GetFileName(stub)), overwrite: true);
            }
        }

        /// <summary>Runs the kit's own `grade` the way its README says, and reads the total it prints.</summary>
        private (int Points, int Max) Grade(string expect)
        {
            var outcome = ProcessRunner.Run(GraderRunner.DotnetHost,
                new[] { "run", "--project", "src/Grading/vg-grade", "-c", "Release", "--", "grade", "--expect", expect },
                _kit, TimeSpan.FromMinutes(15));
            Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Output);
            var total = Regex.Match(outcome.Output, @"Total: (\d+) / (\d+) points");
            Assert.That(total.Success, Is.True, outcome.Output);
            return (int.Parse(total.Groups[1].Value), int.Parse(total.Groups[2].Value));
        }
    }
}
