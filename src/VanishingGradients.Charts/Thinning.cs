using System;
using System.Collections.Generic;
using System.Linq;

namespace VanishingGradients.Charts
{
    /// <summary>
    /// Cuts a line series down to what an image of a given width can show: per pixel column the first, lowest, highest
    /// and last point, in order. The drawn line is the same to the pixel (spikes included), and a chart of millions of
    /// points writes as quickly and as small as one of thousands.
    /// </summary>
    public static class Thinning
    {
        /// <summary>The panel with every line series thinned to <paramref name="columns"/> pixel columns.</summary>
        public static Panel Thin(Panel panel, int columns) =>
            panel with { Series = panel.Series.Select(s => Thin(s, columns, panel.LogY)).ToList() };

        /// <summary>
        /// The series thinned to <paramref name="columns"/> columns over its x range (at most four points each); bars,
        /// and series already that small, are returned as they are. y is compared in axis units (log10 on a log axis).
        /// </summary>
        public static Series Thin(Series series, int columns, bool logY)
        {
            if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "At least one column is needed.");
            var points = Drawable.Points(series, logY);
            if (series.Style == SeriesStyle.Bars || points.Count <= 4 * columns) return series;
            double min = points.Min(p => p.X), max = points.Max(p => p.X), width = max - min;
            var keep = new List<int>(4 * columns + 8);
            int start = 0;
            for (int i = 1; i <= points.Count; i++)
            {
                if (i < points.Count && Column(points[i].X) == Column(points[start].X)) continue;
                KeepRun(points, start, i, keep);
                start = i;
            }
            return Subset(series, keep);

            int Column(double x) => width > 0 ? Math.Min(columns - 1, (int)((x - min) / width * columns)) : 0;
        }

        // The first, lowest, highest and last point of points[from..to), in order, once each.
        private static void KeepRun(IReadOnlyList<(double X, double Y, int Index)> points, int from, int to, List<int> keep)
        {
            int low = from, high = from;
            for (int i = from + 1; i < to; i++)
            {
                if (points[i].Y < points[low].Y) low = i;
                if (points[i].Y > points[high].Y) high = i;
            }
            foreach (int i in new[] { from, low, high, to - 1 }.Distinct().OrderBy(i => i)) keep.Add(points[i].Index);
        }

        private static Series Subset(Series s, List<int> keep)
        {
            double[] Pick(IReadOnlyList<double> values) => keep.Select(i => values[i]).ToArray();
            return new Series(s.Label, Pick(s.X), Pick(s.Y), s.Style, s.Colour, s.Pattern)
            {
                BandLow = s.BandLow == null ? null : Pick(s.BandLow),
                BandHigh = s.BandHigh == null ? null : Pick(s.BandHigh),
            };
        }
    }
}
