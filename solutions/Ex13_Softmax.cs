using System;

namespace VanishingGradients.Exercises
{
    // ─── Exercise 13 · Softmax and its Jacobian ───────────────────────────────────────────────────
    // softmax(z)_i = e^(z_i) / Σ_j e^(z_j) turns a vector of scores into probabilities: every entry in (0, 1),
    // summing to 1 (the lab checks exactly that). e^1000 overflows, so subtract max(z) from every score first:
    // the result is unchanged and softmax([1000, 1001, 1002]) = softmax([0, 1, 2]) ≈ [0.090, 0.245, 0.665].
    //
    // Beyond the lab: softmax is vector-valued, so its derivative is a matrix, the Jacobian
    //   J[i, j] = ∂p_i/∂z_j = p_i·(δ_ij - p_j),   i.e.  J = diag(p) - p·pᵀ.
    // Every row of J sums to 0 (the outputs always sum to 1, whatever z does).
    // An empty vector has no softmax: throw ArgumentException. A NaN score makes every output NaN.
    public static class Softmax
    {
        public static double[] Evaluate(double[] z)
        {
            // START CODE HERE
            // BEGIN SOLUTION: Find the max, exponentiate z_i - max, divide by the sum.
            if (z.Length == 0) throw new ArgumentException("Softmax needs at least one score.", nameof(z));
            double max = double.NegativeInfinity;
            foreach (double v in z)
            {
                if (double.IsNaN(v)) { var nan = new double[z.Length]; Array.Fill(nan, double.NaN); return nan; }
                max = Math.Max(max, v);
            }
            var p = new double[z.Length];
            double sum = 0.0;
            for (int i = 0; i < z.Length; i++) { p[i] = Math.Exp(z[i] - max); sum += p[i]; }
            for (int i = 0; i < p.Length; i++) p[i] /= sum;
            return p;
            // END SOLUTION
            // END CODE HERE
        }

        public static double[,] Jacobian(double[] z)
        {
            // START CODE HERE
            // BEGIN SOLUTION: p = Evaluate(z); J[i,j] = p_i*((i == j ? 1 : 0) - p_j).
            double[] p = Evaluate(z);
            var j = new double[p.Length, p.Length];
            for (int r = 0; r < p.Length; r++)
                for (int c = 0; c < p.Length; c++)
                    j[r, c] = p[r] * ((r == c ? 1.0 : 0.0) - p[c]);
            return j;
            // END SOLUTION
            // END CODE HERE
        }
    }
}
