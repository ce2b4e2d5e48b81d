using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using VanishingGradients.Charts;

namespace VanishingGradients.Charts.Tests
{
    public class RenderingTests
    {
        private static Chart SigmoidChart() => ChartBuilder.Build(
            Enumerable.Range(0, 50).Select(i => (object)Activations.Sigmoid.At(-5 + i * 0.2)).ToList());

        [TestCase(80)]
        [TestCase(40)]
        public void Terminal_lines_fit_the_width_and_use_braille(int width)
        {
            var lines = TerminalRenderer.Render(SigmoidChart(), width, height: 8);
            Assert.That(lines.Max(l => l.Length), Is.LessThanOrEqualTo(width));
            Assert.That(lines.Count(l => l.Any(c => c > '\u2800' && c <= '\u28FF')), Is.EqualTo(8));
            Assert.That(lines, Has.Some.Contains("Sigmoid′"));
        }

        [Test]
        public void Terminal_colours_only_on_request()
        {
            Assert.That(string.Concat(TerminalRenderer.Render(SigmoidChart())), Does.Not.Contain("\u001b["));
            Assert.That(string.Concat(TerminalRenderer.Render(SigmoidChart(), colour: true)), Does.Contain("\u001b[34m"));
        }

        [Test]
        public void Braille_dots_combine_within_a_cell()
        {
            var canvas = new BrailleCanvas(1, 1);
            canvas.Set(0, 0, 0);
            canvas.Set(1, 3, 1);
            Assert.That(canvas.Cell(0, 0), Is.EqualTo('\u2881'));
            Assert.That(canvas.Owner(0, 0), Is.EqualTo(1));
        }

        [Test]
        public void A_failed_save_leaves_no_file_behind()
        {
            string dir = Path.Combine(Path.GetTempPath(), "vg-chartfile-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                Assert.Throws<ArgumentOutOfRangeException>(() => ChartFile.Save(SigmoidChart(), Path.Combine(dir, "c.png"), width: 10, height: 10));
                Assert.Throws<ArgumentException>(() => ChartFile.Save(SigmoidChart(), Path.Combine(dir, "c.gif")));
                Assert.That(Directory.GetFiles(dir), Is.Empty);

                File.WriteAllText(Path.Combine(dir, "c.svg"), "old");
                Assert.Throws<IOException>(() => ChartFile.Save(SigmoidChart(), Path.Combine(dir, "c.svg")));
                Assert.That(File.ReadAllText(Path.Combine(dir, "c.svg")), Is.EqualTo("old"));
                ChartFile.Save(SigmoidChart(), Path.Combine(dir, "c.svg"), overwrite: true);
                Assert.That(File.ReadAllText(Path.Combine(dir, "c.svg")), Does.Contain("Sigmoid and its derivative"));
                Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName), Is.EqualTo(new[] { "c.svg" }));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
