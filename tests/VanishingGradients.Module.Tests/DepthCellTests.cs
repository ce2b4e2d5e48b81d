using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using NUnit.Framework;

namespace VanishingGradients.Module.Tests
{
    /// <summary>
    /// The labs' depth cells from the shell, draw for draw (New-RandomGenerator, -Generator, -Input/-Target), against
    /// numpy running the cells' code (tests/fixtures/notebook-depth.json); batch norm and the remedy labels.
    /// </summary>
    [TestFixture, NonParallelizable]
    public class DepthCellTests : EngineFixture
    {
        private static readonly JsonElement Cells = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(Repository.Root, "tests", "fixtures", "notebook-depth.json"))).RootElement;

        private static void AssertSummaries(string cell, DepthSummary[] summaries)
        {
            var runs = Cells.GetProperty(cell).GetProperty("runs").EnumerateArray().ToArray();
            Assert.That(summaries, Has.Length.EqualTo(runs.Length));
            for (int i = 0; i < runs.Length; i++)
            {
                var run = runs[i];
                var s = summaries[i];
                string what = $"{cell} {run.GetProperty("activation")} depth {run.GetProperty("depth")}";
                Assert.That(s.Activation.ToLowerInvariant(), Is.EqualTo(run.GetProperty("activation").GetString()), what);
                Assert.That(s.Depth, Is.EqualTo(run.GetProperty("depth").GetInt32()), what);
                double first = run.GetProperty("first").GetDouble(), last = run.GetProperty("last").GetDouble();
                Assert.That(s.FirstLayerNorm, Is.EqualTo(first).Within(1e-12 * first), what);
                Assert.That(s.LastLayerNorm, Is.EqualTo(last).Within(1e-12 * last), what);
                if (run.GetProperty("ratio").ValueKind == JsonValueKind.Null) Assert.That(s.Ratio, Is.Null, what);
                else Assert.That(s.Ratio!.Value, Is.EqualTo(run.GetProperty("ratio").GetDouble()).Within(1e-11 * s.Ratio.Value), what);
            }
        }

        private const string FirstCell = "$g = New-RandomGenerator -Seed 42; $x = $g.Randn(10, 1); $y = $g.Randn(1, 1); ";

        [Test]
        public void First_cell_in_one_call()
        {
            var result = Engine.Run(FirstCell + "Invoke-DepthExperiment -Generator $g -Input $x -Target $y -Activation Sigmoid, ReLU -Depth 3, 5, 10, 20 -Summary");
            Assert.That(result.Errors, Is.Empty);
            AssertSummaries("first_cell", result.Objects<DepthSummary>());
        }

        [Test]
        public void First_cell_over_two_calls_and_with_x_from_the_pipeline()
        {
            var result = Engine.Run(FirstCell +
                "$x | Invoke-DepthExperiment -Generator $g -Target $y -Activation Sigmoid -Depth 3, 5, 10, 20 -Summary; " +
                "Invoke-DepthExperiment -Generator $g -X $x -Y $y -Activation ReLU -Depth 3, 5, 10, 20 -Summary");
            Assert.That(result.Errors, Is.Empty);
            AssertSummaries("first_cell", result.Objects<DepthSummary>());
        }

        [Test]
        public void Second_cell_reseeds_for_each_activation()
        {
            var result = Engine.Run("foreach ($a in 'Sigmoid', 'ReLU') { Invoke-DepthExperiment $a -Depth 10 -Features 8 -Hidden 15 -Generator (New-RandomGenerator 42) -Summary }");
            Assert.That(result.Errors, Is.Empty);
            AssertSummaries("second_cell", result.Objects<DepthSummary>());
            var seeded = Engine.Run("Invoke-DepthExperiment Sigmoid, ReLU -Depth 10 -Features 8 -Hidden 15 -Seed 42 -Summary").Objects<DepthSummary>();
            AssertSummaries("second_cell", seeded);
        }

        [Test]
        public void New_RandomGenerator_draws_what_numpy_draws()
        {
            var numpy = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "tests", "fixtures", "numpy-depth.json")))
                .RootElement.GetProperty("first_draws_seed42").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var draws = Engine.Run("$g = New-RandomGenerator 42; $g.Randn(1, 5); $g").Output;
            Assert.That(draws.Take(5).Select(o => (double)o.BaseObject), Is.EqualTo(numpy));
            Assert.That(draws.Last().BaseObject, Is.TypeOf<NumpyRandom>());
            Assert.That(draws.Last().ToString(), Does.Contain("seed 42, 5 normals drawn"));
            var unseeded = Engine.Run("New-RandomGenerator").Objects<NumpyRandom>().Single();
            Assert.That(new NumpyRandom(unseeded.InitialSeed).NextGaussian(), Is.EqualTo(unseeded.NextGaussian()), "InitialSeed repeats an unseeded stream");
        }

        [Test]
        public void Input_as_rows_sets_features_and_batch()
        {
            var rows = Engine.Run("Invoke-DepthExperiment Tanh -Depth 2 -Hidden 4 -Input @(1, 2), @(3, 4), @(5, 6) -Target 0.5, -0.5 -BatchNorm").Objects<LayerStatistics>();
            Assert.That(rows.Select(r => r.Units), Is.EqualTo(new[] { 4, 4, 1 }));
            Assert.That(rows.Select(r => r.Remedy).Distinct().Single(), Is.EqualTo("BatchNorm"));
            Assert.That(rows.All(r => double.IsFinite(r.GradientNorm) && r.GradientNorm > 0), Is.True);
            // The same input as a matrix, and as numbers filling -Features rows row by row.
            var matrix = Engine.Run("$m = [double[,]]::new(3, 2); $m[0,0] = 1; $m[0,1] = 2; $m[1,0] = 3; $m[1,1] = 4; $m[2,0] = 5; $m[2,1] = 6; " +
                "Invoke-DepthExperiment Tanh -Depth 2 -Hidden 4 -Input $m -Target 0.5, -0.5 -BatchNorm").Objects<LayerStatistics>();
            var piped = Engine.Run("1..6 | Invoke-DepthExperiment Tanh -Depth 2 -Hidden 4 -Features 3 -Target 0.5, -0.5 -BatchNorm").Objects<LayerStatistics>();
            Assert.That(matrix, Is.EqualTo(rows));
            Assert.That(piped, Is.EqualTo(rows));
        }

        [Test]
        public void Remedies_side_by_side_in_one_labelled_result()
        {
            var result = Engine.Run("Invoke-DepthExperiment Sigmoid -Depth 20 -BatchSize 16 -Remedy None, Residual, BatchNorm, 'Residual, BatchNorm' -Summary");
            Assert.That(result.Errors, Is.Empty);
            var s = result.Objects<DepthSummary>();
            Assert.That(s.Select(r => r.Remedy), Is.EqualTo(new[] { "None", "Residual", "BatchNorm", "Residual, BatchNorm" }));
            foreach (var remedy in s.Skip(1)) Assert.That(remedy.Ratio, Is.GreaterThan(1e6 * s[0].Ratio!.Value), remedy.Remedy);
            var switches = Engine.Run("Invoke-DepthExperiment Sigmoid -Depth 20 -BatchSize 16 -Remedy None, BatchNorm -Residual -Summary").Objects<DepthSummary>();
            Assert.That(switches.Select(r => r.Remedy), Is.EqualTo(new[] { "Residual", "Residual, BatchNorm" }));
            Assert.That(switches, Is.EqualTo(new[] { s[1], s[3] }));
        }

        [TestCase("Invoke-DepthExperiment -BatchNorm", "InvokeDepthExperimentInvalidConfiguration", "batch of at least 2")]
        [TestCase("Invoke-DepthExperiment -Remedy BatchNorm -Input (1..10)", "InvokeDepthExperimentInvalidConfiguration", "batch of at least 2")]
        [TestCase("Invoke-DepthExperiment -Input 'abc'", "InvokeDepthExperimentInvalidInput", "not a number")]
        [TestCase("Invoke-DepthExperiment -Input (1..7) -Features 3", "InvokeDepthExperimentInvalidInput", "do not fill 3 rows")]
        [TestCase("Invoke-DepthExperiment -Input @(1, 2), @(3)", "InvokeDepthExperimentInvalidInput", "different lengths")]
        [TestCase("Invoke-DepthExperiment -Input (1..10) -Target 1, 2", "InvokeDepthExperimentInvalidConfiguration", "1 × 2")]
        [TestCase("Invoke-DepthExperiment -Input (1..10) -BatchSize 3", "InvokeDepthExperimentInvalidConfiguration", "10 × 3")]
        [TestCase("Invoke-DepthExperiment -Input ((1..9) + [double]::NaN)", "InvokeDepthExperimentInputNotFinite", "finite number")]
        [TestCase("Invoke-DepthExperiment -Seed 1 -Generator (New-RandomGenerator 1)", "AmbiguousParameterSet", "")]
        [TestCase("Invoke-DepthExperiment -Generator $null", "ParameterArgumentValidationError", "")]
        [TestCase("New-RandomGenerator -Seed -1", "ParameterArgumentValidationError", "")]
        [TestCase("New-RandomGenerator -Seed 4294967296", "ParameterArgumentValidationError", "")]
        public void Bad_input_is_a_clear_terminating_error(string script, string errorId, string message)
        {
            var result = Engine.Run(script);
            Assert.That(result.Output, Is.Empty);
            var error = result.Errors.Single();
            Assert.That(error.FullyQualifiedErrorId, Does.StartWith(errorId));
            Assert.That(error.CategoryInfo.Category, errorId.StartsWith("Invoke") ? Is.EqualTo(ErrorCategory.InvalidArgument) : Is.Not.EqualTo(ErrorCategory.NotSpecified));
            Assert.That(error.Exception.Message, Does.Contain(message));
        }
    }
}
