using System;
using System.Linq;
using NUnit.Framework;
using VanishingGradients;

namespace VanishingGradients.Tests
{
    /// <summary>‖∂L/∂W_l‖ = ‖δ_l a_(l-1)ᵀ‖ by whichever form the pass takes, against the product written out.</summary>
    public class WeightGradientNormTests
    {
        // ‖Σ_s δ_s a_sᵀ‖ with δ and a scaled by their largest magnitudes first, so no sum can overflow.
        private static double Direct(ReadOnlySpan<double> delta, int rows, ReadOnlySpan<double> a, int cols, int batch)
        {
            double sd = 0, sa = 0;
            foreach (double v in delta) sd = Math.Max(sd, Math.Abs(v));
            foreach (double v in a) sa = Math.Max(sa, Math.Abs(v));
            double sum = 0;
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++)
                {
                    double p = 0;
                    for (int s = 0; s < batch; s++) p += delta[i * batch + s] / sd * (a[j * batch + s] / sa);
                    sum += p * p;
                }
            return Math.Sqrt(sum) * sd * sa;
        }

        // Inputs near 1e140 through ReLU layers give activations and deltas near 1e140: the Gram matrices' products
        // (~1e560) overflow, the outer product (~1e281) does not.
        [TestCase(1e140)]
        [TestCase(1.0)]
        public void Large_finite_values_give_the_finite_norm_of_the_product(double magnitude)
        {
            const int features = 20, batch = 4;
            var shape = Network.Shape(features, 20, 3, 1);
            var random = Initializers.ForTrial(3, 3, 1);
            var net = Network.Create(shape, Initializer.He, random);
            var x = Enumerable.Range(0, features * batch).Select(_ => magnitude * Initializers.Gaussian(random)).ToArray();
            var y = new double[batch];
            var pass = new GradientPass(shape, batch);

            pass.Run(net, Activations.LeakyReLU, x, y, PassOptions.Default);

            for (int l = 1; l <= pass.Layers; l++)
            {
                double expected = Direct(pass.Delta(l), shape[l], pass.Values(l - 1), shape[l - 1], batch);
                Assert.That(double.IsFinite(expected) && expected > 0, $"layer {l}: the test's own norm");
                Assert.That(pass.WeightGradientNorm[l - 1], Is.EqualTo(expected).Within(1e-10).Percent, $"layer {l}");
            }
        }
    }
}
