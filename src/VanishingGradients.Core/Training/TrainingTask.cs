using System;

namespace VanishingGradients
{
    /// <summary>
    /// A regression task for <see cref="TrainingExperiment"/>: inputs features × samples and targets outputs × samples
    /// (columns are samples, as in a pass).
    /// </summary>
    public sealed record TrainingTask
    {
        /// <summary>A task from explicit inputs and targets with the same number of columns, every value finite.</summary>
        public TrainingTask(double[,] input, double[,] target)
        {
            if (input == null) throw new ArgumentNullException(nameof(input));
            if (target == null) throw new ArgumentNullException(nameof(target));
            if (input.GetLength(1) != target.GetLength(1))
                throw new ArgumentException($"The input has {input.GetLength(1)} samples (columns) but the target {target.GetLength(1)}.", nameof(target));
            Network.Flatten(input, "input");
            Network.Flatten(target, "target");
            Input = input;
            Target = target;
        }

        public double[,] Input { get; }
        public double[,] Target { get; }
        public int Features => Input.GetLength(0);
        public int Outputs => Target.GetLength(0);
        public int Samples => Input.GetLength(1);

        /// <summary>
        /// The teacher task: x = randn(features, samples), U = randn(units, features)/√features, v = randn(1, units)/√units,
        /// y = v·tanh(U·x), drawn in that order (numpy's order with a <see cref="NumpyRandom"/>). A smooth target of variance
        /// about 0.2 that a network must read from every input to fit: predicting the mean leaves a loss near 0.09.
        /// </summary>
        public static TrainingTask Teacher(Random random, int features = 10, int samples = 64, int units = 4)
        {
            if (random == null) throw new ArgumentNullException(nameof(random));
            Guard.InRange(features, 1, 10_000, nameof(features));
            Guard.InRange(samples, 1, 1_000_000, nameof(samples));
            Guard.InRange(units, 1, 10_000, nameof(units));
            if ((long)features * samples > Network.MaxWeights)
                throw new ArgumentOutOfRangeException(nameof(samples), samples, "Features × samples is too large to hold in memory.");
            var x = Draw(random, features, samples, 1.0);
            var u = Draw(random, units, features, Math.Sqrt(features));
            var v = Draw(random, 1, units, Math.Sqrt(units));
            var y = new double[1, samples];
            for (int s = 0; s < samples; s++)
            {
                double sum = 0.0;
                for (int k = 0; k < units; k++)
                {
                    double z = 0.0;
                    for (int j = 0; j < features; j++) z += u[k, j] * x[j, s];
                    sum += v[0, k] * Math.Tanh(z);
                }
                y[0, s] = sum;
            }
            return new TrainingTask(x, y);
        }

        // randn(rows, cols) / divisor, filled row by row.
        private static double[,] Draw(Random random, int rows, int cols, double divisor)
        {
            var m = new double[rows, cols];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++) m[i, j] = Initializers.Gaussian(random) / divisor;
            return m;
        }
    }
}
