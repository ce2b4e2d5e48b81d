using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NUnit.Framework;
using VanishingGradients;

namespace VanishingGradients.Core.Tests
{
    /// <summary>What a run does with a network it cannot finish: one whose gradient is undefined, or a stop mid-pass.</summary>
    public class ExperimentRobustnessTests
    {
        // Inputs of 1e308: x·w overflows in the first layer, and for some draws ∞-∞ follows (trial 1 of ReLU, here).
        private static DepthExperiment Overflowing(Action<UndefinedGradientException>? handler, Random? generator = null) => new DepthExperiment
        {
            Activations = new[] { Activations.Tanh, Activations.ReLU }, Depths = new[] { 3 }, Trials = 10,
            Input = Matrix(Enumerable.Repeat(1e308, 10).ToArray()), OnUndefinedGradient = handler, Generator = generator,
        };

        private static double[,] Matrix(double[] column)
        {
            var m = new double[column.Length, 1];
            for (int i = 0; i < column.Length; i++) m[i, 0] = column[i];
            return m;
        }

        [Test]
        public void A_network_with_an_undefined_gradient_is_reported_and_the_others_run()
        {
            var failures = new List<UndefinedGradientException>();
            var rows = Overflowing(failures.Add).Run().ToList();
            Assert.That(failures, Is.Not.Empty);
            Assert.That(failures.Count, Is.LessThan(20), "some networks have a gradient");
            var failed = failures[0];
            Assert.That(failed.Message, Does.Contain(failed.Activation).And.Contain($"depth {failed.Depth}").And.Contain($"trial {failed.Trial}"));
            Assert.That(rows.Count, Is.EqualTo((20 - failures.Count) * 4), "four layers per network that ran");
            Assert.That(rows.Any(r => r.Activation == failed.Activation && r.Trial == failed.Trial), Is.False, "no rows for the failed network");
            Assert.That(rows.All(r => !double.IsNaN(r.GradientNorm)), Is.True);
            Assert.Throws<UndefinedGradientException>(() => Overflowing(null).Run().ToList(), "without a handler the run ends");
        }

        [Test]
        public void A_generator_run_reports_an_undefined_gradient_and_goes_on()
        {
            var failures = new List<UndefinedGradientException>();
            var rows = Overflowing(failures.Add, new NumpyRandom(42)).Run().ToList();
            Assert.That(failures, Is.Not.Empty);
            Assert.That(rows.Count, Is.EqualTo((20 - failures.Count) * 4));
        }

        [Test]
        public void A_cancelled_pass_stops_before_its_next_layer()
        {
            var shape = Network.Shape(4, 8, 5, 1);
            var net = Network.Create(shape, Initializer.Xavier, new Random(1));
            var pass = new GradientPass(shape, 1);
            using var stop = new CancellationTokenSource();
            stop.Cancel();
            Assert.Throws<OperationCanceledException>(() =>
                pass.Run(net, Activations.Sigmoid, new double[4], new double[1], PassOptions.Default, stop.Token));
            Assert.That(pass.GradientNorm, Is.All.EqualTo(0.0), "nothing of the pass was computed");
        }

        [Test]
        public void A_large_run_stops_within_a_layer_not_a_pass()
        {
            // Each pass here is 100 products of 256 × 256 by 256 × 128; a stop used to wait for every pass in flight.
            var experiment = new DepthExperiment
            {
                Activations = new[] { Activations.ReLU }, Depths = new[] { 50 }, Hidden = 256, Features = 256, BatchSize = 128,
                Trials = 4, ComputeWeightGradientNorms = false,
            };
            using var stop = new CancellationTokenSource();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var rows = experiment.Run(stop.Token).GetEnumerator();
            Assert.That(rows.MoveNext(), Is.True);
            var firstRow = clock.Elapsed;
            stop.Cancel();
            clock.Restart();
            Assert.Throws<OperationCanceledException>(() => { while (rows.MoveNext()) { } });
            rows.Dispose(); // waits for the look-ahead passes
            Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(firstRow.TotalSeconds / 2),
                $"stop took {clock.Elapsed.TotalSeconds:F2} s; the first row took {firstRow.TotalSeconds:F2} s");
        }
    }
}
