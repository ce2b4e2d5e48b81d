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
        public void A_run_stops_within_a_layer_not_a_pass()
        {
            // Counted, not timed: the activation cancels the run at its third layer of a 50-layer pass; checked only
            // between passes, the stop would land after all 51 layers.
            using var stop = new CancellationTokenSource();
            var counting = new CancellingActivation(Activations.ReLU, stop, cancelAtCall: 3);
            var run = new DepthExperiment { Activations = new[] { counting }, Depths = new[] { 50 }, Hidden = 16, Features = 8, BatchSize = 4 };
            Assert.Throws<OperationCanceledException>(() => run.Run(stop.Token).ToList());
            Assert.That(counting.Calls, Is.EqualTo(3), "layers evaluated before the stop took effect");
        }

        // ReLU that cancels a token on its n-th layer evaluation and counts evaluations.
        private sealed class CancellingActivation : Activation
        {
            private readonly Activation _inner;
            private readonly CancellationTokenSource _stop;
            private readonly int _cancelAt;
            private int _calls;
            public CancellingActivation(Activation inner, CancellationTokenSource stop, int cancelAtCall) { _inner = inner; _stop = stop; _cancelAt = cancelAtCall; }
            public int Calls => Volatile.Read(ref _calls);
            public override void Evaluate(ReadOnlySpan<double> inputs, Span<double> values, Span<double> derivatives)
            {
                if (Interlocked.Increment(ref _calls) == _cancelAt) _stop.Cancel();
                _inner.Evaluate(inputs, values, derivatives);
            }
            public override string Name => _inner.Name;
            public override string Formula => _inner.Formula;
            public override string DerivativeFormula => _inner.DerivativeFormula;
            public override string Range => _inner.Range;
            public override double MaxAbsDerivative => _inner.MaxAbsDerivative;
            public override bool IsZeroCentred => _inner.IsZeroCentred;
            public override bool Saturates => _inner.Saturates;
            public override string Introduced => _inner.Introduced;
            public override string Pros => _inner.Pros;
            public override string Cons => _inner.Cons;
            public override double Value(double x) => _inner.Value(x);
            public override double Derivative(double x) => _inner.Derivative(x);
        }
    }
}
