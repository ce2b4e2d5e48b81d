using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using VanishingGradients.Charts;

namespace VanishingGradients.Charts.Tests
{
    public class ChartBuilderTests
    {
        private static List<object> Curve(Activation a, double start, double end, int count) =>
            Enumerable.Range(0, count).Select(i => (object)a.At(start + (end - start) * i / (count - 1))).ToList();

        private static List<object> Layers(string activation, int depth, Func<int, double> norm, string init = "Xavier") =>
            Enumerable.Range(1, depth + 1).Select(l => (object)new LayerStatistics
            {
                Activation = activation, Initializer = init, Depth = depth, Layer = l, GradientNorm = norm(l), ActivationMean = 0.5, ActivationStd = 0.1,
            }).ToList();

        [Test]
        public void Activation_curves_have_a_solid_value_and_a_dashed_derivative_in_one_colour()
        {
            var chart = ChartBuilder.Build(Curve(Activations.Sigmoid, -5, 5, 100));
            Assert.That(chart.Title, Is.EqualTo("Sigmoid and its derivative"));
            var series = chart.Panels.Single().Series;
            Assert.That(series.Select(s => (s.Label, s.Pattern, s.Colour)), Is.EqualTo(new[] { ("Sigmoid", 0, 0), ("Sigmoid′", 1, 0) }));
            Assert.That(series[1].Y.Max(), Is.EqualTo(0.25).Within(1e-3));
        }

        [Test]
        public void Tangent_at_a_grid_point_is_exact_and_spans_the_labs_width()
        {
            var chart = ChartBuilder.Build(Curve(Activations.Sigmoid, -5, 5, 101), options: new ChartOptions { TangentAt = 0 });
            var tangent = chart.Panels.Single().Series.Single(s => s.Label.StartsWith("tangent"));
            Assert.That(tangent.X, Is.EqualTo(new[] { -1.7, 0, 1.7 }).Within(1e-12));
            Assert.That(tangent.Y, Is.EqualTo(new[] { 0.5 - 0.25 * 1.7, 0.5, 0.5 + 0.25 * 1.7 }).Within(1e-12));
        }

        [Test]
        public void Grid_layout_gives_one_panel_per_activation_side_by_side()
        {
            var points = Curve(Activations.Sigmoid, -5, 5, 10).Concat(Curve(Activations.ReLU, -5, 5, 10)).ToList();
            var chart = ChartBuilder.Build(points, options: new ChartOptions { Layout = ChartLayout.Grid });
            Assert.That(chart.Panels.Select(p => p.Title), Is.EqualTo(new[] { "Sigmoid", "ReLU" }));
            Assert.That((chart.Rows, chart.Columns), Is.EqualTo((1, 2)));
        }

        [Test]
        public void Gradient_norms_are_lines_per_depth_and_bars_for_a_single_network()
        {
            var several = Layers("Sigmoid", 3, l => Math.Pow(10, -l)).Concat(Layers("Sigmoid", 5, l => Math.Pow(10, -l))).ToList();
            var lines = ChartBuilder.Build(several).Panels.Single();
            Assert.That(lines.LogY, Is.True);
            Assert.That(lines.Series.Select(s => (s.Label, s.Style)), Is.EqualTo(new[] { ("depth 3", SeriesStyle.LineWithMarkers), ("depth 5", SeriesStyle.LineWithMarkers) }));

            var one = ChartBuilder.Build(Layers("Sigmoid", 10, l => l).Concat(Layers("ReLU", 10, l => 1)).ToList());
            Assert.That(one.Panels.Select(p => p.Title), Is.EqualTo(new[] { "Sigmoid, depth 10", "ReLU, depth 10" }));
            Assert.That(one.Panels.SelectMany(p => p.Series).Select(s => s.Style), Is.All.EqualTo(SeriesStyle.Bars));
            Assert.That(one.ShareY, Is.True);
        }

        [Test]
        public void Zeros_are_left_out_of_a_log_axis_and_all_zeros_is_an_error()
        {
            var series = ChartBuilder.Build(Layers("ReLU", 3, l => l == 2 ? 0 : 1)).Panels.Single().Series.Single();
            Assert.That(Drawable.Points(series, logY: true).Select(p => p.X), Is.EqualTo(new[] { 1.0, 3.0, 4.0 }));
            var e = Assert.Throws<ChartInputException>(() => ChartBuilder.Build(Layers("ReLU", 3, l => 0)))!;
            Assert.That(e.Problem, Is.EqualTo(ChartInputProblem.NothingToDraw));
            Assert.That(ChartBuilder.Build(Layers("ReLU", 3, l => 0), options: new ChartOptions { LogY = false }).Panels.Single().LogY, Is.False);
        }

        [Test]
        public void Bad_input_says_what_is_wrong()
        {
            Assert.That(Assert.Throws<ChartInputException>(() => ChartBuilder.Build(new List<object>()))!.Problem, Is.EqualTo(ChartInputProblem.Empty));
            Assert.That(Assert.Throws<ChartInputException>(() => ChartBuilder.Build(new List<object> { "text" }))!.Problem, Is.EqualTo(ChartInputProblem.Unsupported));
            var mixed = new List<object> { Activations.Sigmoid.At(0), new DecayStep("Sigmoid", 0, 1, 0.25, 0.25) };
            Assert.That(Assert.Throws<ChartInputException>(() => ChartBuilder.Build(mixed))!.Problem, Is.EqualTo(ChartInputProblem.Mixed));
            var e = Assert.Throws<ChartInputException>(() => ChartBuilder.Build(Curve(Activations.Tanh, -1, 1, 5), ChartKind.Decay))!;
            Assert.That(e.Problem, Is.EqualTo(ChartInputProblem.KindMismatch));
            Assert.That(e.Message, Does.Contain("DecayStep").And.Contain("ActivationPoint"));
        }

        [Test]
        public void Exploding_activations_get_a_log_axis_with_a_dashed_spread()
        {
            var rows = Enumerable.Range(1, 5).Select(l => (object)new LayerStatistics
            {
                Activation = "ReLU", Initializer = "StandardNormal", Depth = 4, Layer = l, ActivationMean = Math.Pow(10, l), ActivationStd = Math.Pow(10, l),
            }).ToList();
            var panel = ChartBuilder.Build(rows, ChartKind.ActivationStatistics).Panels.Single();
            Assert.That(panel.LogY, Is.True);
            Assert.That(panel.Series.Select(s => s.Pattern), Is.EqualTo(new[] { 0, 1 }));
        }

        [TestCase(0.0, "0")]
        [TestCase(-0.0, "0")]
        [TestCase(0.25, "0.25")]
        [TestCase(5.576e-05, "5.576e-5")]
        public void Numbers_are_short(double value, string text) => Assert.That(Format.Number(value), Is.EqualTo(text));
    }
}
