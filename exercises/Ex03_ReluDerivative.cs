using System;

namespace VanishingGradients.Exercises
{
    // ─── Exercise 3 · ReLU and its derivative over an array ────────────────────────────────────────
    // ReLU(z) = max(0, z). Its slope is 1 where z > 0 and 0 where z < 0. At z = 0 the derivative does not
    // exist; this course picks 0 there (the unit is "off"). Work element-wise over the whole array and
    // return a NEW array of the same length (do not overwrite the input).
    //
    // Expect: every active unit (z > 0) passes the gradient through unchanged, every inactive one blocks it.
    public static class Relu
    {
        public static double[] Value(double[] z)
        {
            // START CODE HERE
            throw new NotImplementedException("A new array with max(0, z[i]) in each slot.");
            // END CODE HERE
        }

        public static double[] Derivative(double[] z)
        {
            // START CODE HERE
            throw new NotImplementedException("A new array: 1.0 where z[i] > 0, otherwise 0.0 (z = 0 included).");
            // END CODE HERE
        }
    }
}
