using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace VanishingGradients.Charts
{
    /// <summary>
    /// Draws a <see cref="Chart"/> as lines of text with braille characters, for a quick look in a terminal. Panels are
    /// stacked (terminals are narrow); series differ by dash pattern, and by colour when ANSI colours are asked for.
    /// Bands are left out: a mean line reads better at this resolution than a shaded area.
    /// </summary>
    public static class TerminalRenderer
    {
        public const int DefaultWidth = 80, DefaultHeight = 14, MinWidth = 30, MinHeight = 4;
        // The ANSI foreground colours closest to ScottPlot's Category10 palette, in the same order.
        private static readonly int[] AnsiColours = { 34, 33, 32, 31, 35, 91, 95, 90, 93, 36 };
        private static readonly string[] PatternGlyphs = { "──", "╌╌", "┈┈" };

        /// <summary>
        /// The chart in at most <paramref name="width"/> columns; each panel's plot area is <paramref name="height"/> rows.
        /// With <paramref name="colour"/>, series get ANSI colours (for terminals that support them).
        /// </summary>
        public static IReadOnlyList<string> Render(Chart chart, int width = DefaultWidth, int height = DefaultHeight, bool colour = false)
        {
            if (width < MinWidth) throw new ArgumentOutOfRangeException(nameof(width), width, $"A terminal chart needs at least {MinWidth} columns.");
            if (height < MinHeight) throw new ArgumentOutOfRangeException(nameof(height), height, $"A terminal chart needs at least {MinHeight} rows.");
            var lines = new List<string> { Centre(chart.Title, width) };
            (double Min, double Max)? shared = chart.ShareY ? Range(chart.Panels.SelectMany(p => p.Series.SelectMany(s => Drawable.Points(s, p.LogY)).Select(q => q.Y))) : null;
            foreach (var panel in chart.Panels)
            {
                if (chart.Panels.Count > 1) lines.Add(Centre(panel.Title, width));
                lines.AddRange(RenderPanel(panel, width, height, colour, shared));
                lines.Add("");
            }
            return lines;
        }

        private static IEnumerable<string> RenderPanel(Panel panel, int width, int height, bool colour, (double Min, double Max)? sharedY)
        {
            var series = panel.Series.Select(s => (Series: s, Points: Drawable.Points(s, panel.LogY))).Where(s => s.Points.Count > 0).ToList();
            var missing = panel.Series.Where(s => s.Label.Length > 0 && Drawable.Points(s, panel.LogY).Count == 0).ToList();
            if (series.Count == 0) { yield return "  (nothing to draw on this axis)"; yield break; }
            var (xMin, xMax) = Range(series.SelectMany(s => s.Points).Select(p => p.X))!.Value;
            var (yMin, yMax) = sharedY ?? Range(series.SelectMany(s => s.Points).Select(p => p.Y))!.Value;
            bool bars = series.Any(s => s.Series.Style == SeriesStyle.Bars);
            if (bars)
            {
                // Bars need room for half a bar at each end, and rise from a floor (a whole decade on a log axis, else 0).
                xMin -= 0.5; xMax += 0.5;
                yMin = panel.LogY ? Math.Floor(yMin) : Math.Min(0, yMin);
            }
            if (xMax == xMin) { xMin -= 0.5; xMax += 0.5; }
            if (yMax == yMin) { yMin -= 0.5; yMax += 0.5; }

            var yTicks = new[] { yMax, (yMin + yMax) / 2, yMin }.Select(v => Drawable.TickLabel(v, panel.LogY)).ToArray();
            int margin = yTicks.Max(t => t.Length) + 2;
            var canvas = new BrailleCanvas(Math.Max(1, width - margin - 1), height);
            int X(double x) => (int)Math.Round((x - xMin) / (xMax - xMin) * (canvas.DotWidth - 1));
            int Y(double y) => (int)Math.Round((yMax - y) / (yMax - yMin) * (canvas.DotHeight - 1));

            for (int i = 0; i < series.Count; i++)
            {
                var (s, points) = series[i];
                int phase = 0;
                if (s.Style == SeriesStyle.Bars)
                {
                    int half = Math.Max(0, (int)(canvas.DotWidth / (xMax - xMin) * 0.3));
                    foreach (var p in points)
                        for (int dx = -half; dx <= half; dx++) canvas.Line(X(p.X) + dx, Y(yMin), X(p.X) + dx, Y(p.Y), i, 0, ref phase);
                }
                else if (points.Count == 1) canvas.Set(X(points[0].X), Y(points[0].Y), i);
                else
                    for (int k = 1; k < points.Count; k++)
                        canvas.Line(X(points[k - 1].X), Y(points[k - 1].Y), X(points[k].X), Y(points[k].Y), i, s.Pattern % PatternGlyphs.Length, ref phase);
            }

            yield return $"{new string(' ', margin)}{panel.YLabel}{(panel.LogY ? " (log scale)" : "")}";
            for (int row = 0; row < canvas.Rows; row++)
            {
                string tick = row == 0 ? yTicks[0] : row == canvas.Rows / 2 ? yTicks[1] : row == canvas.Rows - 1 ? yTicks[2] : "";
                var line = new StringBuilder(tick.PadLeft(margin - 2)).Append(tick.Length > 0 ? " ┤" : " │");
                for (int col = 0; col < canvas.Columns; col++)
                {
                    int owner = canvas.Owner(col, row);
                    if (colour && owner >= 0) line.Append($"\u001b[{AnsiColours[series[owner].Series.Colour % AnsiColours.Length]}m{canvas.Cell(col, row)}\u001b[0m");
                    else line.Append(canvas.Cell(col, row));
                }
                yield return line.ToString();
            }
            yield return new string(' ', margin - 1) + "└" + new string('─', canvas.Columns);
            string left = Format.Number(bars ? xMin + 0.5 : xMin), right = Format.Number(bars ? xMax - 0.5 : xMax);
            int gap = Math.Max(1, canvas.Columns - left.Length - right.Length);
            yield return new string(' ', margin) + left + new string(' ', gap) + right;
            yield return Centre(panel.XLabel, width);
            foreach (var (s, _) in series.Where(s => s.Series.Label.Length > 0))
            {
                string glyph = s.Style == SeriesStyle.Bars ? "██" : PatternGlyphs[s.Pattern % PatternGlyphs.Length];
                if (colour) glyph = $"\u001b[{AnsiColours[s.Colour % AnsiColours.Length]}m{glyph}\u001b[0m";
                yield return $"  {glyph} {s.Label}";
            }
            foreach (var s in missing) yield return $"     {s.Label}{Drawable.NothingNote(panel.LogY)}";
        }

        private static (double Min, double Max)? Range(IEnumerable<double> values)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (double v in values) { min = Math.Min(min, v); max = Math.Max(max, v); }
            return min <= max ? (min, max) : ((double, double)?)null;
        }

        private static string Centre(string text, int width) =>
            text.Length >= width ? text : new string(' ', (width - text.Length) / 2) + text;
    }
}
