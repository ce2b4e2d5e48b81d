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

        /// <summary>Lab 4: d/dx f(r·x) at a fixed x against the gain r; it goes to 0 as r grows although r multiplies it.</summary>
        public static Chart Gain(IReadOnlyList<ScaledGradient> points, ChartOptions options)
        {
            var groups = points.GroupBy(p => (p.Name, p.Input)).ToList();
            var show = options.Curve ?? ActivationCurve.Derivative;
            var series = new List<Series>();
            for (int i = 0; i < groups.Count; i++)
            {
                var rows = groups[i].OrderBy(p => p.Gain).ToArray();
                var (name, x) = groups[i].Key;
                var r = rows.Select(p => p.Gain).ToArray();
                if (show != ActivationCurve.Value)
                    series.Add(new Series($"d/dx {name}(r·x) at x = {Format.Number(x)}", r, rows.Select(p => p.Derivative).ToArray(), SeriesStyle.Line, i));
                if (show != ActivationCurve.Derivative)
                    series.Add(new Series($"{name}(r·x) at x = {Format.Number(x)}", r, rows.Select(p => p.Value).ToArray(), SeriesStyle.Line, i,
                        pattern: show == ActivationCurve.Both ? 1 : 0));
            }
            string names = Format.List(groups.Select(g => g.Key.Name).Distinct());
            string title = show == ActivationCurve.Value
                ? $"{names}(r·x) against the gain r"
                : $"Derivative of {names}(r·x) against the gain r: a large gain saturates the unit";
            return Single(title, new Panel
            {
                XLabel = "gain r", YLabel = show == ActivationCurve.Value ? "f(r·x)" : "d/dx f(r·x) = r·f′(r·x)",
                Legend = LegendCorner.UpperRight, Series = series,
            });
        }

        private static Chart Single(string title, Panel panel) => new Chart { Title = title, Panels = new[] { panel } };
    }
}
