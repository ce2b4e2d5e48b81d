using System;
using System.Linq;
using System.Management.Automation;
using NUnit.Framework;

namespace VanishingGradients.Module.Tests
{
    [TestFixture, NonParallelizable]
    public class CmdletTests : EngineFixture
    {

        [Test]
        public void Module_imports_without_warnings_and_exports_its_cmdlets()
        {
            Assert.That(Engine.ImportWarnings, Is.Empty);
            var names = Engine.Run("(Get-Command -Module VanishingGradients).Name").Output.Select(o => o.ToString());
            Assert.That(names, Is.SupersetOf(new[] { "Get-Activation", "Measure-GradientDecay", "Invoke-DepthExperiment" }));
        }

        [Test]
        public void Get_Activation_reproduces_the_section1_printout()
        {
            var points = Engine.Run("Get-Activation -Name Sigmoid -Start -5 -End 5 -Count 100").Objects<ActivationPoint>();
            Assert.That(points, Has.Length.EqualTo(100));
            Assert.That(points.Max(p => p.Input), Is.EqualTo(5.0));
            Assert.That(Math.Round(points.Max(p => p.Value), 3), Is.EqualTo(0.993));
            Assert.That(Math.Round(points.Min(p => p.Value), 3), Is.EqualTo(0.007));
            Assert.That(Math.Round(points.Max(p => p.Derivative), 3), Is.EqualTo(0.250));
            Assert.That(Math.Round(points.Min(p => p.Derivative), 3), Is.EqualTo(0.007));
        }

        [Test]
        public void Get_Activation_takes_inputs_from_the_pipeline_and_streams_them_in_order()
        {
            var points = Engine.Run("-3..3 | Get-Activation -Name ReLU,Tanh").Objects<ActivationPoint>();
            Assert.That(points, Has.Length.EqualTo(14));
            Assert.That(points.Take(2).Select(p => p.Name), Is.EqualTo(new[] { "ReLU", "Tanh" }));
            Assert.That(points.Where(p => p.Name == "ReLU").Select(p => p.Derivative), Is.EqualTo(new double[] { 0, 0, 0, 0, 1, 1, 1 }));
            var byProperty = Engine.Run("Get-Activation -Name Identity -Start 0 -End 1 -Count 3 | Get-Activation -Name Sigmoid").Objects<ActivationPoint>();
            Assert.That(byProperty.Select(p => p.Input), Is.EqualTo(new[] { 0.0, 0.5, 1.0 }));
        }

        [Test]
        public void Get_Activation_List_is_the_catalogue()
        {
            var rows = Engine.Run("Get-Activation -List").Objects<ActivationInfo>();
            Assert.That(rows.Select(r => r.Name), Is.EquivalentTo(Activations.Names));
            Assert.That(rows.Single(r => r.Name == "Sigmoid").MaxDerivative, Is.EqualTo(0.25));
            Assert.That(rows.Single(r => r.Name == "Tanh").ZeroCentred, Is.True);
        }

        [Test]
        public void Arange_grid_and_parameters()
        {
            var half = Engine.Run("Get-Activation -Name LeakyReLU -Alpha 0.1 -Start -6 -End 6 -Step 0.01").Objects<ActivationPoint>();
            Assert.That(half, Has.Length.EqualTo(1200));
            Assert.That(half[0].Derivative, Is.EqualTo(0.1));
            var right = Engine.Run("0 | Get-Activation -Name ReLU -DerivativeAtZero Right").Objects<ActivationPoint>();
            Assert.That(right.Single().Derivative, Is.EqualTo(1.0));
        }

        [Test]
        public void Later_activations_from_the_shell()
        {
            var left = Engine.Run("0, 6 | Get-Activation -Name SELU, ReLU6, HardSigmoid").Objects<ActivationPoint>();
            Assert.That(left.Select(p => (p.Name, p.Input, p.Derivative)), Is.EqualTo(new[]
            {
                ("SELU", 0.0, Selu.Lambda * Selu.Alpha), ("ReLU6", 0.0, 0.0), ("HardSigmoid", 0.0, 1.0 / 6.0),
                ("SELU", 6.0, Selu.Lambda), ("ReLU6", 6.0, 0.0), ("HardSigmoid", 6.0, 0.0),
            }));
            var right = Engine.Run("0 | Get-Activation -Name SELU, ReLU6 -DerivativeAtZero Right").Objects<ActivationPoint>();
            Assert.That(right.Select(p => p.Derivative), Is.EqualTo(new[] { Selu.Lambda, 1.0 }));
            var extremes = Engine.Run("-1e308, 1e308 | Get-Activation -Name Mish, Softsign, HardTanh").Objects<ActivationPoint>();
            Assert.That(extremes.Select(p => p.Value), Is.EqualTo(new[] { 0.0, -1.0, -1.0, 1e308, 1.0, 1.0 }));
        }

        [Test]
        public void Measure_GradientDecay_reproduces_the_section3_tables()
        {
            var steps = Engine.Run("Measure-GradientDecay -Name Sigmoid -Input 0 -Steps 6").Objects<DecayStep>();
            Assert.That(steps.Select(s => s.CumulativeGradient),
                Is.EqualTo(new[] { 0.25, 0.0625, 0.015625, 0.00390625, 0.0009765625, 0.000244140625 }));
            var bounds = Engine.Run("Measure-GradientDecay -Name Sigmoid,Tanh,ReLU -Bound -Steps 1,3,5,10,20").Objects<AttenuationBound>();
            Assert.That(bounds, Has.Length.EqualTo(15));
            Assert.That(bounds.Where(b => b.Name == "Sigmoid").Select(b => b.Bound),
                Is.EqualTo(new[] { 0.25, 0.015625, 9.765625e-4, 9.5367431640625e-7, 9.094947017729282e-13 }));
            Assert.That(bounds.Where(b => b.Name != "Sigmoid").All(b => b.Bound == 1.0), Is.True);
            var piped = Engine.Run("0,2 | Measure-GradientDecay -Steps 3").Objects<DecayStep>();
            Assert.That(piped.Select(s => s.Input), Is.EqualTo(new[] { 0.0, 0, 0, 2, 2, 2 }));
        }

        [Test]
        public void Measure_GradientDecay_sweeps_the_gain()
        {
            var rows = Engine.Run("Measure-GradientDecay -Name Sigmoid -Gain -0.5,-7,-9").Objects<ScaledGradient>();
            Assert.That(rows.Select(r => r.Input).Distinct(), Is.EqualTo(new[] { 1.0 }));
            Assert.That(rows.Select(r => Math.Abs(r.Derivative)), Is.Ordered.Descending);
        }

        [Test]
        public void Invoke_DepthExperiment_gives_one_row_per_layer_and_is_reproducible()
        {
            const string script = "Invoke-DepthExperiment -Activation Sigmoid,ReLU -Depth 3,5,10,20 -Features 10 -Hidden 20 -Seed 42";
            var rows = Engine.Run(script).Objects<LayerStatistics>();
            Assert.That(rows, Has.Length.EqualTo(2 * (4 + 6 + 11 + 21)));
            Assert.That(Engine.Run(script).Objects<LayerStatistics>(), Is.EqualTo(rows));
            var sigmoid20 = rows.Where(r => r.Activation == "Sigmoid" && r.Depth == 20).ToArray();
            Assert.That(sigmoid20.Select(r => r.Layer), Is.EqualTo(Enumerable.Range(1, 21)));
            Assert.That(sigmoid20[0].GradientNorm, Is.LessThan(sigmoid20[^1].GradientNorm * 1e-6), "sigmoid gradients vanish towards the input");
        }

        [Test]
        public void Invoke_DepthExperiment_summary_and_progress()
        {
            var result = Engine.Run("Invoke-DepthExperiment -Activation Sigmoid -Depth 10 -Features 8 -Hidden 15 -Trials 50 -Summary");
            var summary = result.Objects<TrialSummary>().Single();
            Assert.That((summary.Trials, summary.LiveTrials), Is.EqualTo((50, 50)));
            Assert.That(summary.RatioUpperQuartile, Is.LessThan(1e-2));
            // The same 50 networks one by one: the median of their ratios, and the 18th and 33rd smallest as its 95% interval.
            var each = Engine.Run("Invoke-DepthExperiment -Activation Sigmoid -Depth 10 -Features 8 -Hidden 15 -Trials 50").Objects<LayerStatistics>();
            var ratios = DepthExperiment.Summarize(each).Select(s => s.Ratio!.Value).OrderBy(r => r).ToArray();
            Assert.That(summary.Ratio, Is.EqualTo((ratios[24] + ratios[25]) / 2));
            Assert.That((summary.RatioMedianLow, summary.RatioMedianHigh), Is.EqualTo(((double?)ratios[17], (double?)ratios[32])));
            Assert.That(result.Progress, Is.Not.Empty);
            Assert.That(result.Progress.Last().RecordType, Is.EqualTo(ProgressRecordType.Completed));
        }

        [Test]
        public void Stopping_a_long_experiment_ends_it_and_is_not_an_error() =>
            AssertStopsWithoutError("Invoke-DepthExperiment -Activation Sigmoid -Depth 50 -Hidden 200 -Trials 1000000");

        [Test]
        public void Unknown_name_is_an_error_record_listing_valid_names()
        {
            var result = Engine.Run("Get-Activation -Name Sigmiod,Tanh -Count 3");
            var error = result.Errors.Single();
            Assert.That(error.FullyQualifiedErrorId, Does.StartWith("GetActivationUnknownName,"));
            Assert.That(error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.ObjectNotFound));
            Assert.That(error.TargetObject, Is.EqualTo("Sigmiod"));
            Assert.That(error.Exception.Message, Does.Contain("Did you mean Sigmoid").And.Contain("Valid names:"));
            Assert.That(result.Objects<ActivationPoint>().Select(p => p.Name).Distinct(), Is.EqualTo(new[] { "Tanh" }), "the valid name still runs");
        }

        [TestCase("Get-Activation -Count 0", "ParameterArgumentValidationError")]
        [TestCase("Get-Activation -Count -5", "ParameterArgumentValidationError")]
        [TestCase("Get-Activation -Count 1e12", "ParameterArgumentValidationError")]
        [TestCase("Get-Activation -Start 5 -End -5", "GetActivationInvalidGrid")]
        [TestCase("Get-Activation -Start -5 -End 5 -Step 0", "GetActivationInvalidGrid")]
        [TestCase("Invoke-DepthExperiment -Depth 0", "ParameterArgumentValidationError")]
        [TestCase("Invoke-DepthExperiment -Depth 3 -Hidden 100000 -Features 100000", "InvokeDepthExperimentInvalidConfiguration")]
        [TestCase("Get-Activation -Name LeakyReLU -Alpha 3", "GetActivationAlphaOutOfRange")]
        [TestCase("Get-Activation -Name Tanh -Alpha 0.1", "GetActivationInvalidParameter")]
        [TestCase("Measure-GradientDecay -Steps 0", "ParameterArgumentValidationError")]
        [TestCase("Invoke-DepthExperiment -CasePath ./does-not-exist.json", "InvokeDepthExperimentCaseNotFound")]
        public void Bad_input_is_a_clear_terminating_error(string script, string errorId)
        {
            var result = Engine.Run(script);
            Assert.That(result.Output, Is.Empty);
            var error = result.Errors.Single();
            Assert.That(error.FullyQualifiedErrorId, Does.StartWith(errorId));
            Assert.That(error.CategoryInfo.Category, Is.Not.EqualTo(ErrorCategory.NotSpecified));
            Assert.That(error.Exception.Message, Is.Not.Empty);
        }

        [Test]
        public void NaN_input_is_reported_and_the_others_still_run()
        {
            var result = Engine.Run("1, [double]::NaN, 2 | Get-Activation -Name Sigmoid");
            Assert.That(result.Objects<ActivationPoint>().Select(p => p.Input), Is.EqualTo(new[] { 1.0, 2.0 }));
            Assert.That(result.Errors.Single().FullyQualifiedErrorId, Does.StartWith("GetActivationInputNotFinite,"));
            var decay = Engine.Run("Measure-GradientDecay -Input ([double]::PositiveInfinity) -ErrorAction SilentlyContinue; 'after'");
            Assert.That(decay.Output.Single().ToString(), Is.EqualTo("after"));
        }

        [Test]
        public void Huge_inputs_give_finite_results()
        {
            var points = Engine.Run("1e308, -1e308, 4.9e-324 | Get-Activation -Name (Get-Activation -List).Name").Objects<ActivationPoint>();
            Assert.That(points.All(p => double.IsFinite(p.Value) && double.IsFinite(p.Derivative)), Is.True);
        }

        [Test]
        public void Explicit_weights_from_json_are_used_as_given()
        {
            string path = System.IO.Path.Combine(TestContext.CurrentContext.WorkDirectory, "case.json");
            System.IO.File.WriteAllText(path, "{\"weights\": [[[1, 0], [0, 1]], [[1, 1]]], \"input\": [0.5, -0.5], \"target\": 0}");
            var rows = Engine.Run($"Invoke-DepthExperiment -Activation Identity -CasePath '{path}'").Objects<LayerStatistics>();
            // Identity network: output = x1 + x2 = 0, so every delta is 0 - 0 = 0.
            Assert.That(rows.Select(r => r.GradientNorm), Is.EqualTo(new[] { 0.0, 0.0 }));
            System.IO.File.WriteAllText(path, "{\"weights\": [[[1, 0]]], \"input\": [1, 2], \"target\": [3]}");
            var one = Engine.Run($"Invoke-DepthExperiment -Activation Identity -CasePath '{path}'").Objects<LayerStatistics>().Single();
            Assert.That(one.GradientNorm, Is.EqualTo(2.0));
            System.IO.File.WriteAllText(path, "{\"weights\": [[[1, 0]]], \"input\": [1, 2, 3], \"target\": [3]}");
            var bad = Engine.Run($"Invoke-DepthExperiment -CasePath '{path}'").Errors.Single();
            Assert.That(bad.FullyQualifiedErrorId, Does.StartWith("InvokeDepthExperimentCaseInvalid"));
            Assert.That(bad.Exception.Message, Does.Contain("3 rows"));
        }

        [Test]
        public void A_directory_as_case_path_says_it_is_a_directory()
        {
            var error = Engine.Run($"Invoke-DepthExperiment -CasePath '{TestContext.CurrentContext.WorkDirectory}'").Errors.Single();
            Assert.That(error.FullyQualifiedErrorId, Does.StartWith("InvokeDepthExperimentCaseIsDirectory,"));
            Assert.That(error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidArgument));
            Assert.That(error.Exception.Message, Does.Contain("is a directory").And.Not.Contain("denied"));
        }

        [Test]
        public void A_case_that_saturates_every_sigmoid_is_warned_about()
        {
            string path = System.IO.Path.Combine(TestContext.CurrentContext.WorkDirectory, "saturated.json");
            System.IO.File.WriteAllText(path, "{\"weights\": [[[1e308, 1e308]], [[1e308]]], \"input\": [1, -0.5], \"target\": 0}");
            var result = Engine.Run($"Invoke-DepthExperiment -Activation Sigmoid -CasePath '{path}'");
            Assert.That(result.Objects<LayerStatistics>().Select(r => r.SaturatedFraction), Is.EqualTo(new[] { 1.0, 1.0 }));
            Assert.That(result.Warnings.Single().Message, Does.Contain("Sigmoid").And.Contain("100").And.Contain("saturated"));
            System.IO.File.WriteAllText(path, "{\"weights\": [[[0.5, 0.5]], [[1]]], \"input\": [1, -0.5], \"target\": 0}");
            Assert.That(Engine.Run($"Invoke-DepthExperiment -Activation Sigmoid -CasePath '{path}'").Warnings, Is.Empty);
        }

        [Test]
        public void A_case_whose_forward_pass_overflows_gives_inf_or_a_clear_error()
        {
            string path = System.IO.Path.Combine(TestContext.CurrentContext.WorkDirectory, "overflow.json");
            System.IO.File.WriteAllText(path, "{\"weights\": [[[1e300, 1e300]], [[1e300]]], \"input\": [10, 10], \"target\": 0}");
            var result = Engine.Run($"Invoke-DepthExperiment -Activation ReLU -CasePath '{path}'");
            Assert.That(result.Errors, Is.Empty);
            Assert.That(result.Objects<LayerStatistics>().Select(r => r.GradientNorm), Is.EqualTo(new[] { double.PositiveInfinity, double.PositiveInfinity }));
            System.IO.File.WriteAllText(path, "{\"weights\": [[[1e300, 1e300]], [[1e300], [-1e300]], [[1, 1]]], \"input\": [10, 10], \"target\": 0}");
            result = Engine.Run($"Invoke-DepthExperiment -Activation ReLU -CasePath '{path}'");
            Assert.That(result.Output, Is.Empty);
            var error = result.Errors.Single();
            Assert.That(error.FullyQualifiedErrorId, Does.StartWith("InvokeDepthExperimentOverflow,"));
            Assert.That(error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidResult));
            Assert.That(error.Exception.Message, Does.Contain("overflowed"));
        }

        [Test]
        public void A_step_grid_streams_however_many_points_it_has()
        {
            // 1e12 points could never be held (8 TB); streamed, the first three arrive and the pipeline stops.
            var first = Engine.Run("Get-Activation -Name ReLU -Start 0 -End 1 -Step 1e-12 | Select-Object -First 3").Objects<ActivationPoint>();
            Assert.That(first.Select(p => p.Input), Is.EqualTo(new[] { 0.0, 1e-12, 2 * 1e-12 }));
            // 1e8 points fit the old cap but were 800 MB in one array: streamed, a few chunks are all that is allocated.
            long before = GC.GetTotalAllocatedBytes(precise: true);
            Assert.That(Engine.Run("Get-Activation -Name ReLU -Start 0 -End 1 -Step 1e-8 | Select-Object -First 3").Output, Has.Count.EqualTo(3));
            Assert.That(GC.GetTotalAllocatedBytes(precise: true) - before, Is.LessThan(100_000_000), "bytes allocated");
        }

        [Test]
        public void Activation_names_complete_with_tab()
        {
            var matches = Engine.Run("(TabExpansion2 -inputScript 'Get-Activation -Name Si' -cursorColumn 23).CompletionMatches.CompletionText")
                .Output.Select(o => o.ToString());
            Assert.That(matches, Is.EquivalentTo(new[] { "Sigmoid", "SiLU" }));
            var init = Engine.Run("(TabExpansion2 -inputScript 'Invoke-DepthExperiment -Initializer H' -cursorColumn 37).CompletionMatches.CompletionText")
                .Output.Select(o => o.ToString());
            Assert.That(init, Is.EquivalentTo(new[] { "He", "HeUniform" }));
        }

        [Test]
        public void Manifest_passes_Test_ModuleManifest()
        {
            var m = Engine.Run($"Test-ModuleManifest '{Engine.ManifestPath}'");
            Assert.That(m.Errors, Is.Empty);
            var version = typeof(Activation).Assembly.GetName().Version!;
            Assert.That(m.Output.Single().Properties["Version"].Value.ToString(), Is.EqualTo($"{version.Major}.{version.Minor}.{version.Build}"));
        }

    }
}
