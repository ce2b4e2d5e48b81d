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
            throw new NotImplementedException("Find the max, exponentiate z_i - max, divide by the sum.");
            // END CODE HERE
        }

        public static double[,] Jacobian(double[] z)
        {
            // START CODE HERE
            throw new NotImplementedException("p = Evaluate(z); J[i,j] = p_i*((i == j ? 1 : 0) - p_j).");
            // END CODE HERE
        }
    }
}
