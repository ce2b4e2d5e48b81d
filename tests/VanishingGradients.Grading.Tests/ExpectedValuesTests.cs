using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace VanishingGradients.Grading.Tests
{
    /// <summary>
    /// The instructor's side of exercises/Graders/expected.json: every expected value the visible graders
    /// read, computed here by the reference library. The tests keep the file bit-exact with the library and its keys equal
    /// to those the graders use. After changing the library or a grader, regenerate the file with
    ///   VG_WRITE_EXPECTED=1 dotnet test tests/VanishingGradients.Grading.Tests --filter ExpectedValues
    /// </summary>
    public sealed class ExpectedValuesTests
    {
        private static readonly double[] Scores = { 2.0, 1.0, 0.1, -1.5 };

        /// <summary>Key (the computation, as the graders name it) → the reference library's answer.</summary>
        private static readonly IReadOnlyDictionary<string, Func<object>> Oracle = new Dictionary<string, Func<object>>
        {
            ["Grid.Linspace(-5, 5, 100)"] = () => Grid.Linspace(-5, 5, 100),
            ["Grid.Linspace(-5, 5, 101)"] = () => Grid.Linspace(-5, 5, 101),
            ["Grid.Linspace(-5, 5, 1001)"] = () => Grid.Linspace(-5, 5, 1001),
            ["Grid.Linspace(-10, 10, 400)"] = () => Grid.Linspace(-10, 10, 400),
            ["Grid.Linspace(-4, 4, 81)"] = () => Grid.Linspace(-4, 4, 81),
            ["Grid.Linspace(-1, 1, 21)"] = () => Grid.Linspace(-1, 1, 21),
            ["Grid.Linspace(0.3, 3.7, 50)"] = () => Grid.Linspace(0.3, 3.7, 50),
            ["Grid.Linspace(0.5, 9, 1000)"] = () => Grid.Linspace(0.5, 9, 1000),
            ["Grid.Arange(-6, 6, 0.01)"] = () => Grid.Arange(-6, 6, 0.01),
            ["Sigmoid.Value at Grid.Linspace(-5, 5, 100)"] = () => At(Activations.Sigmoid.Value, Grid.Linspace(-5, 5, 100)),
            ["Sigmoid.Derivative at Grid.Linspace(-5, 5, 100)"] = () => At(Activations.Sigmoid.Derivative, Grid.Linspace(-5, 5, 100)),
            ["Sigmoid.Derivatives(Grid.Linspace(-10, 10, 400))"] = () => Activations.Sigmoid.Derivatives(Grid.Linspace(-10, 10, 400)),
            ["Sigmoid.Derivative(2)"] = () => Activations.Sigmoid.Derivative(2),
            ["Sigmoid.Tangent(2, x) at [-1.7, -0.4, 0, 1.1, 3.7]"] = () => At(x => Activations.Sigmoid.Tangent(2, x), new[] { -1.7, -0.4, 0, 1.1, 3.7 }),
            ["Sigmoid.Tangent(2, x) at Grid.Linspace(0.3, 3.7, 50)"] = () => At(x => Activations.Sigmoid.Tangent(2, x), Grid.Linspace(0.3, 3.7, 50)),
            ["Sigmoid.ScaledValue(-r, 1) at r = [0.5, 1, 3, 9]"] = () => At(r => Activations.Sigmoid.ScaledValue(-r, 1), new[] { 0.5, 1, 3, 9 }),
            ["Sigmoid.ScaledDerivative(-r, 1) at r = [0.5, 1, 2.4, 5, 9]"] = () => At(r => Activations.Sigmoid.ScaledDerivative(-r, 1), new[] { 0.5, 1, 2.4, 5, 9 }),
            ["Sigmoid.ScaledDerivative(-r, 1) at r = Grid.Linspace(0.5, 9, 1000)"] = () => At(r => Activations.Sigmoid.ScaledDerivative(-r, 1), Grid.Linspace(0.5, 9, 1000)),
            ["GradientDecay.Cumulative(Sigmoid, 2, 8).CumulativeGradient"] = () => GradientDecay.Cumulative(Activations.Sigmoid, 2, 8).Select(s => s.CumulativeGradient).ToArray(),
            ["Tanh.Value at Grid.Linspace(-5, 5, 100)"] = () => At(Activations.Tanh.Value, Grid.Linspace(-5, 5, 100)),
            ["Tanh.Derivative at Grid.Linspace(-5, 5, 100)"] = () => At(Activations.Tanh.Derivative, Grid.Linspace(-5, 5, 100)),
            ["Tanh.Derivatives(Grid.Linspace(-5, 5, 100))"] = () => Activations.Tanh.Derivatives(Grid.Linspace(-5, 5, 100)),
            ["LeakyReLUWith(0.1).Value at Grid.Linspace(-4, 4, 81)"] = () => At(Activations.LeakyReLUWith(0.1).Value, Grid.Linspace(-4, 4, 81)),
            ["LeakyReLUWith(0.1).Derivative at Grid.Linspace(-4, 4, 81)"] = () => At(Activations.LeakyReLUWith(0.1).Derivative, Grid.Linspace(-4, 4, 81)),
            ["ELU.Value at Grid.Linspace(-4, 4, 81)"] = () => At(Activations.ELU.Value, Grid.Linspace(-4, 4, 81)),
            ["ELU.Derivative at Grid.Linspace(-4, 4, 81)"] = () => At(Activations.ELU.Derivative, Grid.Linspace(-4, 4, 81)),
            ["Softmax.Evaluate([2, 1, 0.1, -1.5])"] = () => Softmax.Evaluate(Scores),
            ["Softmax.Evaluate([0, 1, 2])"] = () => Softmax.Evaluate(new[] { 0.0, 1.0, 2.0 }),
            ["Softmax.Jacobian([2, 1, 0.1, -1.5])"] = () => Rows(Softmax.Jacobian(Scores)),
            ["GELU.Value at Grid.Linspace(-5, 5, 101)"] = () => At(Activations.GELU.Value, Grid.Linspace(-5, 5, 101)),
            ["GELU.Derivative at Grid.Linspace(-5, 5, 101)"] = () => At(Activations.GELU.Derivative, Grid.Linspace(-5, 5, 101)),
            ["GELUTanh.Value at Grid.Linspace(-5, 5, 101)"] = () => At(Activations.GELUTanh.Value, Grid.Linspace(-5, 5, 101)),
            ["max |GELU.Value - GELUTanh.Value| at Grid.Linspace(-5, 5, 1001)"] =
                () => Grid.Linspace(-5, 5, 1001).Max(x => Math.Abs(Activations.GELU.Value(x) - Activations.GELUTanh.Value(x))),
        };

        private static double[] At(Func<double, double> f, double[] inputs) => Array.ConvertAll(inputs, x => f(x));

        /// <summary>A matrix as rows, the shape JSON holds.</summary>
        private static double[][] Rows(double[,] m) =>
            Enumerable.Range(0, m.GetLength(0)).Select(i => Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j]).ToArray()).ToArray();

        /// <summary>The graders' own sources (not build output).</summary>
        private static IEnumerable<string> GraderSources() =>
            Directory.EnumerateFiles(Graders, "*.cs", SearchOption.AllDirectories)
                .Where(f => !ExerciseGenerator.Relative(Graders, f).Split('/').Any(part => part is "bin" or "obj"));

        private static string Graders => Repo.Layout.Graders;

        private static string DataFile => Path.Combine(Graders, "expected.json");

        [OneTimeSetUp]
        public void WriteWhenAsked()
        {
            if (Environment.GetEnvironmentVariable("VG_WRITE_EXPECTED") == "1") File.WriteAllText(DataFile, Render());
        }

        [Test]
        public void DataFile_IsBitExactWithTheReferenceLibrary()
        {
            using var document = JsonDocument.Parse(File.ReadAllText(DataFile));
            var stored = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => Bits(p.Value));
            Assert.That(stored.Keys, Is.EquivalentTo(Oracle.Keys), "expected.json holds other keys than the oracle; regenerate it (see this class's summary).");
            foreach (var (key, compute) in Oracle)
            {
                using var fresh = JsonDocument.Parse(JsonSerializer.Serialize(compute()));
                Assert.That(stored[key], Is.EqualTo(Bits(fresh.RootElement)), $"'{key}' differs from the reference library; regenerate expected.json.");
            }
        }

        [Test]
        public void Graders_UseExactlyTheOracleKeys()
        {
            var used = GraderSources()
                .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"Expected\.(?:Value|Values|Matrix)\(""([^""]+)""\)").Select(m => m.Groups[1].Value))
                .ToHashSet();
            Assert.That(used, Is.EquivalentTo(Oracle.Keys));
        }

        [Test]
        public void Graders_DoNotUseTheReferenceLibrary()
        {
            foreach (string file in GraderSources())
                Assert.That(File.ReadAllText(file), Does.Not.Contain("VanishingGradients.Core").And.Not.Match(@"=\s*VanishingGradients\s*;"), file);
        }

        /// <summary>Each number as its IEEE-754 bits, so the comparison is exact (NaN included) and independent of formatting.</summary>
        private static object Bits(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Number => BitConverter.DoubleToInt64Bits(e.GetDouble()),
            JsonValueKind.Array => e.EnumerateArray().Select(Bits).ToList(),
            _ => throw new FormatException($"Unexpected {e.ValueKind} in expected.json."),
        };

        private static string Render()
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                foreach (var (key, compute) in Oracle.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    JsonSerializer.Serialize(writer, compute());
                }
                writer.WriteEndObject();
            }
            return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        }
    }
}
