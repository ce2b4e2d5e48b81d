using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace VanishingGradients.ModuleTools
{
    /// <summary>
    /// <c>help &lt;cmdlets.dll&gt; &lt;help source dir&gt; &lt;output xml&gt;</c> and
    /// <c>nuspec &lt;manifest.psd1&gt; &lt;package version&gt; &lt;module dir&gt; &lt;output nuspec&gt;</c>.
    /// Problems in the sources are build warnings; a broken source file is an error (exit code 1).
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            var log = new Diagnostics();
            switch (args.FirstOrDefault())
            {
                case "help" when args.Length == 4:
                    WriteHelp(args[1], args[2], args[3], log);
                    break;
                case "nuspec" when args.Length == 5:
                    PackageSpec.Write(args[1], args[2], args[3], args[4], log);
                    break;
                default:
                    Console.Error.WriteLine("usage: help <cmdlets.dll> <source dir> <output.xml> | nuspec <manifest.psd1> <version> <module dir> <output.nuspec>");
                    return 2;
            }
            return log.Errors == 0 ? 0 : 1;
        }

        private static void WriteHelp(string assemblyPath, string sourceDir, string output, Diagnostics log)
        {
            var cmdlets = LoadCmdlets(Path.GetFullPath(assemblyPath));
            sourceDir = Path.GetFullPath(sourceDir);
            var sources = Directory.GetFiles(sourceDir, "*.md").Where(f => !HelpSource.IsInclude(f)).OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => HelpSource.Load(f, log)).ToList();

            foreach (var orphan in sources.Where(s => !cmdlets.Any(c => c.Name.Equals(s.Command, StringComparison.OrdinalIgnoreCase))))
                log.Warning(orphan.Path, 1, "VGHELP004", $"no cmdlet '{orphan.Command}' in {Path.GetFileName(assemblyPath)}; its help is left out");

            var commands = cmdlets.Select(cmdlet =>
            {
                var help = sources.FirstOrDefault(s => s.Command.Equals(cmdlet.Name, StringComparison.OrdinalIgnoreCase));
                if (help == null) log.Warning(Path.Combine(sourceDir, cmdlet.Name + ".md"), 1, "VGHELP001", $"{cmdlet.Name} has no help source; its help shows the syntax only");
                else Check(cmdlet, help, log);
                return MamlWriter.CommandHelp(cmdlet, help);
            }).ToList();

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            MamlWriter.Document(commands).Save(output);
        }

        private static void Check(CmdletModel cmdlet, HelpSource help, Diagnostics log)
        {
            foreach (var p in help.Parameters.Where(p => !cmdlet.Parameters.Any(c => c.Name.Equals(p.Name, StringComparison.OrdinalIgnoreCase))))
                log.Warning(help.Path, p.Line, "VGHELP002", $"{cmdlet.Name} has no parameter -{p.Name}");
            foreach (var p in cmdlet.Parameters.Where(c => c.Name is not ("WhatIf" or "Confirm")
                         && !help.Parameters.Any(p => p.Name.Equals(c.Name, StringComparison.OrdinalIgnoreCase) && p.Text.Count > 0)))
                log.Warning(help.Path, 1, "VGHELP003", $"parameter -{p.Name} of {cmdlet.Name} is not described");
            if (help.Examples.Count < 2)
                log.Warning(help.Path, 1, "VGHELP005", $"{cmdlet.Name} has {help.Examples.Count} example(s); write at least two");
        }

        /// <summary>Every public cmdlet class of the assembly, its dependencies resolved from its folder and deps/.</summary>
        private static IReadOnlyList<CmdletModel> LoadCmdlets(string assemblyPath)
        {
            string folder = Path.GetDirectoryName(assemblyPath)!;
            AssemblyLoadContext.Default.Resolving += (context, name) =>
            {
                string? candidate = new[] { folder, Path.Combine(folder, "deps") }.Select(f => Path.Combine(f, name.Name + ".dll")).FirstOrDefault(File.Exists);
                return candidate != null ? context.LoadFromAssemblyPath(candidate) : null;
            };
            var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(assemblyPath);
            return assembly.GetExportedTypes()
                .Where(t => !t.IsAbstract && typeof(Cmdlet).IsAssignableFrom(t) && t.GetCustomAttribute<CmdletAttribute>() != null)
                .Select(t => new CmdletModel(t))
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .ToArray();
        }
    }
}
