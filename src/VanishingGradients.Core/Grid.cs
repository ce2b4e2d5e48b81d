using System;

namespace VanishingGradients
{
    /// <summary>The evenly spaced inputs the labs plot over, computed exactly as numpy's linspace and arange.</summary>
    public static class Grid
    {
        /// <summary>Largest grid a caller may ask for: 100 million points (800 MB of doubles).</summary>
        public const long MaxPoints = 100_000_000;

        /// <summary>Number of points of linspace after validating its arguments.</summary>
        public static int LinspaceCount(double start, double end, long count)
        {
            Guard.Finite(start, nameof(start));
            Guard.Finite(end, nameof(end));
            if (start > end) throw new ArgumentException($"Start ({start}) is greater than End ({end}).", nameof(start));
            if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "Count must be at least 1.");
            if (count > MaxPoints) throw new ArgumentOutOfRangeException(nameof(count), count, $"Count must be at most {MaxPoints:N0}.");
            if (count > 1 && double.IsInfinity(end - start))
                throw new ArgumentException("End - Start overflows a double.", nameof(end));
            return (int)count;
        }

        /// <summary>
        /// <paramref name="count"/> points from <paramref name="start"/> to <paramref name="end"/>, both included:
        /// x_i = start + i·(end-start)/(count-1), with the last point exactly <paramref name="end"/>.
        /// </summary>
        public static double[] Linspace(double start, double end, long count)
        {
            var x = new double[LinspaceCount(start, end, count)];
            FillLinspace(start, end, x.Length, 0, x);
            return x;
        }

        /// <summary>Points <paramref name="offset"/>.. of linspace(start, end, count) into <paramref name="destination"/> (for streaming in chunks).</summary>
        public static void FillLinspace(double start, double end, int count, int offset, Span<double> destination)
        {
            if (count == 1) { if (offset == 0 && destination.Length > 0) destination[0] = start; return; }
            double step = (end - start) / (count - 1);
            for (int k = 0; k < destination.Length; k++)
            {
                int i = offset + k;
                destination[k] = i == count - 1 ? end : i * step + start;
            }
        }

        /// <summary>Number of points of arange after validating its arguments, at most <see cref="MaxPoints"/> (a grid to hold in memory).</summary>
        public static int ArangeCount(double start, double end, double step)
        {
            long n = ArangeLength(start, end, step);
            if (n > MaxPoints) throw new ArgumentOutOfRangeException(nameof(step), step, $"The grid would have {n:N0} points; at most {MaxPoints:N0} are allowed.");
            return (int)n;
        }

        /// <summary>
        /// Number of points of arange after validating its arguments, without a cap: for streaming with
        /// <see cref="FillArange"/>. Beyond 2^53 points i·δ would no longer be exact, so that is the limit.
        /// </summary>
        public static long ArangeLength(double start, double end, double step)
        {
            Guard.Finite(start, nameof(start));
            Guard.Finite(end, nameof(end));
            Guard.Finite(step, nameof(step));
            if (step == 0.0) throw new ArgumentOutOfRangeException(nameof(step), step, "Step must not be zero.");
            double n = Math.Ceiling((end - start) / step);
            if (double.IsInfinity(end - start)) throw new ArgumentException("End - Start overflows a double.", nameof(end));
            if (n < 1) throw new ArgumentException($"The range [{start}, {end}) with step {step} is empty.", nameof(end));
            if (n > MaxStreamedPoints) throw new ArgumentOutOfRangeException(nameof(step), step, $"The grid would have {n:G4} points; at most 2^53 can be numbered exactly.");
            return (long)n;
        }

        private const double MaxStreamedPoints = 9007199254740992.0; // 2^53

        /// <summary>
        /// start, start+step, ... while below <paramref name="end"/> (half-open). Like numpy, x_i = start + i·δ with
        /// δ = (start+step) - start, the step as rounded at the second point, so the values match numpy's bit for bit.
        /// </summary>
        public static double[] Arange(double start, double end, double step)
        {
            var x = new double[ArangeCount(start, end, step)];
            FillArange(start, step, 0, x);
            return x;
        }

        /// <summary>Points <paramref name="offset"/>.. of arange(start, ·, step) into <paramref name="destination"/> (for streaming in chunks).</summary>
        public static void FillArange(double start, double step, long offset, Span<double> destination)
        {
            double delta = (start + step) - start;
            for (int k = 0; k < destination.Length; k++)
            {
                long i = offset + k;
                destination[k] = i == 0 ? start : start + i * delta;
            }
        }
    }
}
