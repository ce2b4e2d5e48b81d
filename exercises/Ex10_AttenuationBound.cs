using System;

namespace VanishingGradients.Exercises
{
    // ─── Exercise 10 · How much gradient can survive k layers? ────────────────────────────────────
    // Every layer multiplies the gradient by f'(z) (times a weight). With weights of size about 1, the most a
    // gradient can keep after k layers is (max |f'|)^k. For sigmoid, max f' = 1/4:
    //   k = 1: 0.25   k = 3: 0.015625   k = 5: 9.765625e-4   k = 10: 9.5367431640625e-7   k = 20: 9.094947017729282e-13
    // (ten sigmoid layers train the first layer about a million times slower). For tanh and ReLU the bound is 1.
    //
    //  • Bound(maxDerivative, layers) = maxDerivative^layers; layers < 1 → ArgumentOutOfRangeException.
    //  • MaxAbsDerivative(derivative, grid): the largest |f'(x)| over the grid points, a numerical estimate of
    //    max |f'| (on Linspace(-5, 5, 1001) you get 0.25 for sigmoid and 1 for tanh).
    public static class Attenuation
    {
        public static double Bound(double maxDerivative, int layers)
        {
            // START CODE HERE
            throw new NotImplementedException("Math.Pow(maxDerivative, layers) after checking layers >= 1.");
            // END CODE HERE
        }

        public static double MaxAbsDerivative(Func<double, double> derivative, double[] grid)
        {
            // START CODE HERE
            throw new NotImplementedException("Loop over the grid keeping the largest Math.Abs(derivative(x)).");
            // END CODE HERE
        }
    }
}
