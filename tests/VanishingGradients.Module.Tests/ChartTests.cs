using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using NUnit.Framework;

namespace VanishingGradients.Module.Tests
{
    /// <summary>
    /// Export-GradientChart and Show-GradientChart in the hosted engine. Rendering a PNG and an SVG from inside the
    /// imported module is also the proof that SkiaSharp's native library loads from the module folder.
    /// </summary>
    [TestFixture, NonParallelizable]
    public class ChartTests : EngineFixture
    {
        private string _dir = "";


        [SetUp]
        public void MakeFolder()
        {
            _dir = Path.Combine(Path.GetTempPath(), "vg-charts-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_dir);
        }

        [TearDown] public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

        private string In(string name) => Path.Combine(_dir, name);

        private ScriptResult Run(string script) => Engine.Run(script.Replace("{dir}", _dir));

        private static void AssertNoErrors(ScriptResult r) =>
            Assert.That(r.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e), Is.Empty);

        // A real picture: several colours (lines, text, grid) and a fair amount of non-white ink.
        private static PngImage AssertRealPng(string path, int width, int height)
        {
            var bytes = File.ReadAllBytes(path);
            Assert.That(PngImage.HasSignature(bytes), "PNG signature");
            Assert.That(PngImage.ReadSize(bytes), Is.EqualTo((width, height)));
            var image = PngImage.Read(bytes);
            Assert.That(image.DistinctColours(), Is.GreaterThan(20), "distinct colours");
            double ink = image.Pixels.Count(p => p != 0xFFFFFFFF) / (double)image.Pixels.Length;
            Assert.That(ink, Is.InRange(0.01, 0.6), "share of non-white pixels");
            return image;
        }

        /// <summary>The terminating error a script ends with, caught inside the script so no engine exception type matters.</summary>
        private ErrorRecord Failure(string script)
        {
            var r = Run($"try {{ {script} -ErrorAction Stop }} catch {{ $_ }}");
            return r.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().Concat(r.Errors).FirstOrDefault()
                ?? throw new AssertionException("The script did not fail: " + script);
        }

        private void AssertOnlyFiles(params string[] names) =>
            Assert.That(Directory.GetFiles(_dir).Select(Path.GetFileName), Is.EquivalentTo(names), "no temporary or partial files are left");

        [Test]
        public void Both_chart_cmdlets_are_exported()
        {
            var names = Run("(Get-Command -Module VanishingGradients).Name").Output.Select(o => o.ToString());
            Assert.That(names, Is.SupersetOf(new[] { "Export-GradientChart", "Show-GradientChart" }));
            Assert.That(Engine.ImportWarnings, Is.Empty);
        }

        [Test]
        public void Activation_curves_render_to_a_png_of_the_requested_size()
        {
            var r = Run("Get-Activation -Name Sigmoid -Start -5 -End 5 -Count 100 | Export-GradientChart -Path '{dir}/sigmoid.png' -Width 640 -Height 400");
            AssertNoErrors(r);
            Assert.That(r.Output, Is.Empty, "nothing is written without -PassThru");
            AssertRealPng(In("sigmoid.png"), 640, 400);
            AssertOnlyFiles("sigmoid.png");
        }

        [Test]
        public void Svg_holds_the_title_axis_labels_and_series_labels()
        {
            var r = Run("Measure-GradientDecay -Name Sigmoid -Input 0,2 -Steps 20 | Export-GradientChart -Path '{dir}/decay.svg' -PassThru");
            AssertNoErrors(r);
            Assert.That(r.Objects<FileInfo>().Single().FullName, Is.EqualTo(In("decay.svg")));
            string svg = File.ReadAllText(In("decay.svg"));
            Assert.That(svg, Does.StartWith("<?xml").Or.StartWith("<svg"));
            Assert.That(svg, Does.Contain("<svg").And.Contain("</svg>"));
            Assert.That(svg, Does.Contain("Gradient decay: the product of n local gradients"));
            Assert.That(svg, Does.Contain("Sigmoid, x = 0 (g = 0.25)").And.Contain("Sigmoid, x = 2"));
            Assert.That(svg, Does.Contain("step n").And.Contain("(log scale)"));
            Assert.That(svg, Does.Contain("10⁻"), "log-axis ticks are labelled as powers of ten");
        }

        [Test]
        public void Title_option_replaces_the_generated_title()
        {
            AssertNoErrors(Run("Get-Activation Tanh,ReLU | Export-GradientChart '{dir}/t.svg' -Title 'My own title'"));
            string svg = File.ReadAllText(In("t.svg"));
            Assert.That(svg, Does.Contain("My own title").And.Contain("Tanh′").And.Contain("ReLU′"));
            Assert.That(svg, Does.Not.Contain("their derivatives"));
        }

        [TestCase("Get-Activation Sigmoid,Tanh,ReLU,LeakyReLU,ELU,GELU | Export-GradientChart '{dir}/c.png' -Layout Grid", 3360, 1688)]
        [TestCase("Get-Activation Sigmoid | Export-GradientChart '{dir}/c.png' -Kind Compression", 1600, 2488)]
        [TestCase("Get-Activation Sigmoid | Export-GradientChart '{dir}/c.png' -TangentAt 2", 1600, 1000)]
        [TestCase("Measure-GradientDecay Sigmoid -Input 1 -Gain (1..90 | % { $_ / 10 }) | Export-GradientChart '{dir}/c.png'", 2240, 888)]
        [TestCase("Measure-GradientDecay Sigmoid,Tanh,ReLU -Bound -Steps 20 | Export-GradientChart '{dir}/c.png'", 1600, 1000)]
        [TestCase("Invoke-DepthExperiment -Activation Sigmoid,ReLU -Depth 3,5,10,20 | Export-GradientChart '{dir}/c.png'", 2240, 888)]
        [TestCase("Invoke-DepthExperiment -Activation Sigmoid -Depth 10 -Features 8 -Hidden 15 | Export-GradientChart '{dir}/c.png'", 1600, 1000)]
        [TestCase("Invoke-DepthExperiment -Activation Tanh -Initializer Xavier,He,StandardNormal -Depth 10,20 | Export-GradientChart '{dir}/c.png' -Kind ActivationStatistics", 2240, 888)]
        public void Every_chart_kind_renders(string script, int width, int height)
        {
            AssertNoErrors(Run(script));
            AssertRealPng(In("c.png"), width, height);
            AssertOnlyFiles("c.png");
        }

        [Test]
        public void Scale_sets_how_large_the_picture_is_drawn()
        {
            AssertNoErrors(Run("Get-Activation Sigmoid | Export-GradientChart '{dir}/s.png' -Scale 1"));
            AssertRealPng(In("s.png"), 800, 500);
            AssertNoErrors(Run("Get-Activation Sigmoid | Export-GradientChart '{dir}/w.png' -Width 1000 -Height 800 -Scale 2"));
            AssertRealPng(In("w.png"), 1000, 800);
        }

        [TestCase("-Scale 0", "ParameterArgumentValidationError", ErrorCategory.InvalidData)]
        [TestCase("-Scale 11", "ParameterArgumentValidationError", ErrorCategory.InvalidData)]
        [TestCase("-Width 50", "ParameterArgumentValidationError", ErrorCategory.InvalidData)]
        [TestCase("-Width 20000 -Height 20000", "ExportGradientChartInvalidSize", ErrorCategory.InvalidArgument)]
        [TestCase("-Width 300 -Height 300 -Scale 8", "ExportGradientChartInvalidSize", ErrorCategory.InvalidArgument)]
        [TestCase("-Width 300 -Scale 8", "ExportGradientChartInvalidSize", ErrorCategory.InvalidArgument)]
        public void Sizes_that_cannot_work_are_errors_and_write_nothing(string size, string errorId, ErrorCategory category)
        {
            var error = Failure($"Get-Activation Sigmoid | Export-GradientChart '{{dir}}/bad.png' {size}");
            Assert.That(error.FullyQualifiedErrorId, Does.StartWith(errorId));
            Assert.That(error.CategoryInfo.Category, Is.EqualTo(category));
            AssertOnlyFiles();
        }

        [TestCase("Export-GradientChart '{dir}/t.png' -TangentAt NaN", "ExportGradientChartTangentNotFinite")]
        [TestCase("Show-GradientChart -TangentAt ([double]::PositiveInfinity)", "ShowGradientChartTangentNotFinite")]
        [TestCase("Show-GradientChart -TangentAt NaN", "ShowGradientChartTangentNotFinite")]
        public void A_tangent_at_a_non_finite_x_is_an_error_record(string command, string errorId)
        {
            var error = Failure("Get-Activation Sigmoid | " + command);
            Assert.That(error.FullyQualifiedErrorId, Does.StartWith(errorId));
            Assert.That(error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidArgument));
            AssertOnlyFiles();
        }

        [Test]
        public void A_single_network_is_drawn_as_bars_labelled_with_its_depth()
        {
            AssertNoErrors(Run("Invoke-DepthExperiment -Activation Sigmoid,ReLU -Depth 10 -Features 8 -Hidden 15 -Seed 42 | Export-GradientChart '{dir}/bars.svg'"));
            string svg = File.ReadAllText(In("bars.svg"));
            Assert.That(svg, Does.Contain("Sigmoid, depth 10").And.Contain("ReLU, depth 10"));
            Assert.That(svg, Does.Contain("layer (1 = input side)").And.Contain("gradient norm"));
        }

        [Test]
        public void WhatIf_writes_nothing()
        {
            var r = Run("Get-Activation Sigmoid | Export-GradientChart '{dir}/w.png' -WhatIf");
            AssertNoErrors(r);
            AssertOnlyFiles();
        }

        [Test]
        public void An_existing_file_is_kept_unless_Force_is_given()
        {
            File.WriteAllText(In("keep.png"), "old");
            var refused = Failure("Get-Activation Sigmoid | Export-GradientChart '{dir}/keep.png'");
            Assert.That(refused.FullyQualifiedErrorId, Does.StartWith("ExportGradientChartFileExists"));
            Assert.That(refused.CategoryInfo.Category, Is.EqualTo(ErrorCategory.ResourceExists));
            Assert.That(File.ReadAllText(In("keep.png")), Is.EqualTo("old"));

            AssertNoErrors(Run("Get-Activation Sigmoid | Export-GradientChart '{dir}/keep.png' -Force"));
            AssertRealPng(In("keep.png"), 1600, 1000);
            AssertOnlyFiles("keep.png");
        }

        [Test]
        public void A_bad_path_stops_the_pipeline_before_the_input_is_computed()
        {
            // Counted, not timed: no row of the experiment may reach the chart once its path is known to be bad.
            var r = Run("$seen = 0; try { Invoke-DepthExperiment -Depth 5 -Trials 3 | ForEach-Object { $seen++; $_ } | "
                + "Export-GradientChart '{dir}/chart.jpg' -ErrorAction Stop } catch { $_ }; $seen");
            var e = r.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().Single();
            Assert.That(r.Output.Select(o => o.BaseObject).OfType<int>().Single(), Is.EqualTo(0), "rows computed before the path was checked");
            Assert.That(e.FullyQualifiedErrorId, Does.StartWith("ExportGradientChartUnsupportedFormat"));
            var missing = Failure("Get-Activation | Export-GradientChart '{dir}/no/such/c.png'");
            Assert.That(missing.FullyQualifiedErrorId, Does.StartWith("ExportGradientChartDirectoryNotFound"));
            var notFiles = Failure("Get-Activation | Export-GradientChart 'Variable:/c.png'");
            Assert.That(notFiles.FullyQualifiedErrorId, Does.StartWith("ExportGradientChartNotFileSystem"));
            AssertOnlyFiles();
        }

        [Test]
        public void Paths_go_through_the_provider_and_LiteralPath_keeps_wildcard_characters()
        {
            // The bare engine has no Push-Location; the session state API does the same.
            AssertNoErrors(Run("$here = $PWD.Path; $null = $ExecutionContext.SessionState.Path.SetLocation('{dir}'); "
                + "try { Get-Activation | Export-GradientChart rel.png } finally { $null = $ExecutionContext.SessionState.Path.SetLocation($here) }"));
            AssertNoErrors(Run("Get-Activation | Export-GradientChart -LiteralPath '{dir}/chart[1].svg'"));
            AssertOnlyFiles("rel.png", "chart[1].svg");
        }

        [Test]
        public void Path_expands_wildcards_to_one_existing_file_as_Out_File_does()
        {
            File.WriteAllText(In("existing.png"), "old");
            AssertNoErrors(Run("Get-Activation | Export-GradientChart -Path '{dir}/exist*.png' -Force"));
            AssertRealPng(In("existing.png"), 1600, 1000);
            AssertOnlyFiles("existing.png");

            var none = Failure("Get-Activation | Export-GradientChart -Path '{dir}/nothing*.png'");
            Assert.That(none.FullyQualifiedErrorId, Does.StartWith("ExportGradientChartPathNotFound"));
            Assert.That(none.CategoryInfo.Category, Is.EqualTo(ErrorCategory.ObjectNotFound));
            Assert.That(none.Exception.Message, Does.Contain("-LiteralPath"));

            File.WriteAllText(In("existing2.png"), "other");
            var two = Failure("Get-Activation | Export-GradientChart -Path '{dir}/exist*.png' -Force");
            Assert.That(two.FullyQualifiedErrorId, Does.StartWith("ExportGradientChartAmbiguousPath"));
            Assert.That(two.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidArgument));
            Assert.That(File.ReadAllText(In("existing2.png")), Is.EqualTo("other"));
            AssertOnlyFiles("existing.png", "existing2.png");
        }

        [Test]
        public void Objects_that_cannot_be_charted_are_reported_and_nothing_is_written()
        {
            var r = Run("try { 1, 'two' | Export-GradientChart '{dir}/x.png' } catch { $_ }");
            Assert.That(r.Errors.Select(e => e.FullyQualifiedErrorId), Is.All.StartWith("ExportGradientChartUnsupportedInput"));
            Assert.That(r.Errors, Has.Count.EqualTo(2));
            Assert.That(r.Errors[0].Exception.Message, Does.Contain("System.Int32").And.Contain("ActivationPoint"));
            var final = (ErrorRecord)r.Output.Single().BaseObject;
            Assert.That(final.FullyQualifiedErrorId, Does.StartWith("ExportGradientChartUnsupportedInput"));
            Assert.That(final.Exception.Message, Does.Contain("None of the 2 object(s) piped in can be charted"));
            AssertOnlyFiles();
        }

        [TestCase("@() | Export-GradientChart '{dir}/x.png'", "ExportGradientChartNoInput")]
        [TestCase("@(Get-Activation -Count 3) + @(Measure-GradientDecay) | Export-GradientChart '{dir}/x.png'", "ExportGradientChartMixedInput")]
        [TestCase("Get-Activation | Export-GradientChart '{dir}/x.png' -Kind GradientNorm", "ExportGradientChartKindMismatch")]
        [TestCase("Get-Activation ReLU -Start -5 -End -1 | Export-GradientChart '{dir}/x.png' -LogScale", "ExportGradientChartNothingToDraw")]
        [TestCase("@() | Show-GradientChart", "ShowGradientChartNoInput")]
        [TestCase("$null = New-Item -ItemType Directory '{dir}/d.png'; Get-Activation | Export-GradientChart '{dir}/d.png' -Force", "ExportGradientChartPathIsDirectory")]
        public void Input_that_makes_no_chart_is_a_terminating_error(string script, string errorId)
        {
            var error = Failure(script);
            Assert.That(error.FullyQualifiedErrorId, Does.StartWith(errorId));
            Assert.That(error.Exception.Message, Is.Not.Empty);
            AssertOnlyFiles();
        }

        [Test]
        public void Show_draws_braille_lines_within_the_width()
        {
            var r = Run("Get-Activation Sigmoid,ReLU | Show-GradientChart -Width 60 -Height 10");
            AssertNoErrors(r);
            var lines = r.Output.Select(o => (string)o.BaseObject).ToArray();
            Assert.That(lines, Has.Some.Contains("Sigmoid, ReLU and their derivatives"));
            Assert.That(lines.Max(l => l.Length), Is.LessThanOrEqualTo(60));
            Assert.That(lines.Count(l => l.Any(c => c >= '\u2801' && c <= '\u28FF')), Is.GreaterThanOrEqualTo(8), "braille plot rows");
            Assert.That(lines, Has.Some.Contains("ReLU′"), "legend");
            Assert.That(string.Concat(lines), Does.Not.Contain("\u001b["), "no ANSI colours in a host without a virtual terminal");
        }

        [Test]
        public void Show_fits_80_columns_without_a_console()
        {
            var lines = Run("Invoke-DepthExperiment -Activation Sigmoid,ReLU -Depth 3,10 | Show-GradientChart").Output.Select(o => (string)o.BaseObject).ToArray();
            Assert.That(lines.Max(l => l.Length), Is.LessThanOrEqualTo(80));
            Assert.That(lines, Has.Some.Contains("depth 10"));
            Assert.That(lines, Has.Some.Contains("(log scale)"));
        }
    }
}
