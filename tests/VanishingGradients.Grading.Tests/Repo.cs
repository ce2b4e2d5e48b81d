using System.IO;
using VanishingGradients.Grading;

namespace VanishingGradients.Grading.Tests
{
    internal static class Repo
    {
        public static CourseLayout Layout { get; } = CourseLayout.Find(TestContextDirectory());

        private static string TestContextDirectory() => NUnit.Framework.TestContext.CurrentContext.TestDirectory;

        public static string Fixtures => Path.Combine(Layout.Root, "tests", "fixtures", "submissions");

        public static string NewTempFolder()
        {
            string path = Path.Combine(Path.GetTempPath(), "vg-grading-tests", Path.GetRandomFileName());
            Directory.CreateDirectory(path);
            return path;
        }
    }
}
