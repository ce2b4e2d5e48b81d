using System;

namespace VanishingGradients
{
    /// <summary>Softmax over a vector, p_i = e^(x_i - max x) / Σ_j e^(x_j - max x), and its Jacobian diag(p) - ppᵀ.</summary>
    public static class Softmax
    {
        /// <summary>p = softmax(x); finite for every finite x (the max is subtracted first). Sums to 1.</summary>
        public static double[] Evaluate(ReadOnlySpan<double> x)
        {
            var p = new double[x.Length];
            Evaluate(x, p);
            return p;
        }

        /// <summary>
        /// p = softmax(x) for an array. Same as the span overload; it lets callers without implicit array-to-span
        /// conversion at every call site (F# when the argument is an expression such as <c>Array.map f xs</c>,
        /// PowerShell) pass an array directly.
        /// </summary>
        public static double[] Evaluate(double[] x)
        {
            if (x == null) throw new ArgumentNullException(nameof(x));
            return Evaluate(new ReadOnlySpan<double>(x));
        }

        /// <summary>Writes softmax(x) into <paramref name="destination"/>.</summary>
        public static void Evaluate(ReadOnlySpan<double> x, Span<double> destination)
        {
            if (x.IsEmpty) throw new ArgumentException("Softmax needs at least one input.", nameof(x));
            if (destination.Length < x.Length) throw new ArgumentException("The destination is shorter than the input.", nameof(destination));
            var p = destination.Slice(0, x.Length);
            double max = double.NegativeInfinity, sum = 0.0;
            foreach (double v in x) max = Math.Max(max, v);
            for (int i = 0; i < p.Length; i++) sum += p[i] = Math.Exp(x[i] - max);
            for (int i = 0; i < p.Length; i++) p[i] /= sum;
        }

        /// <summary>∂p_i/∂x_j = p_i(δ_ij - p_j), as a square array.</summary>
        public static double[,] Jacobian(ReadOnlySpan<double> x)
        {
            var p = Evaluate(x);
            int n = p.Length;
            var j = new double[n, n];
            for (int r = 0; r < n; r++)
                for (int c = 0; c < n; c++)
                    j[r, c] = (r == c ? p[r] : 0.0) - p[r] * p[c];
            return j;
        }
    }
}
