using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace VanishingGradients
{
    /// <summary>
    /// The lab's printout over many random networks of one configuration: medians of the first- and last-layer norms,
    /// and the distribution of the first/last ratio over the trials whose last layer has a gradient (quartiles, and a
    /// distribution-free 95% confidence interval of its median). Quantiles interpolate linearly, as numpy's percentile does.
    /// </summary>
    public sealed record TrialSummary
    {
        public string Activation { get; init; } = "";
        public string Initializer { get; init; } = "";
        public string Remedy { get; init; } = nameof(VanishingGradients.Remedy.None);
        public int Depth { get; init; }
        public int Trials { get; init; }
        /// <summary>Trials whose last-layer norm is not 0, so that their ratio exists (a dead ReLU output has none).</summary>
        public int LiveTrials { get; init; }
        /// <summary>Median over all trials.</summary>
        public double FirstLayerNorm { get; init; }
        /// <summary>Median over all trials.</summary>
        public double LastLayerNorm { get; init; }
        /// <summary>Median first/last ratio over the live trials; null when there are none.</summary>
        public double? Ratio { get; init; }
        public double? RatioLowerQuartile { get; init; }
        public double? RatioUpperQuartile { get; init; }
        /// <summary>
        /// A 95% confidence interval of the median ratio from order statistics (binomial, no assumption on the distribution);
        /// null with fewer than 6 live trials, too few for 95%.
        /// </summary>
        public double? RatioMedianLow { get; init; }
        public double? RatioMedianHigh { get; init; }

        /// <summary>One summary per run of consecutive summaries of the same configuration (the order of <see cref="DepthExperiment.Run"/>).</summary>
        public static IEnumerable<TrialSummary> Over(IEnumerable<DepthSummary> networks)
        {
            if (networks == null) throw new ArgumentNullException(nameof(networks));
            var group = new List<DepthSummary>();
            foreach (var s in networks)
            {
                if (group.Count > 0 && !SameConfiguration(group[0], s))
                {
                    yield return Of(group);
                    group.Clear();
                }
                group.Add(s);
            }
            if (group.Count > 0) yield return Of(group);
        }

        private static bool SameConfiguration(DepthSummary a, DepthSummary b) =>
            a.Activation == b.Activation && a.Initializer == b.Initializer && a.Remedy == b.Remedy && a.Depth == b.Depth;

        private static TrialSummary Of(List<DepthSummary> group)
        {
            var ratios = group.Where(s => s.Ratio.HasValue).Select(s => s.Ratio!.Value).ToArray();
            Array.Sort(ratios);
            var (low, high) = MedianInterval(ratios.Length);
            bool live = ratios.Length > 0;
            return new TrialSummary
            {
                Activation = group[0].Activation, Initializer = group[0].Initializer, Remedy = group[0].Remedy, Depth = group[0].Depth,
                Trials = group.Count, LiveTrials = ratios.Length,
                FirstLayerNorm = group.Select(s => s.FirstLayerNorm).Median(),
                LastLayerNorm = group.Select(s => s.LastLayerNorm).Median(),
                Ratio = live ? SortedArrayStatistics.Median(ratios) : null,
                RatioLowerQuartile = live ? SortedArrayStatistics.QuantileCustom(ratios, 0.25, QuantileDefinition.R7) : null,
                RatioUpperQuartile = live ? SortedArrayStatistics.QuantileCustom(ratios, 0.75, QuantileDefinition.R7) : null,
                RatioMedianLow = low > 0 ? ratios[low - 1] : null,
                RatioMedianHigh = low > 0 ? ratios[high - 1] : null,
            };
        }

        /// <summary>
        /// 1-based ranks (k, n + 1 - k) of the order statistics that bracket the median with at least 95% confidence: the
        /// largest k with P(Binomial(n, ½) &lt; k) ≤ 2.5%. (0, 0) when no k qualifies (n &lt; 6).
        /// </summary>
        internal static (int Low, int High) MedianInterval(int n)
        {
            // P(X < k) = CDF(k - 1) grows with k: bisect for the last k in [0, n/2] where it is still ≤ 2.5%.
            int lo = 0, hi = n / 2;
            while (lo < hi)
            {
                int mid = (lo + hi + 1) / 2;
                if (Binomial.CDF(0.5, n, mid - 1) <= 0.025) lo = mid;
                else hi = mid - 1;
            }
            return lo == 0 ? (0, 0) : (lo, n + 1 - lo);
        }
    }
}
