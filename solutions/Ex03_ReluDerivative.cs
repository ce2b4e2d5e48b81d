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
            // BEGIN SOLUTION: A new array with max(0, z[i]) in each slot.
            var a = new double[z.Length];
            for (int i = 0; i < z.Length; i++) a[i] = z[i] > 0 ? z[i] : 0.0;
            return a;
            // END SOLUTION
            // END CODE HERE
        }

        public static double[] Derivative(double[] z)
        {
            // START CODE HERE
            // BEGIN SOLUTION: A new array: 1.0 where z[i] > 0, otherwise 0.0 (z = 0 included).
            var d = new double[z.Length];
            for (int i = 0; i < z.Length; i++) d[i] = z[i] > 0 ? 1.0 : 0.0;
            return d;
            // END SOLUTION
            // END CODE HERE
        }
    }
}
