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
            // A 50-layer pass of 256 × 256 by 256 × 128 products, alone and then next to a 1-layer network whose rows come
            // first: stopped at that first row, the large pass in flight used to run to its end.
            DepthExperiment Run(params int[] depths) => new DepthExperiment
            {
                Activations = new[] { Activations.ReLU }, Depths = depths, Hidden = 256, Features = 256, BatchSize = 128,
                ComputeWeightGradientNorms = false,
            };
            Run(1).Run().ToList(); // compiled before anything is timed
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Run(50).Run().ToList();
            var pass = clock.Elapsed;
            using var stop = new CancellationTokenSource();
            using var rows = Run(1, 50).Run(stop.Token).GetEnumerator();
            Assert.That(rows.MoveNext(), Is.True);
            stop.Cancel();
            clock.Restart();
            Assert.Throws<OperationCanceledException>(() => { while (rows.MoveNext()) { } });
            Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(pass.TotalSeconds / 3),
                $"stop took {clock.Elapsed.TotalSeconds:F2} s; a whole pass {pass.TotalSeconds:F2} s");
        }
    }
}
