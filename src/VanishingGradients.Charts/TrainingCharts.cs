using System;
using System.Collections.Generic;
using System.Linq;

namespace VanishingGradients.Charts
{
    /// <summary>Charts of Invoke-TrainingExperiment's rows: loss curves, and how far each layer moves per epoch.</summary>
    internal static class TrainingCharts
    {
        private const string EpochAxis = "epoch";

        /// <summary>One trained network: its settings and its rows, ordered by epoch then layer.</summary>
        private sealed record Run(TrainingStatistics Settings, TrainingStatistics[] Rows);

        private static List<Run> Runs(IReadOnlyList<TrainingStatistics> rows) =>
            rows.GroupBy(r => (r.Activation, r.Initializer, r.Remedy, r.Depth, r.Width, r.LearningRate, r.Momentum, r.BatchSize))
                .Select(g => new Run(g.First(), g.OrderBy(r => r.Epoch).ThenBy(r => r.Layer).ToArray())).ToList();

        // A run is named by what varies among the piped ones (its activation always), so the legend says what is compared.
        private static Func<Run, string> Namer(IReadOnlyList<Run> runs)
        {
            var parts = new (Func<TrainingStatistics, string> Part, bool Always)[]
            {
                (r => r.Activation, true),
                (r => r.Initializer, false),
                (r => NetworkCharts.RemedyName(r.Remedy), false),
                (r => $"depth {r.Depth}", false),
                (r => $"width {r.Width}", false),
                (r => $"η {Format.Number(r.LearningRate)}", false),
                (r => $"μ {Format.Number(r.Momentum)}", false),
                (r => $"batch {r.BatchSize}", false),
            };
            var shown = parts.Where(p => p.Always || runs.Select(r => p.Part(r.Settings)).Distinct().Count() > 1).Select(p => p.Part).ToList();
            return run => string.Join(", ", shown.Select(p => p(run.Settings)));
        }

        private static SeriesStyle StyleFor(IEnumerable<double> epochs) => epochs.Count() <= 30 ? SeriesStyle.LineWithMarkers : SeriesStyle.Line;

        /// <summary>The loss per epoch, one line per configuration on one log axis: the stalled network stays flat.</summary>
        public static Chart Loss(IReadOnlyList<TrainingStatistics> rows, ChartOptions options)
        {
            var runs = Runs(rows);
            var name = Namer(runs);
            var series = runs.Select((run, i) =>
            {
                var epochs = run.Rows.Where(r => r.Layer == 1).ToArray();
                var x = epochs.Select(r => (double)r.Epoch).ToArray();
                return new Series(name(run), x, epochs.Select(r => r.Loss).ToArray(), StyleFor(x), colour: i);
            }).ToList();
            var panel = new Panel
            {
                XLabel = EpochAxis, YLabel = "training loss ½‖ŷ − y‖² per sample", LogY = true, IntegerX = true,
                // Losses fall from the upper left towards the lower right; a stalled one stays in the middle.
                Legend = LegendCorner.UpperRight, Series = series,
            };
            return new Chart { Title = "Training loss per epoch (a flat line: the network has stopped learning)", Panels = new[] { panel } };
        }

        /// <summary>
        /// ‖ΔW_l‖/‖W_l‖ per epoch, one line per layer (colour from the input side), one panel per configuration on a shared
        /// log axis: a deep sigmoid network's front layers sit orders of magnitude below its output layer.
        /// </summary>
        public static Chart LayerUpdates(IReadOnlyList<TrainingStatistics> rows, ChartOptions options)
        {
            var runs = Runs(rows);
            var name = Namer(runs);
            Panel PanelOf(Run run) => new Panel
            {
                Title = name(run), XLabel = EpochAxis, YLabel = "relative update ‖ΔW_l‖/‖W_l‖", LogY = true, IntegerX = true,
                Legend = LegendCorner.LowerLeft,
                Series = run.Rows.GroupBy(r => r.Layer).OrderBy(g => g.Key).Select(g =>
                {
                    int layers = run.Settings.Depth + 1;
                    string label = g.Key == 1 ? "layer 1 (input)" : g.Key == layers ? $"layer {g.Key} (output)" : $"layer {g.Key}";
                    var x = g.Select(r => (double)r.Epoch).ToArray();
                    // Ten colours: layers beyond the tenth repeat them dashed.
                    return new Series(label, x, g.Select(r => r.RelativeUpdate).ToArray(), StyleFor(x), colour: g.Key - 1, pattern: (g.Key - 1) / 10);
                }).ToList(),
            };
            var panels = runs.Select(PanelOf).ToList();
            const string title = "How far each layer moves per epoch: relative update ‖ΔW_l‖/‖W_l‖";
            if (panels.Count == 1) return new Chart { Title = title + ", " + panels[0].Title, Panels = panels };
            // Two columns: every panel carries a legend of all its layers beside it, which three columns would squeeze.
            return new Chart { Title = title, Panels = panels, Columns = Math.Min(2, panels.Count), ShareY = true };
        }
    }
}
