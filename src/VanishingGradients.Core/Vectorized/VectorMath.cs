using System.Runtime.CompilerServices;

namespace VanishingGradients.Vectorized
{
    /// <summary>
    /// Elementary functions on SIMD lanes after fdlibm (Sun, 1993; via FreeBSD msun and musl): no table look-ups and
    /// no per-lane branches, within ~1 ulp like the scalar originals. Written once against <see cref="ISimd{V}"/>, so
    /// one source runs at every width (scalar, 128, 256, 512 bits) with identical results.
    /// </summary>
    internal static class VectorMath
    {
        private const double Ln2Hi = 6.93147180369123816490e-01, Ln2Lo = 1.90821492927058770002e-10, InvLn2 = 1.44269504088896338700e+00;
        // Adding 1.5·2^52 rounds to the nearest integer and leaves it in the low bits of the sum.
        private const double RoundingShift = 6755399441055744.0;

        /// <summary>
        /// e^x: ≤ 1 ulp (measured against Math.Exp), subnormal results included; +∞ above ~709.78, 0 below ~-745.13, NaN kept.
        /// fdlibm's two-part reduction r = x - k·ln2, then the degree-13 Taylor polynomial on |r| ≤ ln2/2 (truncation
        /// below 5e-18) instead of fdlibm's rational form, which costs a division per call.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V Exp<V>(V x) where V : struct, ISimd<V> => Exp(x, x, V.Create(0.0));

        /// <summary>
        /// e^(hi + lo) for |lo| small against |hi|, without rounding hi + lo first: where hi is large (erfc's e^-x²), the
        /// rounding of the sum would cost |hi| ulp. One exponential instead of e^hi·e^lo.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V Exp<V>(V hi, V lo) where V : struct, ISimd<V> => Exp(hi + lo, hi, lo);

        // e^(hi + lo) with x = hi + lo rounded: x picks k, NaN and the range; r = hi - k·ln2 + lo.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static V Exp<V>(V x, V hi, V lo) where V : struct, ISimd<V>
        {
            // Beyond ±746 the result is already 0 or ∞; clamping keeps k small enough for the two-step scaling below.
            var c = V.Min(V.Max(x, V.Create(-746.0)), V.Create(710.0));
            var shift = V.Create(RoundingShift);
            var shifted = V.MultiplyAdd(c, V.Create(InvLn2), shift);
            var kd = shifted - shift;
            var k = V.SubtractInt64(shifted, shift);

            // r = hi - k·ln2 + lo in parts: k·Ln2Hi is exact and close to hi, so only the small terms round. Where x was
            // clamped, r is large but the result saturates to 0 or ∞ all the same.
            var r = ((V.Min(V.Max(hi, V.Create(-746.0)), V.Create(710.0)) - kd * V.Create(Ln2Hi)) + lo) - kd * V.Create(Ln2Lo);
            var p = V.Create(1.0 / 6227020800.0);
            p = V.MultiplyAdd(p, r, V.Create(1.0 / 479001600.0));
            p = V.MultiplyAdd(p, r, V.Create(1.0 / 39916800.0));
            p = V.MultiplyAdd(p, r, V.Create(1.0 / 3628800.0));
            p = V.MultiplyAdd(p, r, V.Create(1.0 / 362880.0));
            p = V.MultiplyAdd(p, r, V.Create(1.0 / 40320.0));
            p = V.MultiplyAdd(p, r, V.Create(1.0 / 5040.0));
            p = V.MultiplyAdd(p, r, V.Create(1.0 / 720.0));
            p = V.MultiplyAdd(p, r, V.Create(1.0 / 120.0));
            p = V.MultiplyAdd(p, r, V.Create(1.0 / 24.0));
            p = V.MultiplyAdd(p, r, V.Create(1.0 / 6.0));
            p = V.MultiplyAdd(p, r, V.Create(0.5));
            p = V.MultiplyAdd(p, r, V.Create(1.0));
            var y = V.MultiplyAdd(p, r, V.Create(1.0));

            // y·2^k as y·2^k1·2^k2 with k1 = ⌊k/2⌋: both factors stay normal, and only the last product rounds,
            // which is what gives correctly placed subnormal results and a clean overflow to ∞.
            var k1 = V.SubtractInt64(V.ShiftRightLogicalInt64(V.AddInt64(k, V.CreateBits(2048)), 1), V.CreateBits(1024));
            var result = y * Pow2(k1) * Pow2(V.SubtractInt64(k, k1));
            return V.Select(V.EqualTo(x, x), result, x);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static V Pow2<V>(V k) where V : struct, ISimd<V> => V.ShiftLeftInt64(V.AddInt64(k, V.CreateBits(1023)), 52);

        private const double Erx = 8.45062911510467529297e-01;
        private const double Pp0 = 1.28379167095512558561e-01, Pp1 = -3.25042107247001499370e-01, Pp2 = -2.84817495755985104766e-02,
            Pp3 = -5.77027029648944159157e-03, Pp4 = -2.37630166566501626084e-05;
        private const double Qq1 = 3.97917223959155352819e-01, Qq2 = 6.50222499887672944485e-02, Qq3 = 5.08130628187576562776e-03,
            Qq4 = 1.32494738004321644526e-04, Qq5 = -3.96022827877536812320e-06;
        private const double Pa0 = -2.36211856075265944077e-03, Pa1 = 4.14856118683748331666e-01, Pa2 = -3.72207876035701323847e-01,
            Pa3 = 3.18346619901161753674e-01, Pa4 = -1.10894694282396677476e-01, Pa5 = 3.54783043256182359371e-02, Pa6 = -2.16637559486879084300e-03;
        private const double Qa1 = 1.06420880400844228286e-01, Qa2 = 5.40397917702171048937e-01, Qa3 = 7.18286544141962662868e-02,
            Qa4 = 1.26171219808761642112e-01, Qa5 = 1.36370839120290507362e-02, Qa6 = 1.19844998467991074170e-02;
        // erfc on [1.25, 1/0.35) (Ra, Sa) and [1/0.35, 28) (Rb, Sb): R = Σ r_i s^i, S = Σ s_i s^i with s = 1/x².
        private const double Ra0 = -9.86494403484714822705e-03, Ra1 = -6.93858572707181764372e-01, Ra2 = -1.05586262253232909814e+01,
            Ra3 = -6.23753324503260060396e+01, Ra4 = -1.62396669462573470355e+02, Ra5 = -1.84605092906711035994e+02,
            Ra6 = -8.12874355063065934246e+01, Ra7 = -9.81432934416914548592e+00;
        private const double Sa0 = 1.0, Sa1 = 1.96512716674392571292e+01, Sa2 = 1.37657754143519042600e+02,
            Sa3 = 4.34565877475229228821e+02, Sa4 = 6.45387271733267880336e+02, Sa5 = 4.29008140027567833386e+02,
            Sa6 = 1.08635005541779435134e+02, Sa7 = 6.57024977031928170135e+00, Sa8 = -6.04244152148580987438e-02;
        private const double Rb0 = -9.86494292470009928597e-03, Rb1 = -7.99283237680523006574e-01, Rb2 = -1.77579549177547519889e+01,
            Rb3 = -1.60636384855821916062e+02, Rb4 = -6.37566443368389627722e+02, Rb5 = -1.02509513161107724954e+03,
            Rb6 = -4.83519191608651397019e+02, Rb7 = 0.0;
        private const double Sb0 = 1.0, Sb1 = 3.03380607434824582924e+01, Sb2 = 3.25792512996573918826e+02,
            Sb3 = 1.53672958608443695994e+03, Sb4 = 3.19985821950859553908e+03, Sb5 = 2.55305040643316442583e+03,
            Sb6 = 4.74528541206955367215e+02, Sb7 = -2.24409524465858183362e+01, Sb8 = 0.0;

        /// <summary>
        /// erfc(x) (fdlibm's s_erf.c): four rational approximations on |x| &lt; 0.84375, &lt; 1.25, &lt; 1/0.35, &lt; 28, each
        /// evaluated only when some lane needs it, so runs of nearby inputs pay for one; ≤ ~1 ulp plus the error of exp.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static V Erfc<V>(V x) where V : struct, ISimd<V>
        {
            var ax = V.Abs(x);
            var zero = V.Create(0.0);
            var one = V.Create(1.0);
            var negative = V.LessThan(x, zero);
            var result = zero;

            var near = V.LessThan(ax, V.Create(0.84375));
            if (V.Any(near))
            {
                var z = x * x;
                var r = Fma(Fma(Fma(Fma(V.Create(Pp4), z, Pp3), z, Pp2), z, Pp1), z, Pp0);
                var s = Fma(Fma(Fma(Fma(Fma(V.Create(Qq5), z, Qq4), z, Qq3), z, Qq2), z, Qq1), z, 1.0);
                var y = r / s;
                // Below 1/4 erf is small and 1 - erf is exact enough; above, 1/2 - (x - 1/2 + xy) avoids losing a bit.
                var low = one - (x + x * y);
                var high = V.Create(0.5) - (x - V.Create(0.5) + x * y);
                var lowSide = negative | V.LessThan(x, V.Create(0.25));
                result = V.Select(near, V.Select(lowSide, low, high), result);
            }

            var middle = V.AndNot(V.LessThan(ax, V.Create(1.25)), near);
            if (V.Any(middle))
            {
                var s = ax - one;
                var p = Fma(Fma(Fma(Fma(Fma(Fma(V.Create(Pa6), s, Pa5), s, Pa4), s, Pa3), s, Pa2), s, Pa1), s, Pa0);
                var q = Fma(Fma(Fma(Fma(Fma(Fma(V.Create(Qa6), s, Qa5), s, Qa4), s, Qa3), s, Qa2), s, Qa1), s, 1.0);
                var tail = one - V.Create(Erx) - p / q;
                result = V.Select(middle, V.Select(negative, V.Create(2.0) - tail, tail), result);
            }

            var far = V.GreaterThanOrEqual(ax, V.Create(1.25));
            if (V.Any(far))
            {
                // erfc(x) = e^(-x²-0.5625+R/S)/x; e^-x² is split as e^(-h²-0.5625)·e^((h-x)(h+x)+R/S) with h = x rounded
                // to 21 bits, so that h² is exact and no digit of the large exponent is lost.
                var a = V.Min(ax, V.Create(28.0));
                var inverse = one / a;
                var s = inverse * inverse;
                var first = V.LessThan(a, V.Create(1.0 / 0.35));
                var r = Pick(first, Ra7, Rb7);
                r = V.MultiplyAdd(r, s, Pick(first, Ra6, Rb6));
                r = V.MultiplyAdd(r, s, Pick(first, Ra5, Rb5));
                r = V.MultiplyAdd(r, s, Pick(first, Ra4, Rb4));
                r = V.MultiplyAdd(r, s, Pick(first, Ra3, Rb3));
                r = V.MultiplyAdd(r, s, Pick(first, Ra2, Rb2));
                r = V.MultiplyAdd(r, s, Pick(first, Ra1, Rb1));
                r = V.MultiplyAdd(r, s, Pick(first, Ra0, Rb0));
                var q = Pick(first, Sa8, Sb8);
                q = V.MultiplyAdd(q, s, Pick(first, Sa7, Sb7));
                q = V.MultiplyAdd(q, s, Pick(first, Sa6, Sb6));
                q = V.MultiplyAdd(q, s, Pick(first, Sa5, Sb5));
                q = V.MultiplyAdd(q, s, Pick(first, Sa4, Sb4));
                q = V.MultiplyAdd(q, s, Pick(first, Sa3, Sb3));
                q = V.MultiplyAdd(q, s, Pick(first, Sa2, Sb2));
                q = V.MultiplyAdd(q, s, Pick(first, Sa1, Sb1));
                q = V.MultiplyAdd(q, s, Pick(first, Sa0, Sb0));
                var h = a & V.CreateBits(unchecked((long)0xFFFFFFFF00000000UL));
                var tail = Exp(-h * h - V.Create(0.5625), (h - a) * (h + a) + r / q) * inverse;
                // Beyond 28, erfc underflows to 0 (and is 2 for x ≤ -28).
                tail = V.Select(V.LessThan(ax, V.Create(28.0)), tail, zero);
                result = V.Select(far, V.Select(negative, V.Create(2.0) - tail, tail), result);
            }
            return V.Select(V.EqualTo(x, x), result, x);
        }

        // The coefficient of the first set in lanes where the mask is set, else the second's.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static V Pick<V>(V mask, double first, double second) where V : struct, ISimd<V> => V.Select(mask, V.Create(first), V.Create(second));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static V Fma<V>(V a, V b, double c) where V : struct, ISimd<V> => V.MultiplyAdd(a, b, V.Create(c));
    }
}
