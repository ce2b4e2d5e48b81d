using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using NUnit.Framework;

namespace VanishingGradients.Module.Tests
{
    /// <summary>
    /// The PowerShell Gallery package: packs the module already assembled by this build (dotnet pack --no-build) into a
    /// temporary folder, then checks its layout, its nuspec against the manifest, and that the extracted manifest is valid.
    /// </summary>
    [TestFixture, NonParallelizable]
    public class PackageTests : EngineFixture
    {
#if DEBUG
        private const string Configuration = "Debug";
#else
        private const string Configuration = "Release";
#endif
        private string _work = "";
        private string _package = "";
        private ZipArchive _zip = null!;
        private XElement _metadata = null!;

        private static string ModuleFolder => Path.GetDirectoryName(Engine.ManifestPath)!;

        private static string VersionPrefix => XDocument.Load(Path.Combine(Repository.Root, "Directory.Build.props"))
            .Descendants("VersionPrefix").Single().Value;

        [OneTimeSetUp]
        public void Pack()
        {
            _work = Path.Combine(Path.GetTempPath(), "vg-package-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_work);
            string project = Path.Combine(Repository.Root, "module", "VanishingGradients.Module.csproj");
            var (code, output) = Dotnet("pack", project, "--no-build", "-c", Configuration, "-o", _work, "-nologo");
            Assert.That(code, Is.Zero, output);
            _package = Directory.GetFiles(_work, "*.nupkg").Single();
            _zip = ZipFile.OpenRead(_package);
            var nuspec = XDocument.Load(_zip.GetEntry("VanishingGradients.nuspec")!.Open());
            _metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        }

        [OneTimeTearDown]
        public void Clean()
        {
            _zip?.Dispose();
            if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
        }

        private static (int Code, string Output) Dotnet(params string[] args)
        {
            string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH")
                          ?? (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet");
            var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in args) start.ArgumentList.Add(a);
            // The outer `dotnet test` leaves MSBuild settings in the environment that must not leak into this build.
            foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
                start.Environment.Remove(key);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.Result);
        }

        private string Metadata(string name) => _metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";

        private string[] Entries => _zip.Entries.Select(e => e.FullName).ToArray();

        [Test]
        public void Package_is_named_after_the_module_and_the_version_in_Directory_Build_props()
        {
            Assert.That(Path.GetFileName(_package), Is.EqualTo($"VanishingGradients.{VersionPrefix}.nupkg"));
            Assert.That(Metadata("id"), Is.EqualTo("VanishingGradients"));
            Assert.That(Metadata("version"), Is.EqualTo(VersionPrefix));
        }

        [Test]
        public void Module_files_are_at_the_package_root()
        {
            Assert.That(Entries, Is.SupersetOf(new[]
            {
                "VanishingGradients.nuspec", "VanishingGradients.psd1", "VanishingGradients.Format.ps1xml",
                "VanishingGradients.PowerShell.dll", "VanishingGradients.Core.dll",
                "en-US/VanishingGradients.PowerShell.dll-help.xml", "en-US/about_VanishingGradients.help.txt",
            }));
        }

        [Test]
        public void Package_holds_exactly_the_assembled_module()
        {
            // Everything Import-Module loads, native libraries in their <os>-<arch>/ folders included, and nothing else.
            var module = Directory.GetFiles(ModuleFolder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(ModuleFolder, f).Replace('\\', '/'));
            var packaging = new[] { "VanishingGradients.nuspec", "[Content_Types].xml", "_rels/", "package/" };
            var content = Entries.Where(e => !packaging.Any(p => e.StartsWith(p, StringComparison.Ordinal) || e == p));
            Assert.That(content, Is.EquivalentTo(module));
        }

        [Test]
        public void Package_holds_no_build_or_test_leftovers()
        {
            var junk = Entries.Where(e =>
                e.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase) || e.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase)
                || e.Contains("Tests", StringComparison.OrdinalIgnoreCase) || e.Contains("nunit", StringComparison.OrdinalIgnoreCase)
                || e.Contains("TestPlatform", StringComparison.OrdinalIgnoreCase)
                || e.EndsWith("System.Management.Automation.dll", StringComparison.OrdinalIgnoreCase)
                || e.Contains("VanishingGradients.Module.dll", StringComparison.OrdinalIgnoreCase)
                || e.Contains("ModuleTools", StringComparison.OrdinalIgnoreCase));
            Assert.That(junk, Is.Empty);
        }

        [Test]
        public void Nuspec_carries_the_manifest_metadata()
        {
            var manifest = Engine.Run($"Test-ModuleManifest '{Engine.ManifestPath}'").Output.Single();
            var psData = (System.Collections.Hashtable)((System.Collections.Hashtable)manifest.Properties["PrivateData"].Value)["PSData"]!;
            Assert.That(Metadata("projectUrl"), Is.EqualTo(psData["ProjectUri"] ?? ""));
            Assert.That(Metadata("licenseUrl"), Is.EqualTo(psData["LicenseUri"] ?? ""));
            Assert.That(Metadata("releaseNotes"), Is.EqualTo(psData["ReleaseNotes"]));
            Assert.That(Metadata("description"), Is.EqualTo(manifest.Properties["Description"].Value));
            Assert.That(Metadata("authors"), Is.EqualTo(manifest.Properties["Author"].Value));

            var tags = Metadata("tags").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(tags, Is.SupersetOf(((object[])psData["Tags"]!).Cast<string>()));
            Assert.That(tags, Is.SupersetOf(new[] { "PSModule", "PSEdition_Core", "PSIncludes_Cmdlet" }));
            var cmdlets = Engine.Run("(Get-Command -Module VanishingGradients -CommandType Cmdlet).Name").Output.Select(o => o.ToString());
            Assert.That(tags, Is.SupersetOf(cmdlets.Select(c => "PSCmdlet_" + c)), "Gallery search finds each cmdlet by its tag");
        }

        [Test]
        public void Package_carries_the_licence_and_the_third_party_notices()
        {
            Assert.That(Entries, Does.Contain("LICENSE").And.Contain("ThirdPartyNotices.txt"));
            string notices = new StreamReader(_zip.GetEntry("ThirdPartyNotices.txt")!.Open()).ReadToEnd();
            // Every bundled third-party assembly is named in the notices, each with its licence.
            var bundled = Entries.Where(e => e.StartsWith("deps/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal)
                                             && e.Count(c => c == '/') == 1 && !e.Contains("VanishingGradients", StringComparison.Ordinal))
                .Select(e => e.Substring("deps/".Length)).ToArray();
            Assert.That(bundled, Is.Not.Empty);
            foreach (string dll in bundled) Assert.That(notices, Does.Contain(dll), dll + " is bundled but not in the notices");
            Assert.That(System.Text.RegularExpressions.Regex.Matches(notices, @"Licence: MIT").Count, Is.EqualTo(5));
            string licence = new StreamReader(_zip.GetEntry("LICENSE")!.Open()).ReadToEnd();
            Assert.That(licence, Does.StartWith("MIT License").And.Contain("VanishingGradients developers"));
        }

        [Test]
        public void Each_native_library_is_shipped_once()
        {
            var natives = _zip.Entries.Where(e => e.FullName.StartsWith("deps/", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 2).ToList();
            // One SkiaSharp and one HarfBuzzSharp per platform folder, macOS's universal build once for both architectures.
            var platforms = natives.GroupBy(e => e.FullName.Split('/')[1]).ToDictionary(g => g.Key, g => g.Select(e => e.Name).OrderBy(n => n).ToArray());
            Assert.That(platforms.Keys, Is.EquivalentTo(new[] { "linux-x64", "linux-arm64", "win-x64", "win-arm64", "osx" }));
            foreach (var (platform, names) in platforms)
                Assert.That(names.Select(System.IO.Path.GetFileNameWithoutExtension), Is.EqualTo(new[] { "libHarfBuzzSharp", "libSkiaSharp" }), platform);
            // No two entries of the package carry the same bytes.
            var duplicates = _zip.Entries.Where(e => e.Length > 0).GroupBy(e => Hash(e)).Where(g => g.Count() > 1)
                .Select(g => string.Join(" = ", g.Select(e => e.FullName)));
            Assert.That(duplicates, Is.Empty);
        }

        private static string Hash(ZipArchiveEntry entry)
        {
            using var stream = entry.Open();
            return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream));
        }

        /// <summary>README states these sizes; raising a bound means updating README too.</summary>
        private const long MaxPackageBytes = 32L << 20, MaxInstalledBytes = 72L << 20;

        [Test]
        public void Package_and_installed_module_stay_under_the_size_README_states()
        {
            long package = new FileInfo(_package).Length;
            long installed = _zip.Entries.Sum(e => e.Length);
            TestContext.Out.WriteLine($"package {package / 1e6:F1} MB, installed {installed / 1e6:F1} MB");
            Assert.That(package, Is.LessThan(MaxPackageBytes));
            Assert.That(installed, Is.LessThan(MaxInstalledBytes));
        }

        [Test]
        public void Extracted_manifest_passes_Test_ModuleManifest()
        {
            string folder = Path.Combine(_work, "extracted", "VanishingGradients");
            _zip.ExtractToDirectory(folder);
            var result = Engine.Run($"Test-ModuleManifest '{Path.Combine(folder, "VanishingGradients.psd1")}'");
            Assert.That(result.Errors, Is.Empty);
            Assert.That(result.Output.Single().Properties["Version"].Value.ToString(), Is.EqualTo(VersionPrefix));
        }
    }
}
