using System;

namespace VanishingGradients.Exercises
{
    /// <summary>
    /// Given helper (not an exercise): a seeded source of N(0, 1) samples (Box–Muller), so that the same seed
    /// gives the same network on every machine and the graders can check your numbers.
    /// </summary>
    public sealed class Gaussian
    {
        private readonly Random _random;
        private double? _spare;

        public Gaussian(int seed) => _random = new Random(seed);

        /// <summary>The next N(0, 1) sample.</summary>
        public double Next()
        {
            if (_spare is double s) { _spare = null; return s; }
            double u1 = 1.0 - _random.NextDouble(); // in (0, 1]: log(u1) is finite
            double u2 = _random.NextDouble();
            double r = Math.Sqrt(-2.0 * Math.Log(u1));
            _spare = r * Math.Sin(2.0 * Math.PI * u2);
            return r * Math.Cos(2.0 * Math.PI * u2);
        }

        /// <summary>A rows × columns matrix of N(0, std²) samples, filled row by row.</summary>
        public double[,] Matrix(int rows, int columns, double std)
        {
            if (rows < 1 || columns < 1) throw new ArgumentOutOfRangeException(nameof(rows), "A matrix needs at least one row and one column.");
            var m = new double[rows, columns];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++)
                    m[i, j] = std * Next();
            return m;
        }

        /// <summary>A vector of <paramref name="length"/> N(0, 1) samples.</summary>
        public double[] Vector(int length)
        {
            var v = new double[length];
            for (int i = 0; i < length; i++) v[i] = Next();
            return v;
        }
    }
}
