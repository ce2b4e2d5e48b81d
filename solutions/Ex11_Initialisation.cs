using System;
using System.Collections.Generic;

namespace VanishingGradients.Exercises
{
    // ─── Exercise 11 · Xavier, He, and what initialisation does to activations ────────────────────
    // A weight matrix of shape [n_out, n_in] drawn from N(0, σ²):
    //   Xavier (Glorot) normal:  σ² = 2 / (n_in + n_out)   — made for sigmoid and tanh
    //   He normal:               σ² = 2 / n_in             — made for ReLU (which zeroes half its inputs)
    //   standard normal:         σ² = 1                    — given, for comparison
    // Draw the entries row by row from the Gaussian you are given (Gaussian.Matrix does that).
    //
    // Describe(layer, activations): the mean and the population standard deviation √(Σ(a - mean)²/N) of
    // every entry of one layer's activation matrix [units, batch].
    //
    // ActivationStatistics.Run (given) pushes a batch through `depth` layers and describes every layer.
    // What to see with 50 layers: tanh + standard normal saturates (spread near 1, every unit at ±1);
    // tanh + Xavier keeps a moderate spread; ReLU + He keeps the spread steady while ReLU + Xavier halves
    // the variance at every layer and the signal all but disappears.
    public delegate double[,] Initialiser(int nIn, int nOut, Gaussian rng);

    public sealed record LayerStatistics(int Layer, double Mean, double StdDev);

    public static class Initialisers
    {
        public static double[,] Xavier(int nIn, int nOut, Gaussian rng)
        {
            // START CODE HERE
            // BEGIN SOLUTION: rng.Matrix(nOut, nIn, σ) with σ = sqrt(2/(nIn+nOut)).
            return rng.Matrix(nOut, nIn, Math.Sqrt(2.0 / (nIn + nOut)));
            // END SOLUTION
            // END CODE HERE
        }

        public static double[,] He(int nIn, int nOut, Gaussian rng)
        {
            // START CODE HERE
            // BEGIN SOLUTION: rng.Matrix(nOut, nIn, σ) with σ = sqrt(2/nIn).
            return rng.Matrix(nOut, nIn, Math.Sqrt(2.0 / nIn));
            // END SOLUTION
            // END CODE HERE
        }

        public static double[,] StandardNormal(int nIn, int nOut, Gaussian rng) => rng.Matrix(nOut, nIn, 1.0);
    }

    public static class ActivationStatistics
    {
        public static LayerStatistics Describe(int layer, double[,] activations)
        {
            // START CODE HERE
            // BEGIN SOLUTION: Two passes over every entry: first the mean, then the mean squared deviation.
            int rows = activations.GetLength(0), cols = activations.GetLength(1);
            double n = (double)rows * cols, sum = 0.0;
            foreach (double a in activations) sum += a;
            double mean = sum / n, squares = 0.0;
            foreach (double a in activations) squares += (a - mean) * (a - mean);
            return new LayerStatistics(layer, mean, Math.Sqrt(squares / n));
            // END SOLUTION
            // END CODE HERE
        }

        /// <summary>Given: a batch of N(0,1) inputs [width, batch] through `depth` layers of width `width`, no biases.</summary>
        public static IReadOnlyList<LayerStatistics> Run(Initialiser initialiser, Func<double, double> f, int width, int depth, int batch, int seed)
        {
            var rng = new Gaussian(seed);
            double[,] a = rng.Matrix(width, batch, 1.0);
            var stats = new List<LayerStatistics>(depth);
            for (int layer = 1; layer <= depth; layer++)
            {
                double[,] w = initialiser(width, width, rng);
                var next = new double[width, batch];
                for (int i = 0; i < width; i++)
                    for (int b = 0; b < batch; b++)
                    {
                        double z = 0.0;
                        for (int j = 0; j < width; j++) z += w[i, j] * a[j, b];
                        next[i, b] = f(z);
                    }
                a = next;
                stats.Add(Describe(layer, a));
            }
            return stats;
        }
    }
}
