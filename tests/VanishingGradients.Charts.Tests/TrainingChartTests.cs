using System.IO;
using System.Linq;
using NUnit.Framework;
using VanishingGradients.Charts;

namespace VanishingGradients.Charts.Tests
{
    /// <summary>The training charts built from real runs of the training experiment.</summary>
    public class TrainingChartTests
    {
        private static object[] Train(Activation a, Initializer init = Initializer.Xavier, Remedy remedy = Remedy.None, int epochs = 20) =>
            new TrainingExperiment { Activation = a, Initializer = init, Remedy = remedy, Depth = 4, Epochs = epochs }.Run().Cast<object>().ToArray();

        [Test]
        public void Training_rows_default_to_loss_curves_one_per_configuration_named_by_what_differs()
        {
            var rows = Train(Activations.Sigmoid).Concat(Train(Activations.ReLU, Initializer.He)).ToList();
            var chart = ChartBuilder.Build(rows);
            var panel = chart.Panels.Single();
            Assert.That(panel.LogY, Is.True);
            Assert.That(panel.Series.Select(s => s.Label), Is.EqualTo(new[] { "Sigmoid, Xavier", "ReLU, He" }));
            Assert.That(panel.Series[0].X, Is.EqualTo(Enumerable.Range(1, 20).Select(e => (double)e)));
            var sigmoidLoss = rows.Cast<TrainingStatistics>().Where(r => r.Activation == "Sigmoid" && r.Layer == 1).Select(r => r.Loss);
            Assert.That(panel.Series[0].Y, Is.EqualTo(sigmoidLoss));
        }

        [Test]
        public void Layer_updates_have_one_line_per_layer_and_one_panel_per_configuration()
        {
            var rows = Train(Activations.Sigmoid).Concat(Train(Activations.Sigmoid, remedy: Remedy.BatchNorm)).ToList();
            var chart = ChartBuilder.Build(rows, ChartKind.LayerUpdate);
            Assert.That(chart.Panels.Select(p => p.Title), Is.EqualTo(new[] { "Sigmoid, no remedy", "Sigmoid, batch norm" }));
            Assert.That(chart.ShareY, Is.True);
            var plain = chart.Panels[0];
            Assert.That(plain.Series.Select(s => s.Label).First(), Is.EqualTo("layer 1 (input)"));
            Assert.That(plain.Series.Select(s => s.Label).Last(), Is.EqualTo("layer 5 (output)"));
            // The front layer's line lies below the output layer's in every epoch: the vanishing gradient, seen in training.
            Assert.That(plain.Series[0].Y.Zip(plain.Series[^1].Y).All(p => p.First < p.Second));
        }

        [Test]
        public void Eleven_layers_do_not_share_a_look()
        {
            var rows = new TrainingExperiment { Epochs = 2 }.Run().Cast<object>().ToList();
            var series = ChartBuilder.Build(rows, ChartKind.LayerUpdate).Panels.Single().Series;
            Assert.That(series.Select(s => (s.Colour % 10, s.Pattern)).Distinct().Count(), Is.EqualTo(11));
        }

        [Test]
        public void Depth_rows_are_not_training_rows()
        {
            var rows = new DepthExperiment { Depths = new[] { 3 } }.Run().Cast<object>().ToList();
            var e = Assert.Throws<ChartInputException>(() => ChartBuilder.Build(rows, ChartKind.Loss))!;
            Assert.That(e.Problem, Is.EqualTo(ChartInputProblem.KindMismatch));
        }

        [Test]
        public void Both_training_charts_render_as_png_and_in_the_terminal()
        {
            var rows = Train(Activations.Sigmoid).Concat(Train(Activations.ReLU, Initializer.He)).ToList();
            foreach (var kind in new[] { ChartKind.Loss, ChartKind.LayerUpdate })
            {
                var chart = ChartBuilder.Build(rows, kind);
                using var png = new MemoryStream();
                PlotRenderer.Write(chart, png, ImageFormat.Png, 1600, 1000, 2.0);
                Assert.That(png.Length, Is.GreaterThan(10_000));
                Assert.That(TerminalRenderer.Render(chart, 100, 12), Is.Not.Empty);
            }
        }
    }
}
