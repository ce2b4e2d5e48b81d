using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace VanishingGradients.PowerShell
{
    /// <summary>
    /// Matrices as the shell hands them over: a double[,] (e.g. from a NumpyRandom's Randn), a list of rows (jagged
    /// arrays), or a flat list of numbers, which the pipeline makes of any array, a double[,] included (row by row).
    /// </summary>
    internal static class Matrices
    {
        /// <summary>
        /// The matrix <paramref name="value"/> stands for. Numbers fill <paramref name="rows"/> rows row by row, like numpy's
        /// reshape(rows, -1); with no row count they form one column. Anything else is a FormatException that says why.
        /// </summary>
        public static double[,] From(object? value, int? rows, string name)
        {
            value = Unwrap(value);
            if (value is double[,] m) return m;
            if (value is Array { Rank: 2 } other) return Convert2D(other, name);
            var items = Items(value, name);
            if (items.Count == 0) throw new FormatException($"-{name} is empty.");
            if (items.TrueForAll(IsList)) return FromRows(items, name);
            var numbers = new double[items.Count];
            for (int i = 0; i < numbers.Length; i++) numbers[i] = Number(items[i], name, $"value {i + 1}");
            int r = rows ?? numbers.Length;
            if (numbers.Length % r != 0)
                throw new FormatException($"-{name} has {numbers.Length} numbers, which do not fill {r} rows; give a matrix or a list of rows.");
            var result = new double[r, numbers.Length / r];
            Buffer.BlockCopy(numbers, 0, result, 0, numbers.Length * sizeof(double));
            return result;
        }

        private static object? Unwrap(object? value) => value is PSObject p ? p.BaseObject : value;

        private static bool IsList(object? item) => Unwrap(item) is IEnumerable and not string;

        private static List<object?> Items(object? value, string name)
        {
            if (value == null) throw new FormatException($"-{name} is null.");
            var items = new List<object?>();
            if (value is IEnumerable e and not string) foreach (var item in e) items.Add(item);
            else items.Add(value);
            return items;
        }

        private static double[,] FromRows(List<object?> rows, string name)
        {
            var values = rows.ConvertAll(r => Items(Unwrap(r), name));
            int cols = values[0].Count;
            if (cols == 0) throw new FormatException($"-{name} has an empty row.");
            var m = new double[values.Count, cols];
            for (int i = 0; i < values.Count; i++)
            {
                if (values[i].Count != cols) throw new FormatException($"-{name} has rows of different lengths ({cols} and {values[i].Count}).");
                for (int j = 0; j < cols; j++) m[i, j] = Number(values[i][j], name, $"row {i + 1}, column {j + 1}");
            }
            return m;
        }

        private static double[,] Convert2D(Array a, string name)
        {
            var m = new double[a.GetLength(0), a.GetLength(1)];
            for (int i = 0; i < m.GetLength(0); i++)
                for (int j = 0; j < m.GetLength(1); j++) m[i, j] = Number(a.GetValue(i, j), name, $"row {i + 1}, column {j + 1}");
            return m;
        }

        private static double Number(object? item, string name, string where)
        {
            item = Unwrap(item);
            if (item is null or IEnumerable and not string) throw new FormatException($"-{name}: {where} is not a number.");
            try
            {
                return LanguagePrimitives.ConvertTo<double>(item);
            }
            catch (PSInvalidCastException e)
            {
                throw new FormatException($"-{name}: {where} ('{item}') is not a number.", e);
            }
        }
    }
}
