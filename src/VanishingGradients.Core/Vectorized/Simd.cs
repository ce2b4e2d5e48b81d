using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace VanishingGradients.Vectorized
{
    /// <summary>The lane counts a kernel can run at. <see cref="Widest"/> is the widest the hardware accelerates.</summary>
    internal enum VectorWidth { Widest, Scalar, Bits128, Bits256, Bits512 }

    /// <summary>
    /// The lane operations the kernels use, implemented once per width (<see cref="Scalar"/>, <see cref="V128"/>,
    /// <see cref="V256"/>, <see cref="V512"/>), so that a kernel written once against <typeparamref name="V"/> is
    /// compiled for each (the pattern of System.Numerics.Tensors' operator structs, without writing every kernel three
    /// times). Every operation is lane-wise and IEEE-exact (FMA where the hardware fuses), so all widths give the same
    /// bits for the same input: where a point sits in a span, or which machine runs it, does not change its result.
    /// Comparisons return masks: lanes of all ones or all zeros.
    /// </summary>
    internal interface ISimd<V> where V : struct, ISimd<V>
    {
        static abstract int Count { get; }
        static abstract V Create(double value);
        /// <summary>A lane holding the bits of <paramref name="value"/>.</summary>
        static abstract V CreateBits(long value);
        static abstract V Load(ref double source, nuint index);
        void Store(ref double destination, nuint index);

        static abstract V operator +(V a, V b);
        static abstract V operator -(V a, V b);
        static abstract V operator *(V a, V b);
        static abstract V operator /(V a, V b);
        static abstract V operator -(V a);
        static abstract V operator &(V a, V b);
        static abstract V operator |(V a, V b);

        static abstract V Abs(V x);
        /// <summary>a·b + c, rounded once wherever the hardware fuses (then on every width alike).</summary>
        static abstract V MultiplyAdd(V a, V b, V c);
        /// <summary>The bare min/max instructions: no IEEE 754-2019 NaN and -0 handling, which callers that restore NaN lanes do not need.</summary>
        static abstract V Min(V a, V b);
        static abstract V Max(V a, V b);

        static abstract V EqualTo(V a, V b);
        static abstract V LessThan(V a, V b);
        static abstract V GreaterThan(V a, V b);
        static abstract V GreaterThanOrEqual(V a, V b);
        /// <summary>a &amp; ~b.</summary>
        static abstract V AndNot(V a, V b);
        /// <summary>Lanes of <paramref name="ifTrue"/> where <paramref name="mask"/> is set, else of <paramref name="ifFalse"/>.</summary>
        static abstract V Select(V mask, V ifTrue, V ifFalse);
        /// <summary>True when some lane of the mask is set.</summary>
        static abstract bool Any(V mask);

        // The lanes' bits as 64-bit integers, for building powers of two.
        static abstract V AddInt64(V a, V b);
        static abstract V SubtractInt64(V a, V b);
        static abstract V ShiftLeftInt64(V a, int count);
        static abstract V ShiftRightLogicalInt64(V a, int count);
    }

    /// <summary>One lane: the path of hardware without SIMD, and the reference the vector widths are tested against.</summary>
    internal readonly struct Scalar : ISimd<Scalar>
    {
        private readonly double _x;
        private Scalar(double x) => _x = x;
        private static Scalar Bits(long bits) => new(BitConverter.Int64BitsToDouble(bits));
        private long Int64 => BitConverter.DoubleToInt64Bits(_x);
        private static Scalar Mask(bool set) => Bits(set ? -1L : 0L);

        public static int Count => 1;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar Create(double value) => new(value);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar CreateBits(long value) => Bits(value);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar Load(ref double source, nuint index) => new(Unsafe.Add(ref source, index));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public void Store(ref double destination, nuint index) => Unsafe.Add(ref destination, index) = _x;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar operator +(Scalar a, Scalar b) => new(a._x + b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar operator -(Scalar a, Scalar b) => new(a._x - b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar operator *(Scalar a, Scalar b) => new(a._x * b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar operator /(Scalar a, Scalar b) => new(a._x / b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar operator -(Scalar a) => new(-a._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar operator &(Scalar a, Scalar b) => Bits(a.Int64 & b.Int64);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar operator |(Scalar a, Scalar b) => Bits(a.Int64 | b.Int64);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar Abs(Scalar x) => new(Math.Abs(x._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Scalar MultiplyAdd(Scalar a, Scalar b, Scalar c) =>
            new(Fma.IsSupported || AdvSimd.Arm64.IsSupported ? Math.FusedMultiplyAdd(a._x, b._x, c._x) : a._x * b._x + c._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar Min(Scalar a, Scalar b) => a._x < b._x ? a : b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar Max(Scalar a, Scalar b) => a._x > b._x ? a : b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar EqualTo(Scalar a, Scalar b) => Mask(a._x == b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar LessThan(Scalar a, Scalar b) => Mask(a._x < b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar GreaterThan(Scalar a, Scalar b) => Mask(a._x > b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar GreaterThanOrEqual(Scalar a, Scalar b) => Mask(a._x >= b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar AndNot(Scalar a, Scalar b) => Bits(a.Int64 & ~b.Int64);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar Select(Scalar mask, Scalar ifTrue, Scalar ifFalse) => mask.Int64 != 0 ? ifTrue : ifFalse;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Any(Scalar mask) => mask.Int64 != 0;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar AddInt64(Scalar a, Scalar b) => Bits(a.Int64 + b.Int64);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar SubtractInt64(Scalar a, Scalar b) => Bits(a.Int64 - b.Int64);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar ShiftLeftInt64(Scalar a, int count) => Bits(a.Int64 << count);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar ShiftRightLogicalInt64(Scalar a, int count) => Bits((long)((ulong)a.Int64 >> count));
    }

    /// <summary>Two lanes: SSE2 on x86, AdvSimd (NEON) on Arm64.</summary>
    internal readonly struct V128 : ISimd<V128>
    {
        private readonly Vector128<double> _x;
        private V128(Vector128<double> x) => _x = x;
        private static V128 Of(Vector128<long> bits) => new(bits.AsDouble());
        private Vector128<long> Int64 => _x.AsInt64();

        public static int Count => Vector128<double>.Count;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 Create(double value) => new(Vector128.Create(value));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 CreateBits(long value) => Of(Vector128.Create(value));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 Load(ref double source, nuint index) => new(Vector128.LoadUnsafe(ref source, index));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public void Store(ref double destination, nuint index) => _x.StoreUnsafe(ref destination, index);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 operator +(V128 a, V128 b) => new(a._x + b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 operator -(V128 a, V128 b) => new(a._x - b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 operator *(V128 a, V128 b) => new(a._x * b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 operator /(V128 a, V128 b) => new(a._x / b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 operator -(V128 a) => new(-a._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 operator &(V128 a, V128 b) => new(a._x & b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 operator |(V128 a, V128 b) => new(a._x | b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 Abs(V128 x) => new(Vector128.Abs(x._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V128 MultiplyAdd(V128 a, V128 b, V128 c)
        {
            if (Fma.IsSupported) return new(Fma.MultiplyAdd(a._x, b._x, c._x));
            if (AdvSimd.Arm64.IsSupported) return new(AdvSimd.Arm64.FusedMultiplyAdd(c._x, a._x, b._x));
            return new(a._x * b._x + c._x);
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V128 Min(V128 a, V128 b) => new(Sse2.IsSupported ? Sse2.Min(a._x, b._x) : Vector128.Min(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V128 Max(V128 a, V128 b) => new(Sse2.IsSupported ? Sse2.Max(a._x, b._x) : Vector128.Max(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 EqualTo(V128 a, V128 b) => new(Vector128.Equals(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 LessThan(V128 a, V128 b) => new(Vector128.LessThan(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 GreaterThan(V128 a, V128 b) => new(Vector128.GreaterThan(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 GreaterThanOrEqual(V128 a, V128 b) => new(Vector128.GreaterThanOrEqual(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 AndNot(V128 a, V128 b) => new(Vector128.AndNot(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 Select(V128 mask, V128 ifTrue, V128 ifFalse) => new(Vector128.ConditionalSelect(mask._x, ifTrue._x, ifFalse._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Any(V128 mask) => Vector128.ExtractMostSignificantBits(mask._x) != 0;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 AddInt64(V128 a, V128 b) => Of(a.Int64 + b.Int64);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 SubtractInt64(V128 a, V128 b) => Of(a.Int64 - b.Int64);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 ShiftLeftInt64(V128 a, int count) => Of(Vector128.ShiftLeft(a.Int64, count));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 ShiftRightLogicalInt64(V128 a, int count) => Of(Vector128.ShiftRightLogical(a.Int64, count));
    }

    /// <summary>Four lanes: AVX2 (+ FMA where present).</summary>
    internal readonly struct V256 : ISimd<V256>
    {
        private readonly Vector256<double> _x;
        private V256(Vector256<double> x) => _x = x;
        private static V256 Of(Vector256<long> bits) => new(bits.AsDouble());
        private Vector256<long> Int64 => _x.AsInt64();

        public static int Count => Vector256<double>.Count;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 Create(double value) => new(Vector256.Create(value));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 CreateBits(long value) => Of(Vector256.Create(value));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 Load(ref double source, nuint index) => new(Vector256.LoadUnsafe(ref source, index));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public void Store(ref double destination, nuint index) => _x.StoreUnsafe(ref destination, index);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 operator +(V256 a, V256 b) => new(a._x + b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 operator -(V256 a, V256 b) => new(a._x - b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 operator *(V256 a, V256 b) => new(a._x * b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 operator /(V256 a, V256 b) => new(a._x / b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 operator -(V256 a) => new(-a._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 operator &(V256 a, V256 b) => new(a._x & b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 operator |(V256 a, V256 b) => new(a._x | b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 Abs(V256 x) => new(Vector256.Abs(x._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V256 MultiplyAdd(V256 a, V256 b, V256 c) => new(Fma.IsSupported ? Fma.MultiplyAdd(a._x, b._x, c._x) : a._x * b._x + c._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V256 Min(V256 a, V256 b) => new(Avx.IsSupported ? Avx.Min(a._x, b._x) : Vector256.Min(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V256 Max(V256 a, V256 b) => new(Avx.IsSupported ? Avx.Max(a._x, b._x) : Vector256.Max(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 EqualTo(V256 a, V256 b) => new(Vector256.Equals(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 LessThan(V256 a, V256 b) => new(Vector256.LessThan(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 GreaterThan(V256 a, V256 b) => new(Vector256.GreaterThan(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 GreaterThanOrEqual(V256 a, V256 b) => new(Vector256.GreaterThanOrEqual(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 AndNot(V256 a, V256 b) => new(Vector256.AndNot(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 Select(V256 mask, V256 ifTrue, V256 ifFalse) => new(Vector256.ConditionalSelect(mask._x, ifTrue._x, ifFalse._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Any(V256 mask) => Vector256.ExtractMostSignificantBits(mask._x) != 0;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 AddInt64(V256 a, V256 b) => Of(a.Int64 + b.Int64);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 SubtractInt64(V256 a, V256 b) => Of(a.Int64 - b.Int64);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 ShiftLeftInt64(V256 a, int count) => Of(Vector256.ShiftLeft(a.Int64, count));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 ShiftRightLogicalInt64(V256 a, int count) => Of(Vector256.ShiftRightLogical(a.Int64, count));
    }

    /// <summary>Eight lanes: AVX-512F.</summary>
    internal readonly struct V512 : ISimd<V512>
    {
        private readonly Vector512<double> _x;
        private V512(Vector512<double> x) => _x = x;
        private static V512 Of(Vector512<long> bits) => new(bits.AsDouble());
        private Vector512<long> Int64 => _x.AsInt64();

        public static int Count => Vector512<double>.Count;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 Create(double value) => new(Vector512.Create(value));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 CreateBits(long value) => Of(Vector512.Create(value));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 Load(ref double source, nuint index) => new(Vector512.LoadUnsafe(ref source, index));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public void Store(ref double destination, nuint index) => _x.StoreUnsafe(ref destination, index);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 operator +(V512 a, V512 b) => new(a._x + b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 operator -(V512 a, V512 b) => new(a._x - b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 operator *(V512 a, V512 b) => new(a._x * b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 operator /(V512 a, V512 b) => new(a._x / b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 operator -(V512 a) => new(-a._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 operator &(V512 a, V512 b) => new(a._x & b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 operator |(V512 a, V512 b) => new(a._x | b._x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 Abs(V512 x) => new(Vector512.Abs(x._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 MultiplyAdd(V512 a, V512 b, V512 c) => new(Avx512F.FusedMultiplyAdd(a._x, b._x, c._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 Min(V512 a, V512 b) => new(Avx512F.Min(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 Max(V512 a, V512 b) => new(Avx512F.Max(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 EqualTo(V512 a, V512 b) => new(Vector512.Equals(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 LessThan(V512 a, V512 b) => new(Vector512.LessThan(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 GreaterThan(V512 a, V512 b) => new(Vector512.GreaterThan(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 GreaterThanOrEqual(V512 a, V512 b) => new(Vector512.GreaterThanOrEqual(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 AndNot(V512 a, V512 b) => new(Vector512.AndNot(a._x, b._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 Select(V512 mask, V512 ifTrue, V512 ifFalse) => new(Vector512.ConditionalSelect(mask._x, ifTrue._x, ifFalse._x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Any(V512 mask) => Vector512.ExtractMostSignificantBits(mask._x) != 0;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 AddInt64(V512 a, V512 b) => Of(a.Int64 + b.Int64);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 SubtractInt64(V512 a, V512 b) => Of(a.Int64 - b.Int64);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 ShiftLeftInt64(V512 a, int count) => Of(Vector512.ShiftLeft(a.Int64, count));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 ShiftRightLogicalInt64(V512 a, int count) => Of(Vector512.ShiftRightLogical(a.Int64, count));
    }
}
