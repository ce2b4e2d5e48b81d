using System;
using System.Collections.Generic;

namespace VanishingGradients.Charts
{
    /// <summary>
    /// The points of a series as both renderers draw them: y in axis units (log10 y on a log axis), and only the points
    /// the axis can show. A zero gradient norm (a dead ReLU network) has no place on a log axis, so it is left out
    /// rather than drawn at some arbitrary floor.
    /// </summary>
    public static class Drawable
    {
        /// <summary>y in axis units, or null when the axis cannot show it.</summary>
        public static double? AxisY(double y, bool logY)
        {
            if (double.IsNaN(y) || double.IsInfinity(y)) return null;
            if (!logY) return y;
            return y > 0 ? Math.Log10(y) : (double?)null;
        }

        /// <summary>The drawable points of a series, in order: (x, y in axis units, index in the series).</summary>
        public static IReadOnlyList<(double X, double Y, int Index)> Points(Series series, bool logY)
        {
            var points = new List<(double, double, int)>(series.X.Count);
            for (int i = 0; i < series.X.Count; i++)
            {
                double x = series.X[i];
                if (double.IsNaN(x) || double.IsInfinity(x)) continue;
                if (AxisY(series.Y[i], logY) is double y) points.Add((x, y, i));
            }
            return points;
        }

        /// <summary>What a legend adds to a series with no drawable point, so the reader learns why it is missing.</summary>
        public static string NothingNote(bool logY) => logY ? " (all 0: not on a log axis)" : " (no finite value)";

        /// <summary>What a panel with nothing drawable says instead of showing bare axes (a dead ReLU network has norms of exactly 0).</summary>
        public static string EmptyPanelNote(bool logY) => logY ? "all values are 0: none fits a log axis" : "no finite values";

        /// <summary>Axis-unit label of a tick: the number itself, or the power of ten it stands for on a log axis.</summary>
        public static string TickLabel(double axisValue, bool logY)
        {
            if (!logY) return Format.Number(axisValue);
            double rounded = Math.Round(axisValue);
            return Math.Abs(axisValue - rounded) < 1e-9 ? "10" + Format.Superscript((int)rounded) : Format.Number(Math.Pow(10, axisValue));
        }
    }
}
