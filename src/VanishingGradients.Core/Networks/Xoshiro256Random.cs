using System;
using System.Runtime.Intrinsics;

namespace VanishingGradients
{
    /// <summary>
    /// The generator of <see cref="Initializers.ForTrial"/> for trials ≥ 1: xoshiro256** (Blackman and Vigna) seeded
    /// through SplitMix64, with Marsaglia and Tsang's 128-layer ziggurat for normals. <see cref="FillGaussian"/> runs four
    /// independent xoshiro256** lanes side by side (one 256-bit vector) and resolves the ~1% of ziggurat rejections
    /// from a fifth, scalar stream; the scalar reference implementation of the same lanes gives the same bits where
    /// vectors are not available. Many times faster than <see cref="NumpyRandom"/>'s MT19937 + polar method, which
    /// only trial 0 needs (to match numpy exactly); the output depends only on the seed and the calls made.
    /// </summary>
    public sealed class Xoshiro256Random : Random
    {
        private ulong _s0, _s1, _s2, _s3;              // the scalar stream
        private readonly ulong[] _lanes = new ulong[16]; // word w of lane j at 4w + j

        /// <summary>A generator whose 20 state words are successive SplitMix64 outputs from <paramref name="seed"/>.</summary>
        public Xoshiro256Random(ulong seed)
        {
            _s0 = SplitMix64(ref seed);
            _s1 = SplitMix64(ref seed);
            _s2 = SplitMix64(ref seed);
            _s3 = SplitMix64(ref seed);
            for (int i = 0; i < _lanes.Length; i++) _lanes[i] = SplitMix64(ref seed);
        }

        /// <summary>The next 64 random bits of the scalar stream.</summary>
        public ulong NextUInt64() => Step(ref _s0, ref _s1, ref _s2, ref _s3);

        /// <summary>A double in [0, 1) from the top 53 bits of the scalar stream.</summary>
        public override double NextDouble() => (NextUInt64() >> 11) * Unit;

        protected override double Sample() => NextDouble();

        /// <summary>A standard normal draw from the scalar stream.</summary>
        public double NextGaussian()
        {
            ulong bits = NextUInt64();
            int i = (int)(bits & 127);
            double u = ((long)bits >> 10) * Unit;
            return Math.Abs(u) < Ratio[i] ? u * X[i] : Rejected(i, u);
        }

        /// <summary>
        /// Fills <paramref name="values"/> with N(0, <paramref name="scale"/>²) draws: four lanes per step, in lane order;
        /// a length that is not a multiple of four discards the last step's extra lanes.
        /// </summary>
        public void FillGaussian(Span<double> values, double scale)
        {
            if (Vector256.IsHardwareAccelerated)
            {
                FillVector(values, scale);
                return;
            }
            FillScalar(values, scale);
        }

        // The reference: what the vectors compute, one lane at a time.
        internal void FillScalar(Span<double> values, double scale)
        {
            Span<ulong> bits = stackalloc ulong[4];
            for (int k = 0; k < values.Length; k += 4)
            {
                for (int j = 0; j < 4; j++)
                    bits[j] = Step(ref _lanes[j], ref _lanes[4 + j], ref _lanes[8 + j], ref _lanes[12 + j]);
                for (int j = 0; j < 4; j++)
                {
                    int i = (int)(bits[j] & 127);
                    double u = BitConverter.Int64BitsToDouble((long)((bits[j] >> 12) | One)) * 2.0 - 3.0;
                    double z = Math.Abs(u) < Ratio[i] ? u * X[i] * scale : Rejected(i, u) * scale;
                    if (k + j < values.Length) values[k + j] = z;
                }
            }
        }

        private void FillVector(Span<double> values, double scale)
        {
            // Lanes outside their layer are noted and finished afterwards, in position order, which is the order in
            // which FillScalar consumes the scalar stream for them: the loop itself makes no call, so its vectors stay
            // in registers (Linux preserves no vector register across a call).
            Span<int> position = stackalloc int[64], layer = stackalloc int[64];
            Span<double> u = stackalloc double[64];
            int k = 0;
            while (k < values.Length)
            {
                k = FillInside(values, k, scale, position, layer, u, out int rejected);
                for (int n = 0; n < rejected; n++)
                {
                    double v = Rejected(layer[n], u[n]) * scale;
                    if (position[n] < values.Length) values[position[n]] = v;
                }
            }
        }

        // Steps the four lanes from values[k] on, storing the lanes that land inside their layer and noting the others
        // (position, layer and u); stops when the notes may run out. Returns where it stopped.
        private unsafe int FillInside(Span<double> values, int k, double scale, Span<int> position, Span<int> layer, Span<double> uOut,
            out int rejected)
        {
            ref ulong lanes = ref _lanes[0];
            var s0 = Vector256.LoadUnsafe(ref lanes, 0);
            var s1 = Vector256.LoadUnsafe(ref lanes, 4);
            var s2 = Vector256.LoadUnsafe(ref lanes, 8);
            var s3 = Vector256.LoadUnsafe(ref lanes, 12);
            var one = Vector256.Create(One);
            var layerMask = Vector256.Create(127UL);
            var scaleV = Vector256.Create(scale);
            rejected = 0;
            fixed (double* px = X, pr = Ratio)
            {
                for (; k < values.Length && rejected <= position.Length - 4; k += 4)
                {
                    // xoshiro256** on four lanes; ×5 and ×9 as shifts and adds (AVX2 has no 64-bit multiply).
                    var r = s1 + (s1 << 2);
                    r = (r << 7) | Vector256.ShiftRightLogical(r, 57);
                    r += r << 3;
                    var t = s1 << 17;
                    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t;
                    s3 = (s3 << 45) | Vector256.ShiftRightLogical(s3, 19);

                    // Layer from the low 7 bits; u ∈ [-1, 1) from the top 52 via the [1, 2) exponent trick, disjoint.
                    var index = r & layerMask;
                    var u = (Vector256.ShiftRightLogical(r, 12) | one).AsDouble() * 2.0 - Vector256.Create(3.0);
                    var x = Vector256.Create(px[index[0]], px[index[1]], px[index[2]], px[index[3]]);
                    var ratio = Vector256.Create(pr[index[0]], pr[index[1]], pr[index[2]], pr[index[3]]);
                    var z = u * x * scaleV;
                    uint inside = Vector256.ExtractMostSignificantBits(Vector256.LessThan(Vector256.Abs(u), ratio));
                    if (k + 4 <= values.Length) z.StoreUnsafe(ref values[k]);
                    else for (int j = 0; k + j < values.Length; j++) values[k + j] = z[j];
                    if (inside == 0xF) continue;
                    for (int j = 0; j < 4; j++)
                        if ((inside & (1u << j)) == 0)
                        {
                            position[rejected] = k + j;
                            layer[rejected] = (int)index[j];
                            uOut[rejected++] = u[j];
                        }
                }
            }
            s0.StoreUnsafe(ref lanes, 0);
            s1.StoreUnsafe(ref lanes, 4);
            s2.StoreUnsafe(ref lanes, 8);
            s3.StoreUnsafe(ref lanes, 12);
            return k;
        }

        // The draw fell in the base layer's tail or a layer's wedge: finish it (tail) or test it against the density
        // (wedge), and draw afresh on rejection.
        private double Rejected(int i, double u)
        {
            while (true)
            {
                if (i == 0)
                {
                    // Marsaglia's tail method for |z| > R; 1 - NextDouble() ∈ (0, 1] keeps the logs finite.
                    double a, b;
                    do
                    {
                        a = -Math.Log(1.0 - NextDouble()) / R;
                        b = -Math.Log(1.0 - NextDouble());
                    } while (b + b < a * a);
                    return u < 0 ? -(R + a) : R + a;
                }
                double z = u * X[i];
                if (F[i] + NextDouble() * (F[i + 1] - F[i]) < Math.Exp(-0.5 * z * z)) return z;
                ulong bits = NextUInt64();
                i = (int)(bits & 127);
                u = ((long)bits >> 10) * Unit;
                if (Math.Abs(u) < Ratio[i]) return u * X[i];
            }
        }

        private static ulong Step(ref ulong s0, ref ulong s1, ref ulong s2, ref ulong s3)
        {
            ulong result = RotateLeft(s1 * 5, 7) * 9;
            ulong t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = RotateLeft(s3, 45);
            return result;
        }

        private static ulong RotateLeft(ulong v, int k) => (v << k) | (v >> (64 - k));

        internal static ulong SplitMix64(ref ulong state)
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        private const double Unit = 1.0 / (1UL << 53);
        private const ulong One = 0x3FF0000000000000UL; // the bits of 1.0

        // Ziggurat of 128 layers of equal area V under exp(-z²/2) (Marsaglia & Tsang 2000): X[i] is the half-width of
        // layer i (X[0] = V/f(R) for the base, which also holds the tail beyond R), F[i] = f(X[i]), and
        // Ratio[i] = X[i+1]/X[i] is the part of layer i that lies wholly under the curve.
        private const double R = 3.442619855899, V = 9.91256303526217e-3;
        private static readonly double[] X = new double[129], F = new double[129], Ratio = new double[128];

        static Xoshiro256Random()
        {
            X[0] = V / Math.Exp(-0.5 * R * R);
            X[1] = R;
            for (int i = 1; i < 127; i++) X[i + 1] = Math.Sqrt(-2.0 * Math.Log(V / X[i] + Math.Exp(-0.5 * X[i] * X[i])));
            X[128] = 0.0;
            for (int i = 0; i <= 128; i++) F[i] = Math.Exp(-0.5 * X[i] * X[i]);
            for (int i = 0; i < 128; i++) Ratio[i] = X[i + 1] / X[i];
        }
    }
}
