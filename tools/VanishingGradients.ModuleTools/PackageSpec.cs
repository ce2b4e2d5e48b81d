using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using System.Xml.Linq;

namespace VanishingGradients.ModuleTools
{
    /// <summary>
    /// The nuspec of a PowerShell Gallery package, written from the module manifest: the metadata Publish-Module would
    /// write (PSData tags, ProjectUri, LicenseUri, ReleaseNotes, the PSModule/PSCmdlet_* discovery tags) and the
    /// assembled module folder as the package root.
    /// </summary>
    internal static class PackageSpec
    {
        private static readonly XNamespace Nuspec = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";

        public static void Write(string manifestPath, string version, string moduleDir, string output, Diagnostics log)
        {
            var manifest = ReadManifest(manifestPath, log);
            if (manifest == null) return;
            var psData = (manifest["PrivateData"] as Hashtable)?["PSData"] as Hashtable ?? new Hashtable();
            string Text(Hashtable table, string key) => table[key]?.ToString() ?? "";
            IEnumerable<string> List(Hashtable table, string key) => table[key] switch
            {
                null => Array.Empty<string>(),
                object[] items => items.Select(i => i.ToString()!),
                var one => new[] { one.ToString()! },
            };

            var cmdlets = List(manifest, "CmdletsToExport").ToArray();
            var tags = List(psData, "Tags")
                .Concat(new[] { "PSModule" })
                .Concat(List(manifest, "CompatiblePSEditions").Select(e => "PSEdition_" + e))
                .Concat(cmdlets.Length > 0 ? new[] { "PSIncludes_Cmdlet" } : Array.Empty<string>())
                .Concat(cmdlets.SelectMany(c => new[] { "PSCmdlet_" + c, "PSCommand_" + c }))
                .Distinct(StringComparer.OrdinalIgnoreCase);

            string moduleVersion = Text(manifest, "ModuleVersion");
            if (!version.StartsWith(moduleVersion, StringComparison.Ordinal))
                log.Error(manifestPath, 1, "VGPACK002", $"package version {version} does not match ModuleVersion {moduleVersion}");

            XElement? Optional(string name, string value) => value.Length == 0 ? null : new XElement(Nuspec + name, value);
            var nuspec = new XDocument(new XDeclaration("1.0", "utf-8", null),
                new XElement(Nuspec + "package",
                    new XElement(Nuspec + "metadata",
                        new XElement(Nuspec + "id", Path.GetFileNameWithoutExtension(manifestPath)),
                        new XElement(Nuspec + "version", version),
                        new XElement(Nuspec + "authors", Text(manifest, "Author")),
                        Optional("owners", Text(manifest, "CompanyName")),
                        new XElement(Nuspec + "requireLicenseAcceptance", "false"),
                        Optional("licenseUrl", Text(psData, "LicenseUri")),
                        Optional("projectUrl", Text(psData, "ProjectUri")),
                        Optional("iconUrl", Text(psData, "IconUri")),
                        new XElement(Nuspec + "description", Text(manifest, "Description")),
                        Optional("releaseNotes", Text(psData, "ReleaseNotes")),
                        Optional("copyright", Text(manifest, "Copyright")),
                        new XElement(Nuspec + "tags", string.Join(" ", tags))),
                    new XElement(Nuspec + "files",
                        new XElement(Nuspec + "file", new XAttribute("src", Path.Combine(Path.GetFullPath(moduleDir), "**")),
                            new XAttribute("target", ""), new XAttribute("exclude", "**/*.pdb;**/*.nupkg")))));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            nuspec.Save(output);
        }

        /// <summary>The manifest's hashtable, read as data (never run), the way Import-PowerShellDataFile reads it.</summary>
        private static Hashtable? ReadManifest(string path, Diagnostics log)
        {
            var ast = Parser.ParseFile(path, out _, out var errors);
            foreach (var e in errors) log.Error(path, e.Extent.StartLineNumber, "VGPACK001", e.Message);
            if (errors.Length > 0) return null;
            var table = ast.Find(a => a is HashtableAst, searchNestedScriptBlocks: false) as HashtableAst;
            if (table?.SafeGetValue() is Hashtable h) return h;
            log.Error(path, 1, "VGPACK001", "the manifest is not a hashtable literal");
            return null;
        }
    }
}
