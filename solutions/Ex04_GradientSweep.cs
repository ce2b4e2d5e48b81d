using System;

namespace VanishingGradients.Exercises
{
    // ─── Exercise 4 · Sigmoid and ReLU gradients over a wide grid ──────────────────────────────────
    // Reuse your answers to exercises 1–3: build 400 points on [-10, 10] (both ends included) and compute
    // both gradients at every point.
    //
    // What the lab wants you to see: the sigmoid gradient peaks at about 0.25 in the middle and is almost 0
    // (≈ 4.5e-5) at both ends of the grid, while the ReLU gradient is exactly 1 on the 200 positive points.
    public static class GradientSweep
    {
        /// <summary>400 evenly spaced points on [-10, 10].</summary>
        public static double[] Inputs()
        {
            // START CODE HERE
            // BEGIN SOLUTION: One call to your Linspace from exercise 1.
            return DataGrid.Linspace(-10, 10, 400);
            // END SOLUTION
            // END CODE HERE
        }

        /// <summary>sigmoid'(x) at every x (use the gradient-from-output form of exercise 2).</summary>
        public static double[] SigmoidGradients(double[] x)
        {
            // START CODE HERE
            // BEGIN SOLUTION: A new array with SigmoidFromOutput.Gradient(x[i]) in each slot.
            var g = new double[x.Length];
            for (int i = 0; i < x.Length; i++) g[i] = SigmoidFromOutput.Gradient(x[i]);
            return g;
            // END SOLUTION
            // END CODE HERE
        }

        /// <summary>ReLU'(x) at every x (exercise 3).</summary>
        public static double[] ReluGradients(double[] x)
        {
            // START CODE HERE
            // BEGIN SOLUTION: Your Relu.Derivative from exercise 3 does exactly this.
            return Relu.Derivative(x);
            // END SOLUTION
            // END CODE HERE
        }
    }
}
