using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NUnit.Framework;
using VanishingGradients.Charts;

namespace VanishingGradients.Charts.Tests
{
    /// <summary>The figures as the labs draw them, their size, and the terminal chart read without colour.</summary>
    public class LabFigureTests
    {
        private static List<object> Sweep(double start, double end, int count, double sign = -1) =>
            Enumerable.Range(0, count).Select(i => (object)GradientDecay.Scaled(Activations.Sigmoid, sign * (start + (end - start) * i / (count - 1)), 1.0)).ToList();

        private static List<object> Curve(Activation a, params double[] xs) => xs.Select(x => (object)a.At(x)).ToList();

        [Test]
        public void Scaled_input_draws_f_and_its_negative_derivative_against_r_with_a_zero_line()
        {
            // The lab: f(r) = σ(−r), f′(r) = −r·σ(−r)(1 − σ(−r)) at x = 1, for r from 0.5 to 9. Given as gains −r, shuffled.
            var records = Sweep(0.5, 9, 1000);
            records.Reverse();
            var chart = ChartBuilder.Build(records);
            Assert.That(chart.Panels, Has.Count.EqualTo(2));
            Assert.That(chart.Columns, Is.EqualTo(2));
            var (f, d) = (chart.Panels[0].Series.Single(), chart.Panels[1].Series.Single());
            Assert.That(f.X[0], Is.EqualTo(0.5).Within(1e-12), "the axis is r, from 0.5 up");
            Assert.That(f.X[999], Is.EqualTo(9).Within(1e-12));
            Assert.That(f.X, Is.Ordered);
            double s = 1 / (1 + Math.Exp(0.5));
            Assert.That(f.Y[0], Is.EqualTo(s).Within(1e-15));
            Assert.That(d.Y[0], Is.EqualTo(-0.5 * s * (1 - s)).Within(1e-15));
            Assert.That(d.Y, Is.All.LessThan(0), "f′(r) is negative for every r > 0");
            Assert.That(chart.Panels[1].ReferenceY, Is.EqualTo(new[] { 0.0 }));
            Assert.That(chart.Panels[1].Title, Does.Contain("−r·Sigmoid′(−r·x)"));
            Assert.That(chart.Title, Does.Contain("Sigmoid(−r·x)").And.Contain("r in [0.5, 9]"));
        }

        [Test]
        public void Positive_gains_keep_their_sign_and_one_curve_choice_gives_one_panel()
        {
            var chart = ChartBuilder.Build(Sweep(0.5, 9, 50, sign: 1), options: new ChartOptions { Curve = ActivationCurve.Derivative });
            var series = chart.Panels.Single().Series.Single();
            Assert.That(series.Y, Is.All.GreaterThan(0));
            Assert.That(chart.Title, Does.Contain("Sigmoid(r·x)"));
        }

        [Test]
        public void Curves_of_one_activation_with_two_parameters_stay_apart_and_say_which_is_which()
        {
            var points = Curve(Activations.PReLU(0.05, DerivativeAtZero.Right), -1, 0, 1).Concat(Curve(Activations.PReLU(0.25), -1, 0, 1)).ToList();
            var chart = ChartBuilder.Build(points, options: new ChartOptions { Layout = ChartLayout.Grid });
            Assert.That(chart.Panels.Select(p => p.Title), Is.EqualTo(new[] { "PReLU (a = 0.05)", "PReLU (a = 0.25)" }));
            Assert.That(chart.Panels[0].Series[1].Y, Is.EqualTo(new[] { 0.05, 1, 1 }), "f′(0) = 1 with the right-hand convention");
            Assert.That(chart.Panels[1].Series[1].Y, Is.EqualTo(new[] { 0.25, 0.25, 1 }));
            // A lone default-parameter curve keeps its plain name.
            Assert.That(ChartBuilder.Build(Curve(Activations.LeakyReLU, -1, 1)).Title, Is.EqualTo("LeakyReLU and its derivative"));
        }

        [Test]
        public void Networks_differing_in_remedy_and_initialiser_are_named_by_both()
        {
            LayerStatistics Row(string act, string init, string remedy, int layer) => new LayerStatistics
            {
                Activation = act, Initializer = init, Remedy = remedy, Depth = 2, Layer = layer, GradientNorm = layer,
            };
            var rows = new[] { ("Sigmoid", "Xavier", "None"), ("Sigmoid", "Xavier", "Residual"), ("ReLU", "He", "None") }
                .SelectMany(n => Enumerable.Range(1, 3).Select(l => (object)Row(n.Item1, n.Item2, n.Item3, l))).ToList();
            var chart = ChartBuilder.Build(rows, options: new ChartOptions { Layout = ChartLayout.Overlay });
            Assert.That(chart.Panels.Single().Series.Select(s => s.Label),
                Is.EqualTo(new[] { "Sigmoid, Xavier, no remedy", "Sigmoid, Xavier, residual", "ReLU, He, no remedy" }));
        }

        [Test]
        public void Default_images_are_wide_enough_for_a_projector()
        {
            foreach (var chart in new[] { ChartBuilder.Build(Curve(Activations.Sigmoid, -1, 0, 1)), ChartBuilder.Build(Sweep(0.5, 9, 20)) })
            {
                var size = PlotRenderer.Size(chart);
                Assert.That(size.Width, Is.GreaterThanOrEqualTo(1600));
                Assert.That(size.Scale, Is.EqualTo(PlotRenderer.DefaultScale));
            }
            var one = ChartBuilder.Build(Curve(Activations.Sigmoid, -1, 0, 1));
            Assert.That(PlotRenderer.Size(one, width: 800), Is.EqualTo((800, 500, 1.0)), "a width alone keeps the layout's shape");
            Assert.That(PlotRenderer.Size(one, scale: 3), Is.EqualTo((2400, 1500, 3.0)));
            Assert.That(PlotRenderer.Size(one, width: 160), Is.EqualTo((160, 100, PlotRenderer.MinScale)), "a thumbnail is drawn at the smallest scale, not refused");
            Assert.That(PlotRenderer.Size(one, width: 16000), Is.EqualTo((16000, 10000, PlotRenderer.MaxScale)));
        }

        [TestCase(1600, 1000, 0.1, "scale")]
        [TestCase(1600, 1000, double.NaN, "scale")]
        [TestCase(50, 1000, 1.0, "at least")]
        [TestCase(10_000, 10_000, 2.0, "megapixels")]
        [TestCase(400, 400, 8.0, "layout")]
        public void Sizes_that_cannot_work_are_refused_with_a_reason(int width, int height, double scale, string reason)
        {
            Assert.That(PlotRenderer.SizeProblem(width, height, scale), Does.Contain(reason));
            string dir = Path.Combine(Path.GetTempPath(), "vg-size-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                Assert.Throws<ArgumentOutOfRangeException>(() => ChartFile.Save(ChartBuilder.Build(Curve(Activations.Sigmoid, -1, 1)), Path.Combine(dir, "c.png"), width, height, scale));
                Assert.That(Directory.GetFiles(dir), Is.Empty);
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
            Assert.That(PlotRenderer.SizeProblem(1600, 1000, 2.0), Is.Null);
        }

        [Test]
        public void Terminal_series_differ_by_marker_glyph_without_colour()
        {
            var chart = ChartBuilder.Build(Enumerable.Range(0, 200).SelectMany(i => new[] { Activations.Sigmoid, Activations.Tanh })
                .Select((a, i) => (object)a.At(-5 + (i / 2) * 0.05)).ToList(), options: new ChartOptions { Curve = ActivationCurve.Value });
            var lines = TerminalRenderer.Render(chart, 80, 12);
            string plot = string.Concat(lines.Skip(2).Take(12));
            var legend = lines.Where(l => l.Contains("Sigmoid") || l.Contains("Tanh")).Skip(1).ToList(); // the first is the title
            Assert.That(legend, Has.Count.EqualTo(2));
            char first = TerminalRenderer.Markers[0], second = TerminalRenderer.Markers[1];
            Assert.That(legend[0], Does.Contain(first.ToString()).And.Contain("Sigmoid"));
            Assert.That(legend[1], Does.Contain(second.ToString()).And.Contain("Tanh"));
            Assert.That(plot.Count(c => c == first), Is.GreaterThanOrEqualTo(3), "Sigmoid's markers are on its curve");
            Assert.That(plot.Count(c => c == second), Is.GreaterThanOrEqualTo(3), "Tanh's markers are on its curve");
            Assert.That(string.Concat(lines), Does.Not.Contain("\u001b["));
        }

        [Test]
        public void Terminal_y_ticks_are_round_numbers_and_the_axis_ends_on_them()
        {
            // Sigmoid and its derivative over [-5, 5] once gave the ticks 5, 2 and -0.9999.
            var chart = ChartBuilder.Build(Enumerable.Range(0, 101).Select(i => (object)Activations.ReLU.At(-1 + i * 0.06)).ToList());
            var lines = TerminalRenderer.Render(chart, 60, 12);
            var ticks = lines.Where(l => l.Contains('┤')).Select(l => l.Substring(0, l.IndexOf('┤')).Trim()).ToList();
            Assert.That(ticks.Count, Is.InRange(3, 6));
            foreach (string t in ticks)
            {
                double v = double.Parse(t, System.Globalization.CultureInfo.InvariantCulture);
                if (v == 0) continue;
                double step = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(v))));
                Assert.That(new[] { 1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10 }.Any(m => Math.Abs(Math.Abs(v) / step - m) < 1e-9), $"'{t}' is a round number");
            }
            int top = lines.ToList().FindIndex(l => l.Contains('│') || l.Contains('┤'));
            Assert.That(lines[top], Does.Contain('┤'), "the axis ends on a labelled tick at the top");
            Assert.That(lines[top + 11], Does.Contain('┤'), "and at the bottom");
        }

        [TestCase(-0.9999, 5.0, 4, new[] { -2.0, 0, 2, 4, 6 })]
        [TestCase(0.1, 0.7, 7, new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7 })]
        [TestCase(0.00012, 0.377, 3, new[] { 0.0, 0.2, 0.4 })]
        public void Nice_ticks_are_whole_multiples_of_1_2_or_5(double min, double max, int count, double[] expected)
        {
            var ticks = TerminalRenderer.NiceTicks(min, max, count, logY: false, outward: true);
            Assert.That(ticks, Is.EqualTo(expected).Within(1e-12));
            Assert.That(ticks.Select(Format.Number), Has.None.Contains("0000"), "no binary noise such as 0.30000000000000004");
        }

        [Test]
        public void Log_ticks_are_whole_decades()
        {
            Assert.That(TerminalRenderer.NiceTicks(-13.2, -0.8, 5, logY: true, outward: true), Is.EqualTo(new[] { -16.0, -12, -8, -4, 0 }));
        }

        [Test]
        public void A_tangent_at_NaN_draws_no_tangent_instead_of_failing()
        {
            var chart = ChartBuilder.Build(Curve(Activations.Sigmoid, -1, 0, 1), options: new ChartOptions { TangentAt = double.NaN });
            Assert.That(chart.Panels.Single().Series.Select(s => s.Label), Has.None.StartWith("tangent"));
        }
    }
}
