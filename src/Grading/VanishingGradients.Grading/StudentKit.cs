using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;

namespace VanishingGradients.Grading
{
    /// <summary>
    /// Packs what a student needs into a zip: exercises/ with the visible graders and their expected values as data
    /// (exercises/Graders/expected.json), the grading tool with its library and worker (src/Grading), and the build settings. Never solutions/, hidden tests, the
    /// reference library (its code holds worked answers) or build output.
    /// </summary>
    public static class StudentKit
    {
        /// <summary>Folders and files (relative to the repository root) that make up the kit.</summary>
        public static IReadOnlyList<string> Parts { get; } = new[]
        {
            "exercises",
            "src/Grading",
            "Directory.Build.props",
        };

        private static readonly string[] SkippedFolders = { "bin", "obj", ".vs", ".idea", "TestResults", "HiddenTests" };

        /// <summary>Writes the kit; returns the paths (inside the zip) of the files it holds.</summary>
        public static IReadOnlyList<string> Create(CourseLayout layout, string zipPath, CancellationToken cancellation = default)
        {
            if (layout.HasSolutions) ExerciseGenerator.RequireCurrent(layout.Solutions, layout.Exercises);
            var entries = new List<string>();
            string stubs = $"exercises/Graders/{CourseLayout.StubsFolderName}/";
            AtomicFile.WriteZip(zipPath, zip =>
            {
                foreach (string part in Parts)
                {
                    string path = Path.Combine(layout.Root, part);
                    if (File.Exists(path)) { Add(zip, path, part, entries); continue; }
                    if (!Directory.Exists(path)) throw new GradingException($"The kit needs '{part}', which is missing under '{layout.Root}'.");
                    foreach (string file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
                    {
                        string relative = part + "/" + ExerciseGenerator.Relative(path, file);
                        if (relative.Split('/').Any(segment => SkippedFolders.Contains(segment, StringComparer.OrdinalIgnoreCase))) continue;
                        if (relative.StartsWith(stubs, StringComparison.Ordinal)) continue; // a kit built from a kit: added below
                        Add(zip, file, relative, entries);
                    }
                }
                string readme = Path.Combine(layout.Exercises, "README.md");
                if (File.Exists(readme)) Add(zip, readme, "README.md", entries);
                // The exercises as handed out, once more, where the student does not work on them (CourseLayout.Stubs).
                Add(zip, Path.Combine(layout.Stubs, CourseLayout.ProjectFileName), stubs + CourseLayout.ProjectFileName, entries);
                foreach (string file in CourseGrader.ExerciseSources(layout.Stubs))
                    Add(zip, file, stubs + Path.GetFileName(file), entries);
                foreach (string file in Directory.EnumerateFiles(Path.Combine(layout.Stubs, "Support"), "*.cs").OrderBy(f => f, StringComparer.Ordinal))
                    Add(zip, file, stubs + "Support/" + Path.GetFileName(file), entries);
            }, cancellation);
            return entries;
        }

        private static void Add(ZipArchive zip, string file, string entryName, List<string> entries)
        {
            if (entryName.StartsWith("exercises/", StringComparison.Ordinal) && File.ReadAllText(file).Contains(ExerciseGenerator.BeginMarker))
                throw new GradingException($"'{entryName}' contains a solution marker; it must not go into the student kit.");
            zip.CreateEntryFromFile(file, entryName, CompressionLevel.Optimal);
            entries.Add(entryName);
        }
    }
}
