using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace CourseGraders
{
    /// <summary>
    /// The expected answers the visible graders compare against, read from expected.json (embedded in this assembly).
    /// The file is data computed by the reference library on the instructor's side, so the student kit carries answers to
    /// these exact checks but never the code that computes them. Each key is the reference computation it stands for.
    /// tests/VanishingGradients.Grading.Tests/ExpectedValuesTests.cs recomputes every entry and keeps the file bit-exact.
    /// </summary>
    public static class Expected
    {
        /// <summary>Name of the data file beside the graders and of the resource it is embedded as.</summary>
        public const string FileName = "expected.json";

        private static readonly Lazy<IReadOnlyDictionary<string, JsonElement>> Entries = new(Load);

        public static double Value(string key) => Get(key).GetDouble();

        public static double[] Values(string key) => Get(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();

        public static double[,] Matrix(string key)
        {
            double[][] rows = Get(key).EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
            var m = new double[rows.Length, rows.Length == 0 ? 0 : rows[0].Length];
            for (int i = 0; i < rows.Length; i++)
                for (int j = 0; j < rows[i].Length; j++) m[i, j] = rows[i][j];
            return m;
        }

        private static JsonElement Get(string key) =>
            Entries.Value.TryGetValue(key, out var value) ? value
                : throw new InvalidOperationException($"Grader error: {FileName} has no expected value for '{key}'.");

        private static IReadOnlyDictionary<string, JsonElement> Load()
        {
            using var stream = typeof(Expected).Assembly.GetManifestResourceStream(FileName)
                ?? throw new InvalidOperationException($"Grader error: {FileName} is not embedded in the graders.");
            using var document = JsonDocument.Parse(stream);
            return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        }
    }
}
