using System;
using System.Collections.Generic;
using System.Linq;

namespace VanishingGradients.Charts
{
    /// <summary>Charts of ActivationPoint records (labs 1 and 2): curves with derivatives, tangents, compression.</summary>
    internal static class ActivationCharts
    {
        /// <summary>The lab draws the tangent over x_tan ± 1.7.</summary>
        public const double TangentHalfWidth = 1.7;

        /// <summary>
        /// One curve per activation and parameter, in the order they came, each sorted by x (piped inputs may be unordered).
        /// The parameter is part of the curve's name when it is not the catalogue's default or when another curve has the
        /// same activation, so PReLU with a = 0.05 and with a = 0.25 are two curves, each saying which it is.
        /// </summary>
        private static List<(string Name, ActivationPoint[] Points)> ByActivation(IReadOnlyList<ActivationPoint> points)
        {
            var groups = points.GroupBy(p => (p.Name, p.Parameter)).ToList();
            return groups.Select(g =>
            {
                bool shared = groups.Count(other => other.Key.Name == g.Key.Name) > 1;
                return (CurveName(g.Key.Name, g.Key.Parameter, shared), g.OrderBy(p => p.Input).ToArray());
            }).ToList();
        }

        private static string CurveName(string name, double? parameter, bool shared)
        {
            if (parameter is not double value || !shared && Activations.TryGet(name, out var standard) && standard.Parameter == value) return name;
            return $"{name} ({(name == "PReLU" ? "a" : "α")} = {Format.Number(value)})";
        }

        /// <summary>f (solid) and f' (dashed) in the activation's colour; one panel, or one per activation.</summary>
        public static Chart Curves(IReadOnlyList<ActivationPoint> points, ChartOptions options)
        {
            var curves = ByActivation(points);
            var show = options.Curve ?? ActivationCurve.Both;
            var names = curves.Select(c => c.Name).ToList();
            string title = show switch
            {
                ActivationCurve.Value => curves.Count == 1 ? names[0] : "Activation functions: " + Format.List(names),
                ActivationCurve.Derivative => "Derivative of " + Format.List(names),
                _ => string.Join(", ", names) + (curves.Count == 1 ? " and its derivative" : " and their derivatives"),
            };
            if (options.TangentAt is double x0 && show != ActivationCurve.Derivative) title += $", tangent at x = {Format.Number(x0)}";
            string yLabel = show switch { ActivationCurve.Value => "f(x)", ActivationCurve.Derivative => "f′(x)", _ => "f(x), f′(x)" };

            List<Series> SeriesOf(int i, bool labelWithName)
            {
                var (name, pts) = curves[i];
                var x = pts.Select(p => p.Input).ToArray();
                var list = new List<Series>();
                if (show != ActivationCurve.Derivative)
                    list.Add(new Series(labelWithName ? name : "f(x)", x, pts.Select(p => p.Value).ToArray(), SeriesStyle.Line, i));
                if (show != ActivationCurve.Value)
                    list.Add(new Series(labelWithName ? name + "′" : "f′(x)", x, pts.Select(p => p.Derivative).ToArray(), SeriesStyle.Line, i,
                        pattern: show == ActivationCurve.Both ? 1 : 0));
                if (options.TangentAt is double at && show != ActivationCurve.Derivative && Tangent(pts, at) is (double[], double[]) t)
                {
                    list.Add(new Series(labelWithName ? $"tangent of {name} at x = {Format.Number(at)}" : $"tangent at x = {Format.Number(at)}",
                        t.X, t.Y, SeriesStyle.Line, i, pattern: 2));
                    list.Add(new Series("", new[] { t.X[1] }, new[] { t.Y[1] }, SeriesStyle.LineWithMarkers, i)); // the point of contact
                }
                return list;
            }

            if (options.Layout == ChartLayout.Grid && curves.Count > 1)
            {
                var panels = curves.Select((c, i) => new Panel
                {
                    Title = c.Name, XLabel = "x", YLabel = yLabel, Series = SeriesOf(i, labelWithName: false),
                }).ToList();
                return new Chart { Title = title, Panels = panels, Columns = Chart.GridColumns(panels.Count) };
            }
            var all = Enumerable.Range(0, curves.Count).SelectMany(i => SeriesOf(i, labelWithName: true)).ToList();
            return new Chart { Title = title, Panels = new[] { new Panel { XLabel = "x", YLabel = yLabel, Series = all } } };
        }

        /// <summary>
        /// The tangent at <paramref name="at"/> over at ± 1.7, from the curve's own points: value and slope interpolated
        /// linearly between the two nearest inputs (exact when <paramref name="at"/> is one of them). Using the piped
        /// points rather than looking the activation up by name keeps it right for any α the curve was made with.
        /// Null when <paramref name="at"/> lies outside the curve.
        /// </summary>
        private static (double[] X, double[] Y)? Tangent(ActivationPoint[] pts, double at)
        {
            if (pts.Length == 0 || double.IsNaN(at) || at < pts[0].Input || at > pts[pts.Length - 1].Input) return null;
            int hi = Array.FindIndex(pts, p => p.Input >= at);
            int lo = Math.Max(0, pts[hi].Input == at ? hi : hi - 1);
            double span = pts[hi].Input - pts[lo].Input;
            double w = span > 0 ? (at - pts[lo].Input) / span : 0.0;
            double value = pts[lo].Value + w * (pts[hi].Value - pts[lo].Value);
            double slope = pts[lo].Derivative + w * (pts[hi].Derivative - pts[lo].Derivative);
            double x0 = at - TangentHalfWidth, x1 = at + TangentHalfWidth;
            return (new[] { x0, at, x1 }, new[] { value - slope * TangentHalfWidth, value, value + slope * TangentHalfWidth });
        }

        /// <summary>
        /// The lab's "compression" figure: the inputs x, then f(x), then f'(x), each in its own panel with its range in the
        /// title, so the shrinking of [-5, 5] to (0, 1) to (0, 0.25] reads off the axes. Overlay puts all three on one axis.
        /// </summary>
        public static Chart Compression(IReadOnlyList<ActivationPoint> points, ChartOptions options)
        {
            var curves = ByActivation(points);
            string title = "How " + Format.List(curves.Select(c => c.Name)) + " compress" + (curves.Count == 1 ? "es" : "") + " the input";
            var x = curves[0].Points.Select(p => p.Input).ToArray();
            var inputs = new Series("x", x, x, SeriesStyle.Line, curves.Count);
            var values = curves.Select((c, i) => new Series(c.Name + "(x)", c.Points.Select(p => p.Input).ToArray(), c.Points.Select(p => p.Value).ToArray(), SeriesStyle.Line, i)).ToList();
            var slopes = curves.Select((c, i) => new Series(c.Name + "′(x)", c.Points.Select(p => p.Input).ToArray(), c.Points.Select(p => p.Derivative).ToArray(), SeriesStyle.Line, i, pattern: 1)).ToList();

            if (options.Layout == ChartLayout.Overlay)
            {
                var all = new[] { inputs }.Concat(values).Concat(slopes).ToList();
                return new Chart { Title = title, Panels = new[] { new Panel { XLabel = "x", YLabel = "value", Series = all } } };
            }
            Panel Row(string what, IReadOnlyList<Series> series) => new Panel
            {
                Title = $"{what} ∈ [{Format.Number(series.Min(s => s.Y.Min()))}, {Format.Number(series.Max(s => s.Y.Max()))}]",
                XLabel = "x", YLabel = what, Series = series,
            };
            string names = curves.Count == 1 ? curves[0].Name : "f";
            return new Chart
            {
                Title = title, Columns = 1,
                Panels = new[] { Row("x", new[] { inputs }), Row(names + "(x)", values), Row(names + "′(x)", slopes) },
            };
        }
    }
}
