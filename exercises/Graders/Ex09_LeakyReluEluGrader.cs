using System;
using NUnit.Framework;
using VanishingGradients.Exercises;

namespace CourseGraders
{
    [TestFixture, Exercise(9)]
    public sealed class Ex09_LeakyReluEluGrader
    {
        private static readonly double[] Grid = Expected.Values("Grid.Linspace(-4, 4, 81)");

        [Test, Points(1)]
        public void LeakyRelu_ValueAndDerivative()
        {
            Check.Function("LeakyRelu.Value(x, 0.1)", Grid, Expected.Values("LeakyReLUWith(0.1).Value at Grid.Linspace(-4, 4, 81)"), x => LeakyRelu.Value(x, 0.1), Tolerance.Tight, "x if x > 0 else α·x.");
            Check.Function("LeakyRelu.Derivative(x, 0.1)", Grid, Expected.Values("LeakyReLUWith(0.1).Derivative at Grid.Linspace(-4, 4, 81)"), x => LeakyRelu.Derivative(x, 0.1), Tolerance.Tight, "1 if x > 0 else α (α at x = 0).");
        }

        [Test, Points(2)]
        public void Elu_ValueAndDerivative()
        {
            Check.Function("Elu.Value(x)", Grid, Expected.Values("ELU.Value at Grid.Linspace(-4, 4, 81)"), x => Elu.Value(x, 1.0), Tolerance.Tight, "x if x > 0 else α·(e^x - 1), α = 1.");
            Check.Function("Elu.Derivative(x)", Grid, Expected.Values("ELU.Derivative at Grid.Linspace(-4, 4, 81)"), x => Elu.Derivative(x, 1.0), Tolerance.Tight, "1 if x > 0 else α·e^x.");
        }

        [Test, Points(2)]
        public void Forward_HandComputedNetwork()
        {
            var net = NetworkFixtures.Small();
            double[] a = Student.Call("DepthNetwork.Forward", () => net.Forward(new[] { 1.0, 2.0 }));
            double[][] z = Student.Call("DepthNetwork.PreActivations", () => net.PreActivations);
            // Identity activation: z1 = W1·x + b1 = [1·1 + 2·2 + 0.5, -1 + 0 - 0.5] = [5.5, -1.5]; z2 = 2·5.5 - 1·(-1.5) + 0.25 = 12.75.
            Check.Values("Output of the 2-2-1 network", new[] { 12.75 }, a, Tolerance.Tight, "z = W·a + b at each layer, then a = f(z).");
            Check.Values("PreActivations[0]", new[] { 5.5, -1.5 }, z.Length > 0 ? z[0] : null, Tolerance.Tight, "Store z for every layer.");
        }

        [Test, Points(2)]
        public void Backward_HandComputedNetwork()
        {
            var net = NetworkFixtures.Small();
            double[][] delta = Student.Call("DepthNetwork.Forward, then Backward", () => net.Backward(net.Forward(new[] { 1.0, 2.0 }), 0.75));
            Check.Equal("Number of deltas", 2, delta.Length, "One δ per layer.");
            // δ2 = (12.75 - 0.75)·1 = 12; δ1 = W2ᵀ·δ2 ⊙ 1 = [24, -12].
            Check.Values("δ of the output layer", new[] { 12.0 }, delta[1], Tolerance.Tight, "δ_L = (a_L - y) ⊙ f'(z_L).");
            Check.Values("δ of layer 1", new[] { 24.0, -12.0 }, delta[0], Tolerance.Tight, "δ_l = (W_(l+1)ᵀ·δ_(l+1)) ⊙ f'(z_l).");
        }

        [Test, Points(2)]
        public void Experiment_SigmoidVanishesTowardsTheInput()
        {
            double[] norms = Student.Call("DepthNetwork.Experiment (sigmoid, depth 10)", () => DepthNetwork.Experiment(8, 15, 10, 42, Formulas.Sigmoid, Formulas.SigmoidDerivative));
            Check.Values("Gradient norms, sigmoid", NetworkFixtures.ReferenceNorms(8, 15, 10, 42, Formulas.Sigmoid, Formulas.SigmoidDerivative), norms, Tolerance.Loose,
                "Forward stores z per layer; Backward starts at the output and multiplies by f'(z) on the way down.");
            Check.That(norms[0] < 1e-3 * norms[^1], $"The first layer's norm is {Check.Show(norms[0])} against {Check.Show(norms[^1])} at the top",
                "With sigmoid it should be orders of magnitude smaller.");
        }

        [Test, Points(2)]
        public void Experiment_ReluFamilyKeepsTheOrder()
        {
            var family = new[]
            {
                ("ReLU", Formulas.Relu, Formulas.ReluDerivative),
                ("LeakyReLU", Formulas.LeakyRelu, Formulas.LeakyReluDerivative),
                ("ELU", Formulas.Elu, Formulas.EluDerivative),
            };
            foreach (var (name, f, df) in family)
            {
                double[] norms = Student.Call($"DepthNetwork.Experiment ({name}, depth 10)", () => DepthNetwork.Experiment(8, 15, 10, 42, f, df));
                Check.Values($"Gradient norms, {name}", NetworkFixtures.ReferenceNorms(8, 15, 10, 42, f, df), norms, Tolerance.Loose,
                    "Same forward and backward passes; only f and f' change.");
            }
        }
    }

    /// <summary>Networks with known answers, and the reference backward pass the graders compare against.</summary>
    internal static class NetworkFixtures
    {
        /// <summary>A 2-2-1 network with the identity activation, built in the worker from the student's constructor.</summary>
        public static DepthNetwork Small()
        {
            var weights = new[] { new double[,] { { 1, 2 }, { -1, 0 } }, new double[,] { { 2, -1 } } };
            var biases = new[] { new[] { 0.5, -0.5 }, new[] { 0.25 } };
            return Student.Call("new DepthNetwork(weights, biases, x => x, x => 1)", () => new DepthNetwork(weights, biases, Formulas.Identity, Formulas.One));
        }

        /// <summary>The lab's experiment computed independently: same seed and draws, the grader's own passes.</summary>
        public static double[] ReferenceNorms(int features, int hidden, int depth, int seed, Func<double, double> f, Func<double, double> df)
        {
            var rng = new Gaussian(seed);
            var net = DepthNetwork.Xavier(features, hidden, depth, rng, f, df);
            double[] a = rng.Vector(features);
            double y = rng.Next();
            int layers = net.Layers;
            var z = new double[layers][];
            for (int l = 0; l < layers; l++)
            {
                var w = net.Weights[l];
                z[l] = new double[w.GetLength(0)];
                for (int i = 0; i < z[l].Length; i++)
                {
                    double sum = net.Biases[l][i];
                    for (int j = 0; j < a.Length; j++) sum += w[i, j] * a[j];
                    z[l][i] = sum;
                }
                a = Array.ConvertAll(z[l], v => f(v));
            }
            var norms = new double[layers];
            double[] delta = { (a[0] - y) * df(z[layers - 1][0]) };
            norms[layers - 1] = Math.Abs(delta[0]);
            for (int l = layers - 2; l >= 0; l--)
            {
                var w = net.Weights[l + 1];
                var next = new double[w.GetLength(1)];
                for (int j = 0; j < next.Length; j++)
                {
                    double sum = 0;
                    for (int i = 0; i < delta.Length; i++) sum += w[i, j] * delta[i];
                    next[j] = sum * df(z[l][j]);
                }
                delta = next;
                double sq = 0;
                foreach (double d in delta) sq += d * d;
                norms[l] = Math.Sqrt(sq);
            }
            return norms;
        }
    }
}
