using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using NUnit.Framework;

namespace VanishingGradients.Module.Tests
{
    /// <summary>
    /// The module's load context (src/VanishingGradients.PowerShell/ModuleLoadContext.cs): after a chart is drawn, the
    /// chart renderer and its libraries come from the module's deps/ folder, in the module's own context, and
    /// SkiaSharp's native library from deps/&lt;rid&gt;/. tests/pester/DependencyIsolation.Tests.ps1 checks the point
    /// of it in a real pwsh: another SkiaSharp loaded first does not break the charts.
    /// </summary>
    [TestFixture, NonParallelizable]
    public class LoadContextTests : EngineFixture
    {
        private static string ModuleFolder => Path.GetDirectoryName(Engine.ManifestPath)!;

        [OneTimeSetUp]
        public void DrawAChart()
        {
            string file = Path.Combine(Path.GetTempPath(), "vg-context-" + Guid.NewGuid().ToString("N") + ".png");
            try
            {
                var result = Engine.Run($"Get-Activation -Name Sigmoid -Count 20 | Export-GradientChart -Path '{file}'");
                Assert.That(result.Errors, Is.Empty);
                Assert.That(File.Exists(file));
            }
            finally
            {
                File.Delete(file);
            }
        }

        [TestCase("VanishingGradients.Charts")]
        [TestCase("ScottPlot")]
        [TestCase("SkiaSharp")]
        public void Chart_libraries_load_from_deps_in_the_module_context(string name)
        {
            var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == name).ToArray();
            Assert.That(loaded, Has.Length.EqualTo(1), $"one {name}");
            Assert.That(AssemblyLoadContext.GetLoadContext(loaded[0])!.Name, Is.EqualTo("VanishingGradients"));
            Assert.That(Path.GetDirectoryName(loaded[0].Location), Is.EqualTo(Path.Combine(ModuleFolder, "deps")));
        }

        [Test]
        public void Cmdlets_stay_in_the_default_context_where_PowerShell_resolves_type_names()
        {
            var cmdlets = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "VanishingGradients.PowerShell");
            Assert.That(AssemblyLoadContext.GetLoadContext(cmdlets), Is.SameAs(AssemblyLoadContext.Default));
            Assert.That(Engine.Run("[VanishingGradients.Softmax]::Evaluate([double[]](1, 1))").Output.Select(o => (double)o.BaseObject),
                Is.EqualTo(new[] { 0.5, 0.5 }));
        }

        [Test]
        public void SkiaSharp_native_library_comes_from_the_deps_folder_of_this_platform()
        {
            if (!OperatingSystem.IsLinux()) Assert.Ignore("reads /proc/self/maps");
            var skia = File.ReadLines("/proc/self/maps").Where(l => l.Contains("libSkiaSharp")).Select(l => l[l.IndexOf('/')..]).Distinct().ToArray();
            Assert.That(skia, Has.Length.EqualTo(1));
            Assert.That(Path.GetDirectoryName(Path.GetDirectoryName(skia[0])), Is.EqualTo(Path.Combine(ModuleFolder, "deps")));
        }
    }
}
