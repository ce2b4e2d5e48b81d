using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace VanishingGradients.Grading
{
    /// <summary>One file of the generated student project: its path relative to the project folder and its text.</summary>
    public sealed record GeneratedFile(string RelativePath, string Content);

    /// <summary>How a committed exercises/ file differs from what the generator produces.</summary>
    public sealed record GeneratorDifference(string RelativePath, string Kind, int Line, string Detail)
    {
        public override string ToString() => Line > 0 ? $"{RelativePath}:{Line}: {Kind}: {Detail}" : $"{RelativePath}: {Kind}: {Detail}";
    }

    /// <summary>A solutions/ file whose solution markers are malformed.</summary>
    public sealed class GeneratorException : Exception
    {
        public GeneratorException(string file, int line, string message) : base($"{file}:{line}: {message}")
        {
            File = file;
            Line = line;
        }

        public string File { get; }
        public int Line { get; }
    }

    /// <summary>
    /// Produces exercises/ from solutions/: every region between "// BEGIN SOLUTION" and "// END SOLUTION" is replaced by a
    /// stub that throws NotImplementedException with the hint written after the opening marker
    /// ("// BEGIN SOLUTION: hint text"). The folders of <see cref="ExcludedFolders"/> are left alone.
    /// </summary>
    public static class ExerciseGenerator
    {
        public const string BeginMarker = "// BEGIN SOLUTION";
        public const string EndMarker = "// END SOLUTION";
        public const string DefaultHint = "Write your solution here.";

        /// <summary>
        /// Folders the generator neither reads in solutions/ nor writes or removes in exercises/: the instructor's hidden
        /// tests, the visible graders (hand-written, in exercises/Graders beside what they grade), build output, IDE files.
        /// </summary>
        public static IReadOnlyList<string> ExcludedFolders { get; } = new[] { "HiddenTests", "Graders", "bin", "obj", ".vs", ".idea" };

        /// <summary>The stub text for one source file (line endings normalised to \n).</summary>
        public static string Transform(string source, string fileName)
        {
            if (source == null) throw new ArgumentNullException(nameof(source));
            var lines = source.Replace("\r\n", "\n").Split('\n');
            var output = new StringBuilder(source.Length);
            int openedAt = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                string trimmed = line.TrimStart();
                bool isLast = i == lines.Length - 1;
                if (trimmed.StartsWith(BeginMarker, StringComparison.Ordinal))
                {
                    if (openedAt > 0) throw new GeneratorException(fileName, i + 1, $"'{BeginMarker}' inside the region opened at line {openedAt}; regions cannot nest.");
                    openedAt = i + 1;
                    string indent = line.Substring(0, line.Length - trimmed.Length);
                    string hint = trimmed.Substring(BeginMarker.Length).TrimStart(':', ' ', '\t').Trim();
                    if (hint.Length == 0) hint = DefaultHint;
                    output.Append(indent).Append("throw new NotImplementedException(").Append(CSharpString(hint)).Append(");");
                    if (!isLast) output.Append('\n');
                    continue;
                }
                if (trimmed.StartsWith(EndMarker, StringComparison.Ordinal))
                {
                    if (openedAt == 0) throw new GeneratorException(fileName, i + 1, $"'{EndMarker}' without a matching '{BeginMarker}'.");
                    openedAt = 0;
                    continue;
                }
                if (openedAt > 0) continue;
                output.Append(line);
                if (!isLast) output.Append('\n');
            }
            if (openedAt > 0) throw new GeneratorException(fileName, openedAt, $"'{BeginMarker}' is never closed by '{EndMarker}'.");
            return output.ToString();
        }

        /// <summary>Every file of the student project, generated from <paramref name="solutionsDirectory"/>, sorted by path.</summary>
        public static IReadOnlyList<GeneratedFile> Generate(string solutionsDirectory)
        {
            if (!Directory.Exists(solutionsDirectory)) throw new DirectoryNotFoundException($"The solutions folder '{solutionsDirectory}' does not exist.");
            var files = new List<GeneratedFile>();
            foreach (string path in Directory.EnumerateFiles(solutionsDirectory, "*", SearchOption.AllDirectories))
            {
                string relative = Relative(solutionsDirectory, path);
                if (IsExcluded(relative)) continue;
                string text = File.ReadAllText(path);
                string content = path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)
                    ? Transform(text, relative)
                    : text.Replace("\r\n", "\n");
                if (!path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) && content.Contains(BeginMarker))
                    throw new GeneratorException(relative, 1, "Solution markers are only understood in .cs files.");
                files.Add(new GeneratedFile(relative, content));
            }
            files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
            return files;
        }

        /// <summary>Writes the generated project into <paramref name="exercisesDirectory"/>, removing files the generator no longer produces.</summary>
        public static IReadOnlyList<GeneratedFile> Write(string solutionsDirectory, string exercisesDirectory)
        {
            var files = Generate(solutionsDirectory);
            Directory.CreateDirectory(exercisesDirectory);
            var produced = new HashSet<string>(files.Select(f => f.RelativePath), StringComparer.Ordinal);
            foreach (string stale in ExistingFiles(exercisesDirectory).Where(r => !produced.Contains(r)))
                File.Delete(Path.Combine(exercisesDirectory, stale));
            foreach (var file in files)
            {
                string target = Path.Combine(exercisesDirectory, file.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                if (!File.Exists(target) || File.ReadAllText(target) != file.Content)
                    File.WriteAllText(target, file.Content, new UTF8Encoding(false));
            }
            return files;
        }

        /// <summary>The differences between <paramref name="exercisesDirectory"/> and what the generator produces; empty when up to date.</summary>
        public static IReadOnlyList<GeneratorDifference> Check(string solutionsDirectory, string exercisesDirectory)
        {
            var expected = Generate(solutionsDirectory).ToDictionary(f => f.RelativePath, f => f.Content, StringComparer.Ordinal);
            var existing = Directory.Exists(exercisesDirectory) ? ExistingFiles(exercisesDirectory) : new List<string>();
            var differences = new List<GeneratorDifference>();
            foreach (var pair in expected.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                string path = Path.Combine(exercisesDirectory, pair.Key);
                if (!File.Exists(path)) { differences.Add(new GeneratorDifference(pair.Key, "missing", 0, "the generator produces this file but exercises/ lacks it")); continue; }
                string actual = File.ReadAllText(path).Replace("\r\n", "\n");
                if (actual != pair.Value) differences.Add(FirstDifference(pair.Key, pair.Value, actual));
            }
            foreach (string extra in existing.Where(r => !expected.ContainsKey(r)))
                differences.Add(new GeneratorDifference(extra, "extra", 0, "exercises/ has this file but the generator does not produce it"));
            return differences;
        }

        private static GeneratorDifference FirstDifference(string path, string expected, string actual)
        {
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            int n = Math.Min(e.Length, a.Length);
            for (int i = 0; i < n; i++)
                if (e[i] != a[i])
                    return new GeneratorDifference(path, "changed", i + 1, $"expected \"{Shorten(e[i].Trim())}\" but found \"{Shorten(a[i].Trim())}\"");
            return new GeneratorDifference(path, "changed", n + 1, $"expected {e.Length} lines but found {a.Length}");
        }

        private static string Shorten(string s) => s.Length <= 80 ? s : s.Substring(0, 77) + "...";

        private static List<string> ExistingFiles(string directory) =>
            Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Select(p => Relative(directory, p))
                .Where(r => !IsExcluded(r))
                .OrderBy(r => r, StringComparer.Ordinal)
                .ToList();

        internal static bool IsExcluded(string relativePath)
        {
            string first = relativePath.Split('/')[0];
            return ExcludedFolders.Contains(first, StringComparer.OrdinalIgnoreCase);
        }

        internal static string Relative(string root, string path)
        {
            string fullRoot = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
            string full = Path.GetFullPath(path);
            if (!full.StartsWith(fullRoot, StringComparison.Ordinal)) throw new ArgumentException($"'{path}' is not under '{root}'.", nameof(path));
            return full.Substring(fullRoot.Length).Replace('\\', '/');
        }

        private static string CSharpString(string text)
        {
            var sb = new StringBuilder("\"");
            foreach (char c in text)
            {
                switch (c)
                {
                    case '\\': sb.Append("\\\\"); break;
                    case '"': sb.Append("\\\""); break;
                    default: sb.Append(c); break;
                }
            }
            return sb.Append('"').ToString();
        }
    }
}
