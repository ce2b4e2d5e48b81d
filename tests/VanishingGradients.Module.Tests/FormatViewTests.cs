using System.Linq;
using NUnit.Framework;

namespace VanishingGradients.Module.Tests
{
    /// <summary>The default table views, rendered as a 120-column terminal shows them.</summary>
    [TestFixture, NonParallelizable]
    public class FormatViewTests : EngineFixture
    {
        private string Render(string command)
        {
            var result = Engine.Run($"{command} | Out-String -Width 120");
            Assert.That(result.Errors, Is.Empty, () => string.Join("\n", result.Errors));
            return string.Concat(result.Output.Select(o => o.ToString()));
        }

        [Test]
        public void Decay_table_shows_the_exact_products()
        {
            string text = Render("Measure-GradientDecay -Steps 6");
            Assert.That(text, Does.Contain("CumulativeGradient").And.Contain("LocalGradient").And.Contain("0.000244140625"));
        }

        [Test]
        public void Layer_statistics_fit_a_terminal_with_short_headers()
        {
            string text = Render("Invoke-DepthExperiment -Activation Sigmoid -Depth 3");
            Assert.That(text, Does.Contain("GradientNorm").And.Contain("Saturated").And.Contain("Dead"));
            Assert.That(text, Does.Not.Contain("SaturatedFraction"), "the view's short header, not the property list");
            foreach (string line in text.Split('\n')) Assert.That(line.TrimEnd().Length, Is.LessThanOrEqualTo(120));
        }

        [Test]
        public void Catalogue_and_points_use_their_views()
        {
            Assert.That(Render("Get-Activation -List"), Does.Contain("MaxDerivative").And.Contain("ZeroCentred").And.Not.Contain("Pros"));
            Assert.That(Render("0 | Get-Activation"), Does.Contain("Derivative").And.Contain("0.25"));
            Assert.That(Render("Invoke-DepthExperiment -Depth 3 -Summary"), Does.Contain("FirstLayerNorm").And.Contain("Ratio"));
            Assert.That(Render("Invoke-DepthExperiment Sigmoid -Depth 3 -BatchSize 4 -Remedy None, Residual, BatchNorm -Summary"),
                Does.Contain("Remedy").And.Contain("Residual").And.Contain("BatchNorm"));
            Assert.That(Render("Invoke-DepthExperiment Sigmoid -Depth 3 -Trials 10 -Summary"), Does.Contain("MedianRatio").And.Contain("10/10").And.Contain(" .. "));
            Assert.That(Render("Measure-GradientDecay -Bound -Steps 10,20"), Does.Contain("Bound").And.Contain("9.5367431640625E-07"));
        }
    }
}
