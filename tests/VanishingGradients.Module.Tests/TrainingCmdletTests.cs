using System;
using System.Linq;
using System.Management.Automation;
using NUnit.Framework;

namespace VanishingGradients.Module.Tests
{
    /// <summary>Invoke-TrainingExperiment in the engine: the core's numbers unchanged, progress, Ctrl+C, errors and its view.</summary>
    [TestFixture, NonParallelizable]
    public class TrainingCmdletTests : EngineFixture
    {
        [Test]
        public void Rows_are_the_cores_for_every_configuration_in_order()
        {
            var result = Engine.Run("Invoke-TrainingExperiment Sigmoid, ReLU -Initializer He -Depth 4 -Epochs 3 -Momentum 0 -LearningRate 0.05");
            var rows = result.Objects<TrainingStatistics>();
            var expected = new[] { Activations.Sigmoid, Activations.ReLU }.SelectMany(a => new TrainingExperiment
            {
                Activation = a, Initializer = Initializer.He, Depth = 4, Epochs = 3, Momentum = 0, LearningRate = 0.05,
            }.Run()).ToArray();
            Assert.That(rows, Is.EqualTo(expected));
            Assert.That(result.Progress.First().StatusDescription, Does.StartWith("Sigmoid, He, depth 4: step 4 of 12"), "the first epoch is reported at once");
            Assert.That(result.Progress.Last().RecordType, Is.EqualTo(ProgressRecordType.Completed));
        }

        [Test]
        public void Stopping_a_long_run_ends_it_between_steps_and_is_not_an_error() =>
            AssertStopsWithoutError("Invoke-TrainingExperiment -Epochs 10000000");

        [TestCase("Invoke-TrainingExperiment -LearningRate -1", "InvokeTrainingExperimentInvalidConfiguration")]
        [TestCase("Invoke-TrainingExperiment -Momentum 1.5", "InvokeTrainingExperimentInvalidConfiguration")]
        [TestCase("Invoke-TrainingExperiment -BatchSize 65", "InvokeTrainingExperimentInvalidConfiguration")]
        [TestCase("Invoke-TrainingExperiment -Epochs 0", "ParameterArgumentValidationError")]
        [TestCase("Invoke-TrainingExperiment -Seed 1 -Generator (New-RandomGenerator 1)", "AmbiguousParameterSet")]
        public void Bad_settings_are_error_records(string script, string errorId)
        {
            var error = Engine.Run(script).Errors.First();
            Assert.That(error.FullyQualifiedErrorId, Does.StartWith(errorId + ","));
        }

        [Test]
        public void A_diverging_configuration_is_a_non_terminating_error()
        {
            var result = Engine.Run("Invoke-TrainingExperiment ReLU, Tanh -Initializer StandardNormal -LearningRate 5 -Momentum 0.99 -Epochs 20");
            var error = result.Errors.First();
            Assert.That(error.FullyQualifiedErrorId, Does.StartWith("InvokeTrainingExperimentDiverged,"));
            Assert.That(error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidResult));
            Assert.That(error.Exception.Message, Does.Contain("learning rate"));
            Assert.That(result.Objects<TrainingStatistics>().Select(r => r.Activation).Distinct(), Does.Contain("Tanh"), "the next configuration still ran");
        }

        [Test]
        public void The_default_view_fits_a_terminal()
        {
            var result = Engine.Run("Invoke-TrainingExperiment -Depth 3 -Epochs 1 -Remedy 'Residual, BatchNorm' | Out-String -Width 80");
            string text = string.Concat(result.Output.Select(o => o.ToString()));
            Assert.That(text, Does.Contain("GradNorm").And.Contain("RelUpdate").And.Contain("Residual, BatchNorm").And.Not.Contain("…"));
            foreach (string line in text.Split('\n')) Assert.That(line.TrimEnd().Length, Is.LessThanOrEqualTo(80));
        }
    }
}
