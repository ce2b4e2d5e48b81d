using System;

namespace VanishingGradients
{
    /// <summary>
    /// numpy's legacy generator (<c>np.random.seed</c> / <c>np.random.randn</c>): MT19937 seeded by init_genrand,
    /// 53-bit doubles, and the polar Box–Muller method that caches its second value. Drawing in the labs' order with the
    /// labs' seed gives bit-identical weights, so the labs' networks can be rebuilt here exactly. One object is one
    /// continuing stream, like numpy's global state: pass it to several experiments and they draw one after the other.
    /// Not thread-safe.
    /// </summary>
    public sealed class NumpyRandom : Random
    {
        private const int N = 624, M = 397;
        private readonly uint[] _mt = new uint[N];
        private int _index;
        private bool _hasGauss;
        private double _gauss;

        /// <summary>The state of <c>np.random.seed(seed)</c>.</summary>
        public NumpyRandom(uint seed) => Seed(seed);

        /// <summary>The seed last given (to the constructor or to <see cref="Seed"/>).</summary>
        public uint InitialSeed { get; private set; }

        /// <summary>Standard normal values drawn since the last seeding (by <see cref="NextGaussian"/> and <see cref="Randn"/>).</summary>
        public long NormalsDrawn { get; private set; }

        /// <summary>Starts the stream again, as <c>np.random.seed(seed)</c> does (the cached normal is dropped too).</summary>
        public void Seed(uint seed)
        {
            _mt[0] = seed;
            for (int i = 1; i < N; i++) _mt[i] = 1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
            _index = N;
            _hasGauss = false;
            InitialSeed = seed;
            NormalsDrawn = 0;
        }

        /// <summary><c>np.random.randn(rows, cols)</c>: standard normals filled row by row.</summary>
        public double[,] Randn(int rows, int cols)
        {
            Guard.InRange(rows, 1, 100_000_000, nameof(rows));
            Guard.InRange(cols, 1, 100_000_000, nameof(cols));
            if ((long)rows * cols > Network.MaxWeights)
                throw new ArgumentOutOfRangeException(nameof(cols), cols, $"At most {Network.MaxWeights:N0} values can be drawn at once.");
            var m = new double[rows, cols];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++) m[i, j] = NextGaussian();
            return m;
        }

        public override string ToString() => $"numpy legacy MT19937, seed {InitialSeed}, {NormalsDrawn} normals drawn";

        /// <summary>The next 32 random bits (genrand_int32).</summary>
        public uint NextUInt32()
        {
            if (_index >= N) Twist();
            uint y = _mt[_index++];
            y ^= y >> 11;
            y ^= (y << 7) & 0x9d2c5680u;
            y ^= (y << 15) & 0xefc60000u;
            return y ^ (y >> 18);
        }

        /// <summary>A double in [0, 1) from 53 random bits, as <c>np.random.random_sample</c>.</summary>
        public override double NextDouble()
        {
            uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
            return (a * 67108864.0 + b) / 9007199254740992.0;
        }

        protected override double Sample() => NextDouble();

        /// <summary>A standard normal draw, as <c>np.random.randn</c> (legacy gauss).</summary>
        public double NextGaussian()
        {
            NormalsDrawn++;
            if (_hasGauss)
            {
                _hasGauss = false;
                return _gauss;
            }
            double x1, x2, r2;
            do
            {
                x1 = 2.0 * NextDouble() - 1.0;
                x2 = 2.0 * NextDouble() - 1.0;
                r2 = x1 * x1 + x2 * x2;
            } while (r2 >= 1.0 || r2 == 0.0);
            double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
            _gauss = f * x1;
            _hasGauss = true;
            return f * x2;
        }

        // The reference recurrence, split into its three ranges so the inner loops need no modulo.
        private void Twist()
        {
            int i = 0;
            for (; i < N - M; i++) _mt[i] = _mt[i + M] ^ Mix(_mt[i], _mt[i + 1]);
            for (; i < N - 1; i++) _mt[i] = _mt[i + M - N] ^ Mix(_mt[i], _mt[i + 1]);
            _mt[N - 1] = _mt[M - 1] ^ Mix(_mt[N - 1], _mt[0]);
            _index = 0;
        }

        private static uint Mix(uint upper, uint lower)
        {
            uint y = (upper & 0x80000000u) | (lower & 0x7fffffffu);
            return (y >> 1) ^ ((y & 1u) != 0 ? 0x9908b0dfu : 0u);
        }
    }
}
