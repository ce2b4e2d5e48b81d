using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using VanishingGradients;

namespace VanishingGradients.Tests
{
    /// <summary>The look-ahead scheduler of seeded sweeps against the same sweep run one pass after another.</summary>
    public class SweepSchedulerTests
    {
        // Width 64 keeps chunks to a few trials, so every configuration is cut into several chunks; batch 3 takes the
        // Gram form of ‖∂L/∂W‖ on the hidden layers and the outer product on the output layer.
        private static DepthExperiment Experiment(int trials) => new()
        {
            Activations = new[] { "Sigmoid", "ReLU", "GELU", "Tanh" }.Select(Activations.Get).ToArray(),
            Initializers = new[] { Initializer.Xavier, Initializer.He },
            Remedies = new[] { Remedy.None, Remedy.Residual },
            Depths = new[] { 1, 3, 6 },
            Features = 32, Hidden = 64, BatchSize = 3, Trials = trials, Seed = 7,
        };

        // What Run promises, written as the plainest loop: every configuration in output order, each trial's network,
        // x and y from that trial's own stream.
        private static List<LayerStatistics> Sequential(DepthExperiment e)
        {
            var rows = new List<LayerStatistics>();
            foreach (var activation in e.Activations)
                foreach (var init in e.Initializers)
                    foreach (var options in e.RemedyOptions())
                        foreach (int depth in e.Depths)
                        {
                            var shape = Network.Shape(e.Features, e.Hidden, depth, e.Outputs);
                            var pass = new GradientPass(shape, e.BatchSize);
                            for (int trial = 0; trial < e.Trials; trial++)
                            {
                                var random = Initializers.ForTrial(e.Seed, depth, trial);
                                var net = Network.Create(shape, init, random);
                                var x = new double[e.Features * e.BatchSize];
                                var y = new double[e.Outputs * e.BatchSize];
                                DepthExperiment.DrawData(random, null, null, x, y);
                                pass.Run(net, activation, x, y, options);
                                rows.AddRange(pass.Statistics(activation.Name, init.ToString(), options.Remedy, trial));
                            }
                        }
            return rows;
        }

        private static readonly Dictionary<int, List<LayerStatistics>> Expected = new();

        [Test]
        public void Yields_the_rows_of_a_sequential_run_bit_for_bit(
            [Values(1, 13)] int trials, [Values(1, 2, 7)] int inFlight, [Values(1, 3, 4)] int groupSize)
        {
            var e = Experiment(trials);
            e.Validate();
            List<LayerStatistics> expected;
            lock (Expected)
                if (!Expected.TryGetValue(trials, out expected!)) Expected[trials] = expected = Sequential(e);
            var actual = new SweepScheduler(e, inFlight, groupSize).Run(default, null).ToList();

            Assert.That(actual, Has.Count.EqualTo(expected.Count));
            for (int i = 0; i < expected.Count; i++)
            {
                Assert.That(actual[i], Is.EqualTo(expected[i]), $"row {i}");
                Assert.That(Bits(actual[i]), Is.EqualTo(Bits(expected[i])), $"row {i}: not the same bits");
            }
        }

        [Test]
        public void Run_uses_the_scheduler_and_agrees_with_it()
        {
            var e = Experiment(5);
            Assert.That(e.Run().ToList(), Is.EqualTo(Sequential(e)));
        }

        private static long[] Bits(LayerStatistics r) => new[]
        {
            r.GradientNorm, r.WeightGradientNorm, r.ActivationMean, r.ActivationStd, r.SaturatedFraction, r.DeadFraction,
        }.Select(BitConverter.DoubleToInt64Bits).ToArray();
    }
}
