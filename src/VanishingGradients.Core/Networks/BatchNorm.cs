using System;

namespace VanishingGradients
{
    /// <summary>
    /// Batch normalisation of pre-activations in training mode, as torch's BatchNorm1d computes it with γ = 1 and β = 0:
    /// each unit's values over the batch are shifted to mean 0 and scaled by 1/√(σ² + ε), σ² the biased variance.
    /// Values are units × batch, row-major (a unit's samples are contiguous), as in <see cref="GradientPass"/>.
    /// </summary>
    internal static class BatchNorm
    {
        /// <summary>torch's default ε.</summary>
        public const double DefaultEpsilon = 1e-5;

        /// <summary>ẑ = (z - μ)/√(σ² + ε) per unit; keeps 1/√(σ² + ε) per unit for the backward pass.</summary>
        public static void Forward(ReadOnlySpan<double> z, int units, int batch, double epsilon, Span<double> normalized, Span<double> inverseStd)
        {
            for (int i = 0; i < units; i++)
            {
                var row = z.Slice(i * batch, batch);
                var output = normalized.Slice(i * batch, batch);
                // Huge values would overflow (z - μ)²: work on z/2^k instead. A power of two scales every step exactly,
                // √(σ²/4^k + ε/4^k) = √(σ² + ε)/2^k, so the result is the same bits as without it wherever that is finite.
                double largest = 0.0;
                foreach (double v in row) largest = Math.Max(largest, Math.Abs(v));
                double scale = largest > 1e150 ? PowerOfTwoBelow(largest) : 1.0;
                double mean = 0.0;
                foreach (double v in row) mean += v / scale;
                mean /= batch;
                double ss = 0.0;
                foreach (double v in row) ss += (v / scale - mean) * (v / scale - mean);
                double inv = 1.0 / Math.Sqrt(ss / batch + epsilon / scale / scale);
                for (int s = 0; s < batch; s++) output[s] = (row[s] / scale - mean) * inv;
                inverseStd[i] = inv / scale;
            }
        }

        // 2^⌊log2 v⌋ for a normal positive v: its exponent bits with a zero mantissa (|z| / it < 2, so squares stay small).
        private static double PowerOfTwoBelow(double v) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(v) & 0x7FF0000000000000L);

        /// <summary>
        /// Turns ∂L/∂ẑ into ∂L/∂z in place: ∂L/∂z = (g - mean(g) - ẑ·mean(g ⊙ ẑ)) / √(σ² + ε) per unit, the gradient
        /// through the batch mean and variance included (every sample's z moves every ẑ of its unit).
        /// </summary>
        public static void Backward(Span<double> gradient, ReadOnlySpan<double> normalized, ReadOnlySpan<double> inverseStd, int units, int batch)
        {
            for (int i = 0; i < units; i++)
            {
                var g = gradient.Slice(i * batch, batch);
                var zhat = normalized.Slice(i * batch, batch);
                double meanG = 0.0, meanGz = 0.0;
                for (int s = 0; s < batch; s++)
                {
                    meanG += g[s];
                    meanGz += g[s] * zhat[s];
                }
                meanG /= batch;
                meanGz /= batch;
                double inv = inverseStd[i];
                for (int s = 0; s < batch; s++) g[s] = (g[s] - meanG - zhat[s] * meanGz) * inv;
            }
        }
    }
}
