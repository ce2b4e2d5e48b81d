using System;

namespace VanishingGradients.Exercises
{
    /// <summary>Given helpers (not an exercise): the two matrix-vector products a small network needs.</summary>
    public static class LinearAlgebra
    {
        /// <summary>W·v for W of shape [rows, columns] and v of length columns.</summary>
        public static double[] Multiply(double[,] w, double[] v)
        {
            int rows = w.GetLength(0), cols = w.GetLength(1);
            if (v.Length != cols) throw new ArgumentException($"W has {cols} columns but the vector has {v.Length} entries.", nameof(v));
            var result = new double[rows];
            for (int i = 0; i < rows; i++)
            {
                double sum = 0.0;
                for (int j = 0; j < cols; j++) sum += w[i, j] * v[j];
                result[i] = sum;
            }
            return result;
        }

        /// <summary>Wᵀ·v for W of shape [rows, columns] and v of length rows.</summary>
        public static double[] MultiplyTransposed(double[,] w, double[] v)
        {
            int rows = w.GetLength(0), cols = w.GetLength(1);
            if (v.Length != rows) throw new ArgumentException($"W has {rows} rows but the vector has {v.Length} entries.", nameof(v));
            var result = new double[cols];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++)
                    result[j] += w[i, j] * v[i];
            return result;
        }

        /// <summary>The Euclidean norm √(Σ vᵢ²).</summary>
        public static double Norm(double[] v)
        {
            double sum = 0.0;
            foreach (double x in v) sum += x * x;
            return Math.Sqrt(sum);
        }
    }
}
