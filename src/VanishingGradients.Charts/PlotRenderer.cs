using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ScottPlot;
using SkiaSharp;

namespace VanishingGradients.Charts
{
    /// <summary>The file formats a chart is saved in.</summary>
    public enum ImageFormat { Png, Svg }

    /// <summary>Draws a <see cref="Chart"/> with ScottPlot: one ScottPlot.Plot per panel, laid out by a Multiplot.</summary>
    public static class PlotRenderer
    {
        private const int HeaderHeight = 44;
        private static readonly string[] SansFamilies = { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI", "Noto Sans" };
        private static readonly LinePattern[] Patterns = { LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed };
        private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();
        // ScottPlot's own default is whatever family the system lists first (a serif one on Debian); a sans family reads better.
        private static readonly Lazy<string> Font = new Lazy<string>(() => SansFamilies.FirstOrDefault(Installed) ?? Fonts.Default);

        private static bool Installed(string family)
        {
            using var typeface = SKFontManager.Default.MatchFamily(family);
            return typeface != null;
        }

        /// <summary>How many pixels a layout unit gets by default: 2, so an 800-unit-wide chart is 1600 pixels, enough for a projector.</summary>
        public const double DefaultScale = 2.0;
        public const double MinScale = 0.25, MaxScale = 10.0;
        /// <summary>Smallest layout in units (below it titles and ticks overlap), and the most pixels an image may have.</summary>
        public const int MinLayout = 100;
        public const long MaxPixels = 50_000_000;

        /// <summary>
        /// The layout size (in units; pixels = units × scale) that suits the chart: 800 × 500 for one panel, about
        /// 560 × 400 per panel for a grid.
        /// </summary>
        public static (int Width, int Height) DefaultSize(Chart chart) => chart.Panels.Count == 1
            ? (800, 500)
            : (Math.Min(2000, Math.Max(800, 560 * chart.Columns)), Math.Min(2000, HeaderHeight + 400 * chart.Rows));

        /// <summary>
        /// The image size in pixels and the scale for a chart: with no size given, the default layout × <see cref="DefaultScale"/>;
        /// a width or height alone keeps the default layout's shape; the scale, unless given, is what makes the default
        /// layout fill the width (or the height), so text and lines grow with the picture.
        /// </summary>
        public static (int Width, int Height, double Scale) Size(Chart chart, int? width = null, int? height = null, double? scale = null)
        {
            var layout = DefaultSize(chart);
            double fill = width is int w ? (double)w / layout.Width : height is int h ? (double)h / layout.Height : DefaultScale;
            // A scale the caller did not choose stays within the allowed range: a 100-pixel thumbnail is drawn at the
            // smallest scale rather than refused for a scale nobody asked for.
            double s = scale ?? Math.Max(MinScale, Math.Min(MaxScale, fill));
            return (width ?? (int)Math.Round(layout.Width * (scale ?? fill)), height ?? (int)Math.Round(layout.Height * (scale ?? fill)), s);
        }

        /// <summary>Why an image of this size and scale cannot be drawn, or null when it can.</summary>
        public static string? SizeProblem(int width, int height, double scale)
        {
            if (double.IsNaN(scale) || scale < MinScale || scale > MaxScale)
                return $"The scale must be between {MinScale} and {MaxScale}; {scale} was given.";
            if (width < MinLayout || height < MinLayout)
                return $"A chart needs at least {MinLayout} × {MinLayout} pixels; {width} × {height} was asked for.";
            if ((long)width * height > MaxPixels)
                return $"{width} × {height} pixels is more than the {MaxPixels / 1_000_000} megapixels a chart may have.";
            if (width / scale < MinLayout || height / scale < MinLayout)
                return $"At scale {scale}, {width} × {height} pixels leave a layout of {Math.Round(width / scale)} × {Math.Round(height / scale)}: "
                    + $"titles and ticks need at least {MinLayout} × {MinLayout}. Use a smaller -Scale or a larger size.";
            return null;
        }

        /// <summary>The format a file name asks for, by extension; null for an extension no renderer writes.</summary>
        public static ImageFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => ImageFormat.Png,
            ".svg" => ImageFormat.Svg,
            _ => (ImageFormat?)null,
        };

        /// <summary>
        /// Writes the chart to <paramref name="stream"/> as PNG or SVG, <paramref name="width"/> × <paramref name="height"/>
        /// pixels, laid out at 1/<paramref name="scale"/> of that and magnified, so text and lines keep their proportions.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">See <see cref="SizeProblem"/>.</exception>
        public static void Write(Chart chart, Stream stream, ImageFormat format, int width, int height, double scale = 1.0)
        {
            if (SizeProblem(width, height, scale) is string problem) throw new ArgumentOutOfRangeException(null, problem);
            if (format == ImageFormat.Svg)
            {
                // The SVG canvas writes its closing tags when disposed, which must happen before the stream is used.
                using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream)) Render(chart, canvas, width, height, scale);
                return;
            }
            using var surface = SKSurface.Create(new SKImageInfo(width, height)) ?? throw new InvalidOperationException("SkiaSharp could not create a drawing surface.");
            Render(chart, surface.Canvas, width, height, scale);
            using var image = surface.Snapshot();
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            data.SaveTo(stream);
        }

        /// <summary>
        /// Draws the chart on a canvas of <paramref name="width"/> × <paramref name="height"/> pixels: a header with the
        /// title over a grid of panels (or one titled panel), laid out in units of <paramref name="scale"/> pixels.
        /// </summary>
        public static void Render(Chart chart, SKCanvas canvas, int width, int height, double scale = 1.0)
        {
            canvas.Clear(SKColors.White);
            canvas.Save();
            canvas.Scale((float)scale);
            width = (int)Math.Round(width / scale);
            height = (int)Math.Round(height / scale);
            // Thinned to the image's pixel columns (not the layout's): what a panel can show, whatever the point count.
            int columns = Math.Max(1, (int)Math.Ceiling(width * scale / chart.Columns));
            var plots = chart.Panels.Select(p => ToPlot(Thinning.Thin(p, columns), chart.Panels.Count == 1 ? "" : p.Title)).ToList();
            try
            {
                if (chart.ShareY) ShareY(chart.Panels, plots);
                // The chart's title goes in a header band over the whole width (a plot would centre it on its data area,
                // which a legend beside it shifts); the plots render below, and the header is drawn last because a plot
                // paints its whole figure background.
                float top = HeaderHeight;
                var multiplot = new Multiplot(plots[0]) { Layout = new ScottPlot.MultiplotLayouts.Grid(chart.Rows, chart.Columns) };
                foreach (var plot in plots.Skip(1)) multiplot.Subplots.Add(plot);
                canvas.Save();
                canvas.Translate(0, top);
                multiplot.Render(canvas, new PixelRect(0, width, height - top, 0));
                canvas.Restore();
                DrawHeader(canvas, chart.Title, width);
            }
            finally
            {
                canvas.Restore();
                foreach (var plot in plots) plot.Dispose();
            }
        }

        /// <summary>A ScottPlot plot of one panel.</summary>
        public static Plot ToPlot(Panel panel, string title)
        {
            var plot = new Plot();
            plot.Font.Set(Font.Value);
            plot.Title(title, 15);
            plot.XLabel(panel.XLabel, 13);
            plot.YLabel(panel.LogY ? panel.YLabel + " (log scale)" : panel.YLabel, 13);
            var yValues = panel.Series.SelectMany(s => Drawable.Points(s, panel.LogY)).Select(p => p.Y).DefaultIfEmpty(0).ToList();
            // On a log axis, bars rise from the whole decade below the smallest value and bands are cut off there.
            double floor = panel.LogY ? Math.Floor(yValues.Min()) : 0.0;
            foreach (var series in panel.Series) Add(plot, series, panel.LogY, floor);
            foreach (double y in panel.ReferenceY)
            {
                if (Drawable.AxisY(y, panel.LogY) is not double at) continue;
                plot.Add.HorizontalLine(at, 1.5f, Colors.Black.WithAlpha(0.55), LinePattern.Dashed);
                yValues.Add(at);
            }
            SetTicks(plot, panel, yValues.Min(), yValues.Max());
            if (!panel.Series.Any(s => Drawable.Points(s, panel.LogY).Count > 0))
            {
                // Say why the panel is empty (a dead ReLU network has gradient norms of exactly 0) instead of showing bare axes.
                var note = plot.Add.Annotation(Drawable.EmptyPanelNote(panel.LogY), Alignment.MiddleCenter);
                note.LabelFontSize = 13;
                note.LabelFontName = Font.Value;
                note.LabelBackgroundColor = Colors.White;
                note.LabelBorderColor = Colors.Gray;
                note.LabelShadowColor = Colors.Transparent;
                var xs = panel.Series.SelectMany(s => s.X).Where(x => !double.IsNaN(x) && !double.IsInfinity(x)).DefaultIfEmpty(0).ToList();
                plot.Axes.SetLimitsX(xs.Min() - 0.5, xs.Max() + 0.5);
            }
            int labelled = panel.Series.Count(s => s.Label.Length > 0);
            if (labelled > 0)
            {
                // Many entries would cover the curves: they go beside the data area instead.
                if (labelled > 6) plot.ShowLegend(Edge.Right);
                else plot.ShowLegend(panel.Legend switch
                {
                    LegendCorner.UpperRight => Alignment.UpperRight,
                    LegendCorner.LowerLeft => Alignment.LowerLeft,
                    LegendCorner.LowerRight => Alignment.LowerRight,
                    _ => Alignment.UpperLeft,
                });
                plot.Legend.FontSize = 11;
            }
            return plot;
        }

        private static void Add(Plot plot, Series series, bool logY, double floor)
        {
            var points = Drawable.Points(series, logY);
            var colour = Palette.GetColor(series.Colour);
            if (points.Count == 0)
            {
                // Still listed in the legend, so the reader learns the series exists and why it is not drawn.
                if (series.Label.Length > 0) plot.Add.Scatter(Array.Empty<double>(), Array.Empty<double>(), colour).LegendText = series.Label + Drawable.NothingNote(logY);
                return;
            }
            double[] xs = points.Select(p => p.X).ToArray(), ys = points.Select(p => p.Y).ToArray();
            if (series.BandLow != null && series.BandHigh != null)
            {
                double Clip(double v) => Drawable.AxisY(v, logY) ?? floor;
                var band = plot.Add.FillY(xs, points.Select(p => Clip(series.BandLow[p.Index])).ToArray(), points.Select(p => Clip(series.BandHigh[p.Index])).ToArray());
                band.FillColor = colour.WithAlpha(0.18);
                band.LineWidth = 0;
            }
            if (series.Style == SeriesStyle.Bars)
            {
                var bars = points.Select(p => new Bar { Position = p.X, Value = p.Y, ValueBase = floor, FillColor = colour, Size = 0.7, LineWidth = 0 }).ToList();
                plot.Add.Bars(bars).LegendText = series.Label;
                return;
            }
            var scatter = plot.Add.Scatter(xs, ys, colour);
            scatter.LegendText = series.Label;
            scatter.LineWidth = 2;
            scatter.LinePattern = Patterns[series.Pattern % Patterns.Length];
            scatter.MarkerSize = series.Style == SeriesStyle.LineWithMarkers ? 6 : 0;
        }

        // Log axes are drawn as linear axes of log10(y) with ticks labelled 10ⁿ and minor ticks at 2..9 × 10ⁿ.
        private static void SetTicks(Plot plot, Panel panel, double yMin, double yMax)
        {
            if (panel.LogY)
            {
                bool decades = yMax - yMin >= 1.5; // under ~1.5 decades, whole powers of ten leave too few ticks
                plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
                {
                    IntegerTicksOnly = decades,
                    MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                    LabelFormatter = v => Drawable.TickLabel(v, logY: true),
                };
                plot.Grid.MinorLineWidth = 1;
                plot.Grid.MinorLineColor = Colors.Black.WithAlpha(0.05);
            }
            if (panel.IntegerX)
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        }

        // Panels meant to be compared (gradient norms of several activations) get one y range, with a little margin.
        private static void ShareY(IReadOnlyList<Panel> panels, IReadOnlyList<Plot> plots)
        {
            var ys = panels.SelectMany(p => p.Series.SelectMany(s => Drawable.Points(s, p.LogY)).Select(q => q.Y)).ToList();
            if (ys.Count == 0) return;
            double min = ys.Min(), max = ys.Max(), margin = Math.Max((max - min) * 0.06, 0.05);
            bool bars = panels.Any(p => p.Series.Any(s => s.Style == SeriesStyle.Bars));
            double low = bars && panels.All(p => p.LogY) ? Math.Floor(min) : min - margin;
            foreach (var plot in plots) plot.Axes.SetLimitsY(low, max + margin);
        }

        private static void DrawHeader(SKCanvas canvas, string title, int width)
        {
            using var font = new SKFont(Fonts.GetTypeface(Font.Value, bold: true, italic: false), 18);
            // A long title shrinks to fit the image rather than run off both edges.
            while (font.Size > 9 && font.MeasureText(title) > width - 24) font.Size -= 1;
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            canvas.DrawText(title, width / 2f, HeaderHeight - 14, SKTextAlign.Center, font, paint);
        }
    }
}
