using System;
using MathNet.Numerics.Distributions;

namespace VanishingGradients
{
    /// <summary>How the weights of a layer with n_in inputs and n_out outputs are drawn.</summary>
    public enum Initializer
    {
        /// <summary>Glorot/Xavier normal: N(0, 2/(n_in+n_out)). The labs' choice; suits sigmoid and tanh.</summary>
        Xavier,
        /// <summary>He normal: N(0, 2/n_in). Keeps the variance of ReLU layers steady.</summary>
        He,
        /// <summary>N(0, 1): the naive choice that saturates sigmoid units and explodes ReLU ones.</summary>
        StandardNormal,
        /// <summary>Glorot uniform: U(-√(6/(n_in+n_out)), +√(6/(n_in+n_out))), the same variance as <see cref="Xavier"/>.</summary>
        XavierUniform,
        /// <summary>He uniform: U(-√(6/n_in), +√(6/n_in)), the same variance as <see cref="He"/>.</summary>
        HeUniform,
    }

    /// <summary>Draws weights for an <see cref="Initializer"/>.</summary>
    public static class Initializers
    {
        /// <summary>The standard deviation of the weights the initialiser draws for a layer of that shape.</summary>
        public static double StandardDeviation(Initializer init, int fanIn, int fanOut) => init switch
        {
            Initializer.Xavier or Initializer.XavierUniform => Math.Sqrt(2.0 / (fanIn + fanOut)),
            Initializer.He or Initializer.HeUniform => Math.Sqrt(2.0 / fanIn),
            Initializer.StandardNormal => 1.0,
            _ => throw new ArgumentOutOfRangeException(nameof(init), init, "Unknown initialiser."),
        };

        /// <summary>Fills <paramref name="weights"/> for a layer of that shape from <paramref name="random"/>.</summary>
        public static void Fill(Initializer init, int fanIn, int fanOut, System.Random random, Span<double> weights)
        {
            double sd = StandardDeviation(init, fanIn, fanOut);
            if (init is Initializer.XavierUniform or Initializer.HeUniform)
            {
                double limit = sd * Math.Sqrt(3.0); // U(-l, l) has variance l²/3
                for (int i = 0; i < weights.Length; i++) weights[i] = (2.0 * random.NextDouble() - 1.0) * limit;
            }
            else if (random is Xoshiro256Random fast)
            {
                fast.FillGaussian(weights, sd);
            }
            else
            {
                for (int i = 0; i < weights.Length; i++) weights[i] = Gaussian(random) * sd;
            }
        }

        /// <summary>
        /// The generator of one trial. Trial 0 uses numpy's legacy MT19937 seeded with <paramref name="seed"/> itself, so it
        /// draws exactly what <c>np.random.seed(seed)</c> followed by the labs' randn calls draws. Trials ≥ 1 use the much
        /// faster <see cref="Xoshiro256Random"/> (xoshiro256** with a ziggurat), seeded by a hash of (seed, depth, trial).
        /// Nothing depends on the activation, the initialiser or thread scheduling, so those are compared on the same
        /// draws and every run gives the same numbers.
        /// </summary>
        public static Random ForTrial(int seed, int depth, int trial)
        {
            if (trial == 0) return new NumpyRandom((uint)seed);
            ulong h = SplitMix((ulong)(uint)seed);
            h = SplitMix(h ^ (ulong)(uint)depth);
            h = SplitMix(h ^ (ulong)(uint)trial);
            return new Xoshiro256Random(h);
        }

        /// <summary>
        /// A standard normal draw: numpy's legacy gauss for a <see cref="NumpyRandom"/>, the ziggurat for a
        /// <see cref="Xoshiro256Random"/>, MathNet's sampler otherwise.
        /// </summary>
        public static double Gaussian(Random random) => random switch
        {
            NumpyRandom numpy => numpy.NextGaussian(),
            Xoshiro256Random fast => fast.NextGaussian(),
            _ => Normal.Sample(random, 0.0, 1.0),
        };

        private static ulong SplitMix(ulong z)
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
