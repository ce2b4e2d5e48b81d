using System;

namespace VanishingGradients.Exercises
{
    // ─── Exercise 6 · Tanh against ReLU ────────────────────────────────────────────────────────────
    // On 100 points of [-5, 5] (both ends included) put the two gradients side by side, using exercises 1,
    // 3 and 5. Then summarise what the plot shows:
    //  • MaxTanhGradient: the largest tanh'(x) on the grid, just under 1 (0 itself is not a grid point);
    //  • CountTanhBelow(threshold): on how many points tanh'(x) < threshold (saturated units);
    //  • CountReluActive: on how many points ReLU'(x) is 1 (the 50 positive inputs).
    public sealed class GradientComparison
    {
        public double[] X { get; }
        public double[] TanhGradient { get; }
        public double[] ReluGradient { get; }

        private GradientComparison(double[] x, double[] tanhGradient, double[] reluGradient)
        {
            X = x;
            TanhGradient = tanhGradient;
            ReluGradient = reluGradient;
        }

        /// <summary>The grid and both gradients on it.</summary>
        public static GradientComparison Build()
        {
            // START CODE HERE
            // BEGIN SOLUTION: Linspace(-5, 5, 100), then TanhUnit.Derivative per point and Relu.Derivative on the array.
            double[] x = DataGrid.Linspace(-5, 5, 100);
            var tanh = new double[x.Length];
            for (int i = 0; i < x.Length; i++) tanh[i] = TanhUnit.Derivative(x[i]);
            return new GradientComparison(x, tanh, Relu.Derivative(x));
            // END SOLUTION
            // END CODE HERE
        }

        public double MaxTanhGradient()
        {
            // START CODE HERE
            // BEGIN SOLUTION: The maximum over TanhGradient.
            double max = double.NegativeInfinity;
            foreach (double g in TanhGradient) max = Math.Max(max, g);
            return max;
            // END SOLUTION
            // END CODE HERE
        }

        public int CountTanhBelow(double threshold)
        {
            // START CODE HERE
            // BEGIN SOLUTION: Count the entries of TanhGradient that are < threshold.
            int n = 0;
            foreach (double g in TanhGradient) if (g < threshold) n++;
            return n;
            // END SOLUTION
            // END CODE HERE
        }

        public int CountReluActive()
        {
            // START CODE HERE
            // BEGIN SOLUTION: Count the entries of ReluGradient equal to 1.
            int n = 0;
            foreach (double g in ReluGradient) if (g == 1.0) n++;
            return n;
            // END SOLUTION
            // END CODE HERE
        }
    }
}
