using System;

namespace VanishingGradients.Exercises
{
    // ─── Exercise 9 · Leaky ReLU, ELU, and the depth experiment ───────────────────────────────────
    // Part A. Two repairs of ReLU's dead half:
    //   LeakyReLU(x) = x if x > 0 else α·x        derivative 1 if x > 0 else α        (α = 0.01 by default)
    //   ELU(x)       = x if x > 0 else α·(e^x - 1) derivative 1 if x > 0 else α·e^x   (α = 1 by default)
    // At x = 0 use the left-hand branch (α·x, α) like ReLU's 0.
    //
    // Part B. A plain fully connected network, layer sizes [features] + [hidden]·depth + [1]. The weights are
    // given (Xavier normal, seeded); you write the two passes:
    //   Forward:  a₀ = x;  z_l = W_l·a_(l-1) + b_l;  a_l = f(z_l)  for l = 1..L. Keep every z_l.
    //   Backward (squared error, target y):  δ_L = (a_L - y) ⊙ f'(z_L);  δ_l = (W_(l+1)ᵀ·δ_(l+1)) ⊙ f'(z_l).
    // GradientNorms returns ‖δ_l‖ for l = 1..L, input side first. LinearAlgebra has the products you need.
    //
    // What to see (depth 10, 8 features, 15 hidden, seed 42): with sigmoid the first layer's norm is orders
    // of magnitude below the last one's; with ReLU, Leaky ReLU and ELU they stay within an order or so.
    public static class LeakyRelu
    {
        public const double DefaultAlpha = 0.01;

        public static double Value(double x, double alpha = DefaultAlpha)
        {
            // START CODE HERE
            throw new NotImplementedException("x when x > 0, otherwise alpha*x.");
            // END CODE HERE
        }

        public static double Derivative(double x, double alpha = DefaultAlpha)
        {
            // START CODE HERE
            throw new NotImplementedException("1 when x > 0, otherwise alpha.");
            // END CODE HERE
        }
    }

    public static class Elu
    {
        public const double DefaultAlpha = 1.0;

        public static double Value(double x, double alpha = DefaultAlpha)
        {
            // START CODE HERE
            throw new NotImplementedException("x when x > 0, otherwise alpha*(e^x - 1) (Math.Exp(x) - 1, or better, an expm1).");
            // END CODE HERE
        }

        public static double Derivative(double x, double alpha = DefaultAlpha)
        {
            // START CODE HERE
            throw new NotImplementedException("1 when x > 0, otherwise alpha*e^x.");
            // END CODE HERE
        }
    }

    public sealed class DepthNetwork
    {
        private readonly Func<double, double> _f;
        private readonly Func<double, double> _df;

        /// <summary>W_l has shape [size_l, size_(l-1)]; index 0 is layer 1.</summary>
        public double[][,] Weights { get; }
        public double[][] Biases { get; }
        public int Layers => Weights.Length;

        public DepthNetwork(double[][,] weights, double[][] biases, Func<double, double> f, Func<double, double> df)
        {
            if (weights.Length == 0 || weights.Length != biases.Length)
                throw new ArgumentException("Give one weight matrix and one bias vector per layer.", nameof(biases));
            for (int l = 0; l < weights.Length; l++)
            {
                if (biases[l].Length != weights[l].GetLength(0))
                    throw new ArgumentException($"Layer {l + 1}: the bias has {biases[l].Length} entries, W has {weights[l].GetLength(0)} rows.", nameof(biases));
                if (l > 0 && weights[l].GetLength(1) != weights[l - 1].GetLength(0))
                    throw new ArgumentException($"Layer {l + 1}: W has {weights[l].GetLength(1)} columns, the layer below has {weights[l - 1].GetLength(0)} units.", nameof(weights));
            }
            Weights = weights;
            Biases = biases;
            _f = f;
            _df = df;
        }

        /// <summary>Xavier-normal weights W ~ N(0, 2/(n_in + n_out)), zero biases, drawn from <paramref name="rng"/>.</summary>
        public static DepthNetwork Xavier(int features, int hidden, int depth, Gaussian rng, Func<double, double> f, Func<double, double> df)
        {
            var sizes = new int[depth + 2];
            sizes[0] = features;
            for (int l = 1; l <= depth; l++) sizes[l] = hidden;
            sizes[depth + 1] = 1;
            var weights = new double[depth + 1][,];
            var biases = new double[depth + 1][];
            for (int l = 1; l < sizes.Length; l++)
            {
                weights[l - 1] = rng.Matrix(sizes[l], sizes[l - 1], Math.Sqrt(2.0 / (sizes[l] + sizes[l - 1])));
                biases[l - 1] = new double[sizes[l]];
            }
            return new DepthNetwork(weights, biases, f, df);
        }

        /// <summary>The pre-activations z_1..z_L of the last Forward call (index 0 is layer 1).</summary>
        public double[][] PreActivations { get; private set; } = Array.Empty<double[]>();

        /// <summary>Runs x through the network; stores every z_l in PreActivations; returns a_L.</summary>
        public double[] Forward(double[] x)
        {
            var z = new double[Layers][];
            double[] a = x;
            // START CODE HERE
            throw new NotImplementedException("For each layer: z[l] = W·a + b (LinearAlgebra.Multiply), then a = f applied to z[l].");
            // END CODE HERE
            PreActivations = z;
            return a;
        }

        /// <summary>δ_1..δ_L for the squared error against <paramref name="target"/>, after Forward.</summary>
        public double[][] Backward(double[] output, double target)
        {
            var z = PreActivations;
            var delta = new double[Layers][];
            // START CODE HERE
            throw new NotImplementedException("Start at the top with (a_L - y)*f'(z_L); go down with Wᵀ·δ (LinearAlgebra.MultiplyTransposed) times f'(z).");
            // END CODE HERE
            return delta;
        }

        /// <summary>‖δ_l‖ for l = 1..L after one forward and one backward pass.</summary>
        public double[] GradientNorms(double[] x, double target)
        {
            double[][] delta = Backward(Forward(x), target);
            var norms = new double[delta.Length];
            for (int l = 0; l < delta.Length; l++) norms[l] = LinearAlgebra.Norm(delta[l]);
            return norms;
        }

        /// <summary>The lab's experiment: Xavier net from the seed, then x ~ N(0,1)^features and y ~ N(0,1) from the same stream.</summary>
        public static double[] Experiment(int features, int hidden, int depth, int seed, Func<double, double> f, Func<double, double> df)
        {
            var rng = new Gaussian(seed);
            var net = Xavier(features, hidden, depth, rng, f, df);
            double[] x = rng.Vector(features);
            double y = rng.Next();
            return net.GradientNorms(x, y);
        }
    }
}
