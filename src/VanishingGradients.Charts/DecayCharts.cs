using System.Collections.Generic;
using System.Linq;

namespace VanishingGradients.Charts
{
    /// <summary>Charts of Measure-GradientDecay's records (labs 3 and 4): products of gradients, bounds, gain sweeps.</summary>
    internal static class DecayCharts
    {
        /// <summary>g^n against n, one line per (activation, input); log y, where a geometric decay is a straight line.</summary>
        public static Chart Decay(IReadOnlyList<DecayStep> steps, ChartOptions options)
        {
            var groups = steps.GroupBy(s => (s.Name, s.Input)).ToList();
            var series = groups.Select((g, i) =>
            {
                var rows = g.OrderBy(s => s.Step).ToArray();
                string label = $"{g.Key.Name}, x = {Format.Number(g.Key.Input)} (g = {Format.Number(rows[0].LocalGradient)})";
                return new Series(label, rows.Select(r => (double)r.Step).ToArray(), rows.Select(r => r.CumulativeGradient).ToArray(),
                    SeriesStyle.LineWithMarkers, i);
            }).ToList();
            const string title = "Gradient decay: the product of n local gradients g = f′(x)";
            return Single(title, new Panel
            {
                XLabel = "step n", YLabel = "cumulative gradient gⁿ", LogY = true, IntegerX = true,
                Legend = LegendCorner.LowerLeft, Series = series,
            });
        }

        /// <summary>(max |f'|)^k against k, one line per activation; log y.</summary>
        public static Chart Bound(IReadOnlyList<AttenuationBound> bounds, ChartOptions options)
        {
            var series = bounds.GroupBy(b => b.Name).Select((g, i) =>
            {
                var rows = g.OrderBy(b => b.Layers).ToArray();
                return new Series($"{g.Key} (max |f′| = {Format.Number(rows[0].MaxDerivative)})", rows.Select(r => (double)r.Layers).ToArray(),
                    rows.Select(r => r.Bound).ToArray(), SeriesStyle.LineWithMarkers, i, pattern: i); // tanh and ReLU coincide at 1: dashes keep both visible
            }).ToList();
            const string title = "Attenuation bound after k layers: (max |f′|)ᵏ";
            return Single(title, new Panel
            {
                XLabel = "layers k", YLabel = "bound on the gradient factor", LogY = true, IntegerX = true,
                Legend = LegendCorner.LowerLeft, Series = series,
            });
        }

        /// <summary>
        /// Lab 4: f(r·x) and its derivative d/dx f(r·x) = r·f′(r·x) at a fixed x against the gain r, in two panels side by
        /// side (or one, with a <see cref="ActivationCurve"/> choice). The derivative goes to 0 as r grows although r
        /// multiplies it. When every gain is negative the sweep is the lab's f(x) = σ(−r·x): the axis then shows r = −gain,
        /// as the lab plots it, and the derivative panel is negative, with a dashed zero line so the sign reads at a glance.
        /// </summary>
        public static Chart Gain(IReadOnlyList<ScaledGradient> points, ChartOptions options)
        {
            bool negated = points.All(p => p.Gain < 0);
            string scaled = negated ? "(−r·x)" : "(r·x)";
            var groups = points.GroupBy(p => (p.Name, p.Input)).Select(g => (g.Key.Name, g.Key.Input, Rows: g.OrderBy(p => negated ? -p.Gain : p.Gain).ToArray())).ToList();
            bool labelX = groups.Select(g => g.Input).Distinct().Count() > 1;
            // One curve needs no legend: the panel's title names it.
            string Label((string Name, double Input, ScaledGradient[] Rows) g) =>
                groups.Count == 1 ? "" : g.Name + scaled + (labelX ? $" at x = {Format.Number(g.Input)}" : "");
            double[] R(ScaledGradient[] rows) => rows.Select(p => negated ? -p.Gain : p.Gain).ToArray();

            string names = Format.List(groups.Select(g => g.Name).Distinct());
            string at = groups.Select(g => g.Input).Distinct().Count() == 1 ? $" at x = {Format.Number(groups[0].Input)}" : "";
            string rRange = $"r in [{Format.Number(points.Min(p => negated ? -p.Gain : p.Gain))}, {Format.Number(points.Max(p => negated ? -p.Gain : p.Gain))}]";
            var value = new Panel
            {
                Title = $"f(r) = {names}{scaled}{at}", XLabel = "r", YLabel = "f(r)",
                Legend = negated ? LegendCorner.UpperRight : LegendCorner.LowerRight,
                Series = groups.Select((g, i) => new Series(Label(g), R(g.Rows), g.Rows.Select(p => p.Value).ToArray(), SeriesStyle.Line, i)).ToList(),
            };
            var derivative = new Panel
            {
                Title = negated ? $"f′(r) = d/dx {names}(−r·x) = −r·{names}′(−r·x)" : $"f′(r) = d/dx {names}(r·x) = r·{names}′(r·x)",
                XLabel = "r", YLabel = "f′(r)",
                Legend = negated ? LegendCorner.LowerRight : LegendCorner.UpperRight,
                Series = groups.Select((g, i) => new Series(Label(g), R(g.Rows), g.Rows.Select(p => p.Derivative).ToArray(), SeriesStyle.Line, i)).ToList(),
                ReferenceY = new[] { 0.0 },
            };
            string title = $"{names}{scaled}{at}, {rRange}: a large r saturates the unit and its gradient vanishes";
            return (options.Curve ?? ActivationCurve.Both) switch
            {
                ActivationCurve.Value => Single(title, value with { Title = "" }),
                ActivationCurve.Derivative => Single(title, derivative with { Title = "" }),
                _ => new Chart { Title = title, Panels = new[] { value, derivative }, Columns = 2 },
            };
        }

        private static Chart Single(string title, Panel panel) => new Chart { Title = title, Panels = new[] { panel } };
    }
}
