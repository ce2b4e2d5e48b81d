using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using VanishingGradients.Charts;

namespace VanishingGradients.Charts.Tests
{
    public class ThinningTests
    {
        // A million points of a smooth curve with one spike of a single point in the middle.
        private static Series Spiky(int n, int spikeAt)
        {
            var x = new double[n];
            var y = new double[n];
            for (int i = 0; i < n; i++) { x[i] = i; y[i] = Math.Sin(i * 1e-5); }
            y[spikeAt] = 50;
            return new Series("spiky", x, y, SeriesStyle.Line, 0);
        }

        [Test]
        public void A_thinned_series_keeps_at_most_four_points_per_column_and_its_extremes()
        {
            var s = Spiky(1_000_000, 654_321);
            var thin = Thinning.Thin(s, 800, logY: false);
            Assert.That(thin.X.Count, Is.LessThanOrEqualTo(4 * 800));
            Assert.That(thin.Y.Max(), Is.EqualTo(50), "the spike survives");
            Assert.That(thin.Y.Min(), Is.EqualTo(s.Y.Min()));
            Assert.That(thin.X.First(), Is.EqualTo(0));
            Assert.That(thin.X.Last(), Is.EqualTo(999_999));
            Assert.That(thin.X, Is.Ordered, "points stay in order");
            Assert.That(Thinning.Thin(Spiky(1000, 5), 800, logY: false).X.Count, Is.EqualTo(1000), "a small series is left alone");
        }

        [Test]
        public void An_svg_of_a_million_points_stays_small()
        {
            var panel = new Panel { XLabel = "i", YLabel = "y", Series = new[] { Spiky(1_000_000, 654_321) } };
            var chart = new Chart { Title = "A million points", Panels = new[] { panel } };
            using var stream = new MemoryStream();
            PlotRenderer.Write(chart, stream, ImageFormat.Svg, 800, 500);
            // 800 columns × 4 points at ~20 bytes each, plus axes: well under a megabyte (unthinned it is ~30 MB).
            Assert.That(stream.Length, Is.LessThan(400_000), "SVG bytes");
        }
    }
}
