using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using NUnit.Framework;

namespace VanishingGradients.Module.Tests
{
    /// <summary>Input a careless or hostile user gives: each gets a clear ErrorRecord, loses nothing, and the pipeline goes on where it can.</summary>
    [TestFixture, NonParallelizable]
    public class HostileInputTests : EngineFixture
    {
        private static string Dir => TestContext.CurrentContext.WorkDirectory;

        [Test]
        public void An_undefined_gradient_is_a_non_terminating_error_and_the_run_goes_on()
        {
            var result = Engine.Run("Invoke-DepthExperiment -Activation Tanh, ReLU -Depth 3 -Input (@(1e308) * 10) -Trials 10");
            Assert.That(result.Errors.Count, Is.InRange(1, 19), "some networks fail, not all");
            var rows = result.Objects<LayerStatistics>();
            Assert.That(rows.Length, Is.EqualTo((20 - result.Errors.Count) * 4), "every other network's rows");
            foreach (var error in result.Errors)
            {
                Assert.That(error.FullyQualifiedErrorId, Does.StartWith("InvokeDepthExperimentOverflow,"));
                Assert.That(error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidResult));
                var target = PSObject.AsPSObject(error.TargetObject);
                string activation = (string)target.Properties["Activation"].Value;
                int trial = (int)target.Properties["Trial"].Value;
                Assert.That(error.Exception.Message, Does.Contain($"{activation} at depth 3, trial {trial}").And.Contain("overflowed"));
                Assert.That(rows.Any(r => r.Activation == activation && r.Trial == trial), Is.False, "no rows for the failed network");
            }
        }

        [Test]
        public void A_case_with_an_undefined_gradient_still_runs_the_other_activations()
        {
            string path = Path.Combine(Dir, "undefined.json");
            File.WriteAllText(path, "{\"weights\": [[[1e300, 1e300]], [[1e300], [-1e300]], [[1, 1]]], \"input\": [10, 10], \"target\": 0}");
            var result = Engine.Run($"Invoke-DepthExperiment -Activation ReLU, Sigmoid -LiteralCasePath '{path}'");
            Assert.That(result.Errors.Single().Exception.Message, Does.Contain("ReLU"));
            Assert.That(result.Objects<LayerStatistics>().Select(r => r.Activation).Distinct(), Is.EqualTo(new[] { "Sigmoid" }));
        }

        [Test]
        public void Ctrl_C_stops_a_large_pass_promptly()
        {
            // A 50-layer pass of 256 × 256 by 256 × 128 products, alone and then next to a 1-layer network whose rows come
            // first: stopped at that first row, the large pass in flight used to run to its end.
            const string run = "Invoke-DepthExperiment -Activation ReLU -Width 256 -Features 256 -BatchSize 128 -SkipWeightGradientNorm -Depth ";
            Engine.Run(run + "1 | Out-Null"); // compiled before anything is timed
            var clock = Stopwatch.StartNew();
            Engine.Run(run + "50 | Out-Null");
            var pass = clock.Elapsed;
            using var ps = Engine.Create(run + "1, 50");
            var output = new PSDataCollection<PSObject>();
            using var first = new System.Threading.ManualResetEventSlim();
            output.DataAdded += (_, _) => first.Set();
            var running = ps.BeginInvoke<PSObject, PSObject>(null, output);
            Assert.That(first.Wait(TimeSpan.FromMinutes(3)), Is.True, "a first row");
            clock.Restart();
            ps.Stop();
            running.AsyncWaitHandle.WaitOne(); // Stop can return while the cmdlet still waits for the pass in flight
            // Checked only between passes, the stop would wait for nearly all of the pass just begun; checked per layer it
            // takes a fiftieth of one. The margin is wide because other test processes share the cores (Core.Tests
            // counts the layers exactly).
            Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(pass.TotalSeconds * 0.7),
                $"stop took {clock.Elapsed.TotalSeconds:F2} s; a whole pass {pass.TotalSeconds:F2} s");
            Assert.That(ps.Streams.Error, Is.Empty, "a stop is not an error");
        }

        [TestCase("[pscustomobject]@{ Name = 'Tanh' } | Get-Activation -Start 0 -End 1 -Count 3", "Tanh", 3)]
        [TestCase("[pscustomobject]@{ Name = 'Tanh'; Input = 0.5 } | Get-Activation", "Tanh", 1)]
        [TestCase("[pscustomobject]@{ Name = 'Tanh'; X = 0.5 } | Get-Activation", "Tanh", 1)]
        [TestCase("[pscustomobject]@{ Name = 'ReLU'; Start = 0; End = 1; Count = 2 } | Get-Activation", "ReLU", 2)]
        [TestCase("[pscustomobject]@{ Name = 'ELU'; Alpha = 0.5; Input = -1 } | Get-Activation", "ELU", 1)]
        public void Get_Activation_takes_a_piped_objects_name(string script, string name, int points)
        {
            var result = Engine.Run(script);
            Assert.That(result.Errors, Is.Empty);
            var rows = result.Objects<ActivationPoint>();
            Assert.That(rows.Select(p => p.Name).Distinct(), Is.EqualTo(new[] { name }));
            Assert.That(rows, Has.Length.EqualTo(points));
        }

        [Test]
        public void Measure_GradientDecay_takes_a_piped_objects_name()
        {
            var steps = Engine.Run("[pscustomobject]@{ Name = 'Tanh'; Input = 1 } | Measure-GradientDecay -Steps 2").Objects<DecayStep>();
            Assert.That(steps.Select(s => (s.Name, s.Input)), Is.EqualTo(new[] { ("Tanh", 1.0), ("Tanh", 1.0) }));
            var bounds = Engine.Run("'ReLU', 'Tanh' | ForEach-Object { [pscustomobject]@{ Name = $_ } } | Measure-GradientDecay -Bound -Steps 1")
                .Objects<AttenuationBound>();
            Assert.That(bounds.Select(b => b.Name), Is.EqualTo(new[] { "ReLU", "Tanh" }));
        }

        [Test]
        public void Rows_read_back_from_csv_can_be_charted()
        {
            string csv = Path.Combine(Dir, "rows.csv");
            foreach (var (producer, title) in new[] {
                ("Get-Activation -Name Tanh, ReLU -Count 7", "Tanh"),
                ("Invoke-DepthExperiment -Depth 3", "Gradient norm"),
                ("Measure-GradientDecay -Gain 1, 2", "Sigmoid"),
                ("Measure-GradientDecay -Steps 3", "Sigmoid") })
            {
                var result = Engine.Run($"{producer} | Export-Csv -LiteralPath '{csv}'; Import-Csv -LiteralPath '{csv}' | Show-GradientChart -Width 60");
                Assert.That(result.Errors, Is.Empty, producer);
                Assert.That(string.Join("\n", result.Output), Does.Contain(title), producer);
            }
            // Overflowed norms are written as Infinity; they read back as such.
            var infinite = Engine.Run("[pscustomobject]@{ Activation = 'ReLU'; Initializer = 'Xavier'; Remedy = 'None'; Depth = '1'; Trial = '0'; Layer = '1'; Units = '2';" +
                " GradientNorm = 'Infinity'; WeightGradientNorm = 'NaN'; ActivationMean = '0'; ActivationStd = '0'; SaturatedFraction = '0'; DeadFraction = '0' } | Show-GradientChart");
            Assert.That(infinite.Errors.Single().Exception.Message, Does.Contain("all infinite"));
        }

        [Test]
        public void A_non_numeric_csv_value_names_its_property_and_row_and_the_rest_is_charted()
        {
            string csv = Path.Combine(Dir, "bad.csv");
            var result = Engine.Run($"Get-Activation -Count 5 | Export-Csv -LiteralPath '{csv}'; $rows = Import-Csv -LiteralPath '{csv}'; " +
                "$rows[2].Value = 'abc'; $rows | Show-GradientChart -Width 60");
            var error = result.Errors.Single();
            Assert.That(error.FullyQualifiedErrorId, Does.StartWith("ShowGradientChartInvalidProperty,"));
            Assert.That(error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidData));
            Assert.That(error.Exception.Message, Does.Contain("Object 3").And.Contain("Value").And.Contain("'abc'"));
            Assert.That(result.Output, Is.Not.Empty, "the other rows are charted");
        }

        [Test]
        public void All_infinite_values_say_the_computation_overflowed()
        {
            var error = Engine.Run("Measure-GradientDecay -Input 1e308 -Steps 1, 2 -Name Identity | ForEach-Object { " +
                "[VanishingGradients.DecayStep]::new('x', 1, $_.Step, [double]::PositiveInfinity, [double]::PositiveInfinity) } | Show-GradientChart").Errors.Single();
            Assert.That(error.FullyQualifiedErrorId, Does.StartWith("ShowGradientChartNothingToDraw,"));
            Assert.That(error.Exception.Message, Does.Contain("infinite").And.Contain("overflowed").And.Not.Contain("linear axis"));
        }

        [Test]
        public void The_width_taken_from_Target_is_stated_and_a_conflicting_one_is_an_error()
        {
            var verbose = Engine.Run("Invoke-DepthExperiment -Activation Tanh -Depth 3 -Target 1, 2 -Verbose 4>&1 | " +
                "Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message").Output.Select(o => o.ToString());
            Assert.That(verbose, Has.Some.Contains("-Outputs is 1").And.Some.Contains("-BatchSize is 2"));
            var error = Engine.Run("$y = [double[,]]::new(2, 1); Invoke-DepthExperiment -Depth 3 -Target $y -Outputs 1").Errors.Single();
            Assert.That(error.FullyQualifiedErrorId, Does.StartWith("InvokeDepthExperimentTargetConflictsWithOutputs,"));
            Assert.That(error.Exception.Message, Does.Contain("2 rows").And.Contain("-Outputs is 1"));
        }

        [Test]
        public void CasePath_takes_wildcards_and_LiteralCasePath_takes_brackets()
        {
            string dir = Path.Combine(Dir, "cases");
            Directory.CreateDirectory(dir);
            const string json = "{\"weights\": [[[1, 0]]], \"input\": [1, 2], \"target\": [3]}";
            File.WriteAllText(Path.Combine(dir, "a[1].json"), json);
            File.WriteAllText(Path.Combine(dir, "b.json"), json);
            Assert.That(Engine.Run($"Invoke-DepthExperiment -Activation Identity -CasePath '{dir}/*.json'").Objects<LayerStatistics>(), Has.Length.EqualTo(2));
            Assert.That(Engine.Run($"Invoke-DepthExperiment -Activation Identity -LiteralCasePath '{dir}/a[1].json'").Objects<LayerStatistics>(), Has.Length.EqualTo(1));
            var none = Engine.Run($"Invoke-DepthExperiment -CasePath '{dir}/zz*.json'").Errors.Single();
            Assert.That(none.FullyQualifiedErrorId, Does.StartWith("InvokeDepthExperimentCaseNotFound,"));
            Assert.That(none.CategoryInfo.Category, Is.EqualTo(ErrorCategory.ObjectNotFound));
            var folder = Engine.Run($"Invoke-DepthExperiment -LiteralCasePath '{dir}'").Errors.Single();
            Assert.That(folder.FullyQualifiedErrorId, Does.StartWith("InvokeDepthExperimentCaseIsDirectory,"));
            // Of several matches, a bad one is its own error; the others still run.
            File.WriteAllText(Path.Combine(dir, "c.json"), "not json");
            var mixed = Engine.Run($"Invoke-DepthExperiment -Activation Identity -CasePath '{dir}/*.json'");
            Assert.That(mixed.Errors.Single().FullyQualifiedErrorId, Does.StartWith("InvokeDepthExperimentCaseInvalid,"));
            Assert.That(mixed.Objects<LayerStatistics>(), Has.Length.EqualTo(2));
        }

        [Test]
        public void A_bad_grid_from_the_pipeline_is_that_inputs_error()
        {
            var result = Engine.Run("[pscustomobject]@{ Name = 'Tanh'; Start = 1; End = 0 }, [pscustomobject]@{ Name = 'ReLU'; Start = 0; End = 1; Count = 2 } | Get-Activation");
            Assert.That(result.Errors.Single().FullyQualifiedErrorId, Does.StartWith("GetActivationInvalidGrid,"));
            Assert.That(result.Objects<ActivationPoint>().Select(p => p.Name), Is.EqualTo(new[] { "ReLU", "ReLU" }));
            var alpha = Engine.Run("[pscustomobject]@{ Name = 'Tanh'; Input = 1 }, [pscustomobject]@{ Name = 'ELU'; Input = 1 } | Get-Activation -Alpha 0.5");
            Assert.That(alpha.Errors.Single().FullyQualifiedErrorId, Does.StartWith("GetActivationInvalidParameter,"));
            Assert.That(alpha.Objects<ActivationPoint>().Select(p => p.Name), Is.EqualTo(new[] { "ELU" }));
        }

        [TestCase("Get-Activation -Start 1 -End 0", "GetActivationInvalidGrid")]
        [TestCase("Get-Activation -Start 0 -End 1 -Step -1", "GetActivationInvalidGrid")]
        [TestCase("Get-Activation -Start ([double]::NaN)", "GetActivationStartNotFinite")]
        [TestCase("Get-Activation -End ([double]::PositiveInfinity) -Step 1", "GetActivationEndNotFinite")]
        [TestCase("Get-Activation -Step ([double]::NaN)", "GetActivationStepNotFinite")]
        [TestCase("Get-Activation -Name ELU -Alpha ([double]::NaN)", "GetActivationAlphaNotFinite")]
        [TestCase("Get-Activation -Name ELU -Alpha 1e300", "GetActivationAlphaOutOfRange")]
        [TestCase("Get-Activation -Name ELU -Alpha 0", "GetActivationAlphaOutOfRange")]
        [TestCase("Get-Activation -Name LeakyReLU -Alpha ([double]::PositiveInfinity)", "GetActivationAlphaNotFinite")]
        [TestCase("Get-Activation -Name PReLU -Alpha -0.5", "GetActivationAlphaOutOfRange")]
        [TestCase("Measure-GradientDecay -Name ELU -Alpha 11", "MeasureGradientDecayAlphaOutOfRange")]
        [TestCase("Invoke-DepthExperiment -Activation ELU -Alpha ([double]::NaN)", "InvokeDepthExperimentAlphaNotFinite")]
        [TestCase("Get-Activation -Input 1 -Count 3", "GetActivationInputWithGrid")]
        [TestCase("Invoke-DepthExperiment -Depth 2 -Input ([double]::NaN)", "InvokeDepthExperimentInputNotFinite")]
        [TestCase("Invoke-DepthExperiment -Depth 2 -Target 1, ([double]::PositiveInfinity)", "InvokeDepthExperimentTargetNotFinite")]
        public void A_bad_number_names_its_parameter(string script, string errorId)
        {
            var result = Engine.Run(script);
            Assert.That(result.Output, Is.Empty);
            var error = result.Errors.Single();
            Assert.That(error.FullyQualifiedErrorId, Does.StartWith(errorId + ","));
            Assert.That(error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidArgument));
        }

        [Test]
        public void A_null_piped_to_Measure_GradientDecay_is_a_binding_error_and_the_rest_runs()
        {
            var result = Engine.Run("1, $null, 2 | Measure-GradientDecay -Steps 1");
            Assert.That(result.Errors.Single().FullyQualifiedErrorId, Does.StartWith("ParameterArgumentValidationError"));
            Assert.That(result.Objects<DecayStep>().Select(s => s.Input), Is.EqualTo(new[] { 1.0, 2.0 }));
        }

        [Test]
        public void A_NaN_gain_is_GainNotFinite_and_the_other_gains_run()
        {
            var result = Engine.Run("Measure-GradientDecay -Gain ([double]::NaN), 1");
            Assert.That(result.Errors.Single().FullyQualifiedErrorId, Does.StartWith("MeasureGradientDecayGainNotFinite,"));
            Assert.That(result.Errors.Single().CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidArgument));
            Assert.That(result.Objects<ScaledGradient>().Single().Gain, Is.EqualTo(1.0));
        }
    }
}
