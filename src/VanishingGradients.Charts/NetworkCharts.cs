using System;
using System.Collections.Generic;
using System.Linq;

namespace VanishingGradients.Charts
{
    /// <summary>Charts of Invoke-DepthExperiment's per-layer records (lab 5): gradient norms and activation statistics.</summary>
    internal static class NetworkCharts
    {
        private const string LayerAxis = "layer (1 = input side)";

        /// <summary>
        /// One network's layers, in order, averaged over its trials (trials of one configuration differ only in their random
        /// draws, so their mean is the curve to look at; one line per trial would bury the comparison between depths).
        /// </summary>
        private sealed record Network(string Activation, string Initializer, string Remedy, int Depth, int Trials, double[] Layers, LayerStatistics[][] Rows)
        {
            public double[] Mean(Func<LayerStatistics, double> value) => Rows.Select(r => r.Average(value)).ToArray();
        }

        private static List<Network> Networks(IReadOnlyList<LayerStatistics> rows) =>
            rows.GroupBy(r => (r.Activation, r.Initializer, r.Remedy, r.Depth)).Select(g =>
            {
                var layers = g.GroupBy(r => r.Layer).OrderBy(l => l.Key).ToArray();
                return new Network(g.Key.Activation, g.Key.Initializer, g.Key.Remedy, g.Key.Depth, g.Select(r => r.Trial).Distinct().Count(),
                    layers.Select(l => (double)l.Key).ToArray(), layers.Select(l => l.ToArray()).ToArray());
            }).ToList();

        /// <summary>How a legend names a remedy: "no remedy" for the plain network, else the remedy in words.</summary>
        internal static string RemedyName(string remedy) => remedy switch
        {
            "" => "",
            "None" => "no remedy",
            _ => remedy.Replace("BatchNorm", "batch norm").Replace("Residual", "residual"),
        };

        private static string TrialNote(Network n) => n.Trials > 1 ? $" (mean of {n.Trials} trials)" : "";

        /// <summary>
        /// ‖δ_l‖ per layer, log y: one line per depth, one panel per activation (and initialiser, when there are several)
        /// on a shared y axis so that the panels compare directly. A panel with a single network shows bars, as the lab's
        /// 10-layer figure does.
        /// </summary>
        public static Chart GradientNorms(IReadOnlyList<LayerStatistics> rows, ChartOptions options)
        {
            var networks = Networks(rows);
            var depths = networks.Select(n => n.Depth).Distinct().ToList();
            // A network is named by what varies among the piped ones: its activation, and its initialiser and remedy
            // when those differ (the remedies figure compares all three on one axis).
            bool severalInits = networks.Select(n => n.Initializer).Distinct().Count() > 1;
            bool severalRemedies = networks.Select(n => n.Remedy).Distinct().Count() > 1;
            var groups = networks.GroupBy(n => (n.Activation, Initializer: severalInits ? n.Initializer : "", Remedy: severalRemedies ? n.Remedy : "")).ToList();
            string GroupName((string Activation, string Initializer, string Remedy) k) =>
                string.Join(", ", new[] { k.Activation, k.Initializer, RemedyName(k.Remedy) }.Where(part => part.Length > 0));
            bool overlay = options.Layout == ChartLayout.Overlay || groups.Count == 1;

            // Colour follows the depth, so depth 10 looks the same in every panel; with one depth, it follows the panel.
            Series Line(Network n, int group, bool labelGroup)
            {
                bool bars = networks.Count == 1 || !overlay && groups[group].Count() == 1;
                // A bar panel holds one network, which its title already names: no legend needed.
                var parts = new List<string>();
                if (labelGroup) parts.Add(GroupName(groups[group].Key));
                if (depths.Count > 1 || !labelGroup) parts.Add($"depth {n.Depth}");
                string label = bars ? "" : string.Join(", ", parts) + TrialNote(n);
                int colour = depths.Count > 1 ? depths.IndexOf(n.Depth) : group;
                return new Series(label, n.Layers, n.Mean(r => r.GradientNorm), bars ? SeriesStyle.Bars : SeriesStyle.LineWithMarkers,
                    colour, pattern: overlay && depths.Count > 1 ? group : 0);
            }

            Panel PanelOf(IEnumerable<Series> series) => new Panel
            {
                XLabel = LayerAxis, YLabel = "gradient norm ‖δ‖", LogY = true, IntegerX = true, Legend = LegendCorner.LowerRight,
                Series = series.ToList(),
            };

            string what = "Gradient norm per layer";
            if (overlay)
            {
                string title = what + ": " + Format.List(groups.Select(g => GroupName(g.Key))) + (networks.Count == 1 ? $", depth {networks[0].Depth}" : "");
                var series = groups.SelectMany((g, i) => g.Select(n => Line(n, i, labelGroup: groups.Count > 1))).ToList();
                return new Chart { Title = title, Panels = new[] { PanelOf(series) } };
            }
            var panels = groups.Select((g, i) => PanelOf(g.Select(n => Line(n, i, labelGroup: false))) with
            {
                Title = GroupName(g.Key) + (g.Count() == 1 ? $", depth {g.First().Depth}" : ""),
            }).ToList();
            return new Chart
            {
                Title = what + " (smaller towards the input: vanishing gradient)",
                Panels = panels, Columns = Chart.GridColumns(panels.Count), ShareY = true,
            };
        }

        /// <summary>
        /// Mean activation per layer with a band of ± one standard deviation, one line per initialiser; one panel per
        /// activation and depth (rows: activations, columns: depths). The initialisation exercise: which keeps the
        /// spread steady through the layers.
        /// </summary>
        public static Chart ActivationStatistics(IReadOnlyList<LayerStatistics> rows, ChartOptions options)
        {
            var networks = Networks(rows);
            var inits = networks.Select(n => n.Initializer).Distinct().ToList();
            var activations = networks.Select(n => n.Activation).Distinct().ToList();
            var depths = networks.Select(n => n.Depth).Distinct().ToList();
            bool overlay = options.Layout == ChartLayout.Overlay;

            // Activations beyond ±1000 only arise when they explode (sigmoid and tanh stay within 1): such a panel is
            // unreadable on a linear axis, so it gets a log axis unless the caller chose one.
            bool LogAxis(IEnumerable<Network> panel) => options.LogY ?? panel.Any(n => n.Rows.Any(l => l.Any(r => Math.Abs(r.ActivationMean) + r.ActivationStd > 1e3)));

            // Linear axis: the mean with a shaded band of ± one standard deviation. A log axis cannot show a band that
            // reaches below zero (std > mean is common for ReLU), so there the standard deviation gets its own dashed line.
            IEnumerable<Series> Lines(Network n, bool labelAll, bool log)
            {
                var mean = n.Mean(r => r.ActivationMean);
                var std = n.Mean(r => r.ActivationStd);
                string label = (labelAll ? $"{n.Activation}, depth {n.Depth}, " : "") + n.Initializer + TrialNote(n);
                int colour = inits.IndexOf(n.Initializer);
                int pattern = overlay ? activations.IndexOf(n.Activation) : 0;
                if (log)
                {
                    yield return new Series(label, n.Layers, mean, SeriesStyle.LineWithMarkers, colour, pattern);
                    yield return new Series("", n.Layers, std, SeriesStyle.Line, colour, pattern: 1); // the y label explains the dashes
                    yield break;
                }
                yield return new Series(label, n.Layers, mean, SeriesStyle.LineWithMarkers, colour, pattern)
                {
                    BandLow = mean.Zip(std, (m, s) => m - s).ToArray(),
                    BandHigh = mean.Zip(std, (m, s) => m + s).ToArray(),
                };
            }

            Panel PanelOf(IReadOnlyList<Network> panel)
            {
                bool log = LogAxis(panel);
                return new Panel
                {
                    XLabel = LayerAxis, YLabel = log ? "activation a: mean (solid), std (dashed)" : "activation a: mean ± std", IntegerX = true, LogY = log,
                    // Exploding activations climb to the upper right and vanishing ones sink to the lower right.
                    Legend = log ? LegendCorner.UpperLeft : LegendCorner.UpperRight,
                    Series = panel.SelectMany(n => Lines(n, overlay, log)).ToList(),
                };
            }

            const string title = "Activations per layer: mean ± one standard deviation, by initialisation";
            if (overlay)
                return new Chart { Title = title, Panels = new[] { PanelOf(networks) } };
            var panels = networks.OrderBy(n => activations.IndexOf(n.Activation)).ThenBy(n => depths.IndexOf(n.Depth))
                .GroupBy(n => (n.Activation, n.Depth))
                .Select(g => PanelOf(g.ToList()) with { Title = $"{g.Key.Activation}, depth {g.Key.Depth}" })
                .ToList();
            int columns = depths.Count > 1 ? Math.Min(depths.Count, 4) : Chart.GridColumns(panels.Count);
            return new Chart { Title = title, Panels = panels, Columns = columns };
        }
    }
}
