using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace VanishingGradients.Grading
{
    /// <summary>
    /// Where the course kit's parts live under a repository (or unpacked student kit) root: exercises/ with the visible
    /// graders in exercises/Graders, solutions/ with the hidden tests in solutions/HiddenTests, and the grading tool, its
    /// library and its worker under src/Grading.
    /// </summary>
    public sealed class CourseLayout
    {
        public const string ProjectFileName = "VanishingGradients.Exercises.csproj";
        public const string GraderAssemblyName = "VanishingGradients.Graders";
        public const string ExerciseAssemblyName = "VanishingGradients.Exercises";
        public const string WorkerAssemblyName = "VanishingGradients.Grading.Worker";

        public CourseLayout(string root)
        {
            Root = Path.GetFullPath(root);
        }

        public string Root { get; }
        public string Solutions => Path.Combine(Root, "solutions");
        public string Exercises => Path.Combine(Root, "exercises");
        /// <summary>The visible graders, beside the exercises they grade.</summary>
        public string Graders => Path.Combine(Exercises, "Graders");
        /// <summary>The instructor's hidden tests, beside the solutions.</summary>
        public string HiddenTests => Path.Combine(Solutions, "HiddenTests");
        public string GraderProject => Path.Combine(Graders, GraderAssemblyName + ".csproj");
        /// <summary>
        /// The exercises as handed out: what the graders are built against and what stands in for a file that does not
        /// compile. In the repository that is exercises/ itself (kept as stubs by `generate`); in the student kit, where
        /// exercises/ is the student's work, a copy the kit carries in exercises/Graders/Stubs.
        /// </summary>
        public string Stubs => Directory.Exists(Path.Combine(Graders, StubsFolderName)) ? Path.Combine(Graders, StubsFolderName) : Exercises;
        public const string StubsFolderName = "Stubs";
        /// <summary>The grading tool (vg-grade), its library and its worker.</summary>
        public string GradingTools => Path.Combine(Root, "src", "Grading");
        /// <summary>The worker that runs student code; built with the graders, into its own folder (no grader, no reference library).</summary>
        public string WorkerAssembly => Path.Combine(GradingTools, WorkerAssemblyName, "bin", "Release", "net10.0", WorkerAssemblyName + ".dll");
        /// <summary>The kit's given helpers, compiled with every submission (students' copies of them are not used).</summary>
        public string Support => Path.Combine(Exercises, "Support");
        public bool HasSolutions => File.Exists(Path.Combine(Solutions, ProjectFileName));

        /// <summary>The folder of the given exercise source ("exercises" or "solutions").</summary>
        public string Source(string source) => source switch
        {
            ExerciseSource.Exercises => Exercises,
            ExerciseSource.Solutions => Solutions,
            _ => throw new ArgumentException($"Unknown exercise source '{source}'; use '{ExerciseSource.Exercises}' or '{ExerciseSource.Solutions}'.", nameof(source)),
        };

        /// <summary>The grader assembly that <c>dotnet build -p:ExerciseSource=source -c configuration</c> produces.</summary>
        public string GraderAssembly(string source, string configuration = "Release") =>
            Path.Combine(Graders, "bin", source, configuration, "net10.0", GraderAssemblyName + ".dll");

        /// <summary>
        /// The files the graders built against <paramref name="source"/> are made of: their project, the grading tools, the
        /// build settings and the exercise project's shape (project file, helpers, hidden tests, reference library). Not the
        /// Ex??_*.cs files: the graders use only the exercises' API, and a student's code is compiled apart.
        /// </summary>
        public IEnumerable<string> GraderInputs(string source)
        {
            var folders = new List<string> { Graders, GradingTools };
            if (source == ExerciseSource.Solutions) folders.AddRange(new[] { HiddenTests, Path.Combine(Root, "src", "VanishingGradients.Core") });
            var files = new List<string> { Path.Combine(Root, "Directory.Build.props"), Path.Combine(Source(source), ProjectFileName) };
            string support = Path.Combine(Source(source), "Support");
            if (Directory.Exists(support)) files.AddRange(Directory.EnumerateFiles(support, "*.cs"));
            string[] output = { "bin", "obj" };
            return files.Where(File.Exists).Concat(folders.Where(Directory.Exists).SelectMany(folder =>
                Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                    .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).Any(output.Contains))));
        }

        /// <summary>Walks up from <paramref name="start"/> to the folder that holds exercises/ with its grader project.</summary>
        public static CourseLayout Find(string? start = null)
        {
            var dir = new DirectoryInfo(Path.GetFullPath(start ?? Directory.GetCurrentDirectory()));
            for (var d = dir; d != null; d = d.Parent)
            {
                var candidate = new CourseLayout(d.FullName);
                if (File.Exists(candidate.GraderProject) && Directory.Exists(candidate.Exercises)) return candidate;
            }
            throw new DirectoryNotFoundException($"No course kit found at or above '{dir.FullName}' (looked for exercises/Graders/{GraderAssemblyName}.csproj).");
        }
    }

    /// <summary>The two projects the graders can be built against.</summary>
    public static class ExerciseSource
    {
        public const string Exercises = "exercises";
        public const string Solutions = "solutions";
    }
}
