using System.Linq;
using NUnit.Framework;
using VanishingGradients;

namespace VanishingGradients.Tests
{
    /// <summary>Statistics over trials (MathNet): numpy's percentile conventions and the binomial interval of the median.</summary>
    public class TrialSummaryTests
    {
        private static DepthSummary Network(int trial, double first, double last, string activation = "Sigmoid") =>
            new DepthSummary(activation, "Xavier", 10, trial, first, last, last == 0 ? null : first / last);

        [Test]
        public void Medians_and_quartiles_are_numpys()
        {
            // Ratios 1..4 (numpy: median 2.5, percentile 25 → 1.75, 75 → 3.25); the dead trial counts for the norms only.
            var rows = new[] { Network(0, 4, 1), Network(1, 2, 1), Network(2, 3, 1), Network(3, 1, 1), Network(4, 7, 0) };
            var s = TrialSummary.Over(rows).Single();
            Assert.That((s.Trials, s.LiveTrials), Is.EqualTo((5, 4)));
            Assert.That((s.Ratio, s.RatioLowerQuartile, s.RatioUpperQuartile), Is.EqualTo(((double?)2.5, (double?)1.75, (double?)3.25)));
            Assert.That((s.FirstLayerNorm, s.LastLayerNorm), Is.EqualTo((3.0, 1.0)));
            Assert.That(s.RatioMedianLow, Is.Null, "4 trials are too few for a 95% interval");
        }

        [TestCase(5, 0, 0)]
        [TestCase(6, 1, 6)]
        [TestCase(10, 2, 9)]
        [TestCase(50, 18, 33)]
        [TestCase(100, 40, 61)]
        [TestCase(1_000_000, 499_020, 500_981)]
        // Ranks from scipy: the largest k with binom.cdf(k - 1, n, 0.5) <= 0.025, and n + 1 - k.
        public void Median_interval_ranks_match_the_binomial_table(int n, int low, int high) =>
            Assert.That(TrialSummary.MedianInterval(n), Is.EqualTo((low, high)));

        [Test]
        public void Configurations_are_summarised_separately_and_all_dead_gives_no_ratio()
        {
            var rows = new[] { Network(0, 1, 2), Network(1, 1, 4), Network(0, 0, 0, "ReLU"), Network(1, 0, 0, "ReLU") };
            var s = TrialSummary.Over(rows).ToArray();
            Assert.That(s.Select(x => x.Activation), Is.EqualTo(new[] { "Sigmoid", "ReLU" }));
            Assert.That(s[0].Ratio, Is.EqualTo(0.375));
            Assert.That((s[1].LiveTrials, s[1].Ratio, s[1].RatioLowerQuartile), Is.EqualTo((0, (double?)null, (double?)null)));
        }
    }
}
