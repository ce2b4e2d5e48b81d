using System;

namespace VanishingGradients.Exercises
{
    // ─── Exercise 8 · Multiplying small numbers ───────────────────────────────────────────────────
    // This is not back-propagation yet, only its arithmetic: take one local gradient g and multiply it
    // by itself step after step. Entry k-1 of the result holds g^k (the product after k steps), computed by
    // repeated multiplication in a loop, exactly as the lab does.
    //
    // With g = sigmoid'(0) = 0.25 and 6 steps the lab prints
    //   0.25, 0.0625, 0.015625, 0.00390625, 0.0009765625, 0.000244140625.
    // SigmoidAt(x, steps) does the same with g = sigmoid'(x) (exercise 2): try x = 2 and watch it fall faster.
    // Fewer than 1 step makes no sense: throw ArgumentOutOfRangeException.
    public static class DecayLoop
    {
        public static double[] Cumulative(double localGradient, int steps)
        {
            // START CODE HERE
            // BEGIN SOLUTION: Keep a running product starting at 1; multiply by g each step and store it.
            if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "Take at least one step.");
            var products = new double[steps];
            double product = 1.0;
            for (int k = 0; k < steps; k++)
            {
                product *= localGradient;
                products[k] = product;
            }
            return products;
            // END SOLUTION
            // END CODE HERE
        }

        public static double[] SigmoidAt(double x, int steps)
        {
            // START CODE HERE
            // BEGIN SOLUTION: Cumulative(sigmoid'(x), steps).
            return Cumulative(SigmoidFromOutput.Gradient(x), steps);
            // END SOLUTION
            // END CODE HERE
        }
    }
}
