using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using NUnit.Framework;

namespace VanishingGradients.Module.Tests
{
    /// <summary>
    /// Commands a spec may call besides the module's own and the engine's (which hosts pwsh's own modules): Pester 6's.
    /// A typo in a command name then fails here even in a spec that is skipped.
    /// </summary>
    public static class KnownCommands
    {
        public static readonly IReadOnlySet<string> Pester = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Describe", "Context", "It", "BeforeAll", "BeforeEach", "AfterAll", "AfterEach", "BeforeDiscovery", "Should", "Mock",
            "InModuleScope", "Set-ItResult", "Invoke-Pester", "New-PesterConfiguration", "New-PesterContainer", "New-MockObject",
            "Should-All", "Should-Any", "Should-Be", "Should-BeAfter", "Should-BeBefore", "Should-BeCollection", "Should-BeEmptyString",
            "Should-BeEquivalent", "Should-BeFalse", "Should-BeFalsy", "Should-BeGreaterThan", "Should-BeGreaterThanOrEqual",
            "Should-BeHashtable", "Should-BeLessThan", "Should-BeLessThanOrEqual", "Should-BeLikeString", "Should-BeNull", "Should-BeSame",
            "Should-BeString", "Should-BeTrue", "Should-BeTruthy", "Should-ContainCollection", "Should-HaveParameter", "Should-HaveType",
            "Should-Invoke", "Should-MatchString", "Should-NotBe", "Should-NotBeEmptyString", "Should-NotBeLikeString", "Should-NotBeNull",
            "Should-NotBeSame", "Should-NotBeString", "Should-NotBeWhiteSpaceString", "Should-NotContainCollection", "Should-NotHaveParameter",
            "Should-NotHaveType", "Should-NotInvoke", "Should-NotMatchString", "Should-Throw",
        };

        /// <summary>Programs the spec helpers run (tests/pester/NuGet.ps1 asks dotnet for the packages folder).</summary>
        public static readonly IReadOnlySet<string> Programs = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "dotnet" };

        /// <summary>The operators of Pester's legacy Should (kept in Pester 6) and their parameters.</summary>
        public static readonly IReadOnlySet<string> ShouldParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "ActualValue", "Not", "Because", "ExpectedValue", "PassThru",
            "Be", "BeExactly", "BeGreaterThan", "BeGreaterOrEqual", "BeLessThan", "BeLessOrEqual", "BeIn", "BeLike", "BeLikeExactly",
            "BeNullOrEmpty", "BeOfType", "ExpectedType", "BeTrue", "BeFalse", "Contain", "Exist", "HaveCount", "Match", "MatchExactly",
            "RegularExpression", "FileContentMatch", "FileContentMatchExactly", "FileContentMatchMultiline",
            "FileContentMatchMultilineExactly", "ExpectedContent", "HaveParameter", "ParameterName", "Type", "DefaultValue", "Mandatory",
            "InParameterSet", "HasArgumentCompleter", "Alias", "Throw", "ExpectedMessage", "ErrorId", "ExceptionType",
            "Invoke", "InvokeVerifiable", "CommandName", "Times", "Exactly", "ParameterFilter", "ExclusiveFilter", "ModuleName", "Scope",
        };
    }

    /// <summary>
    /// Every PowerShell file of the repository parses, data files are data, and the Pester specs call only commands and
    /// parameters that exist, also in specs a run skips (tests/pester/Invoke-Specs.ps1 runs them).
    /// </summary>
    [TestFixture, NonParallelizable]
    public class ScriptSyntaxTests : EngineFixture
    {
        private static readonly string[] Extensions = { ".ps1", ".psd1", ".psm1" };
        private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase)
            { "bin", "obj", "artifacts", ".git", "node_modules", "TestResults" };

        private ModuleSurface _module = null!;

        [OneTimeSetUp] public void Survey() => _module = new ModuleSurface(Engine);

        private static string RepoRoot => Repository.Root;

        private static IEnumerable<string> ScriptFiles(string folder)
        {
            foreach (string file in Directory.EnumerateFiles(folder).Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)))
                yield return file;
            foreach (string sub in Directory.EnumerateDirectories(folder).Where(d => !SkippedFolders.Contains(Path.GetFileName(d))))
                foreach (string file in ScriptFiles(sub))
                    yield return file;
        }

        private static string Relative(string file) => Path.GetRelativePath(RepoRoot, file);

        private static string[] PesterFiles() => Directory.GetFiles(Path.Combine(RepoRoot, "tests", "pester"), "*.ps1");

        private static ScriptBlockAst Parse(string file)
        {
            var ast = Parser.ParseFile(file, out _, out var errors);
            Assert.That(errors, Is.Empty, () => string.Join(Environment.NewLine,
                errors.Select(e => $"{Relative(file)}({e.Extent.StartLineNumber},{e.Extent.StartColumnNumber}): {e.Message}")));
            return ast;
        }

        [Test]
        public void Every_PowerShell_file_parses()
        {
            var files = ScriptFiles(RepoRoot).ToList();
            Assert.That(files.Select(Relative), Does.Contain(Path.Combine("module", "VanishingGradients.psd1")));
            Assert.That(PesterFiles(), Has.Length.GreaterThanOrEqualTo(4), "the Pester specs under tests/pester");
            var problems = files.SelectMany(f =>
            {
                Parser.ParseFile(f, out _, out var errors);
                return errors.Select(e => $"{Relative(f)}({e.Extent.StartLineNumber},{e.Extent.StartColumnNumber}): {e.Message}");
            }).ToList();
            Assert.That(problems, Is.Empty, string.Join(Environment.NewLine, problems));
        }

        [Test]
        public void Data_files_are_plain_data()
        {
            // What Import-PowerShellDataFile and the manifest loader accept: one hashtable literal, no code.
            var problems = new List<string>();
            foreach (string file in ScriptFiles(RepoRoot).Where(f => f.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase)))
            {
                var ast = Parse(file);
                var statements = ast.EndBlock?.Statements ?? (IReadOnlyList<StatementAst>)Array.Empty<StatementAst>();
                var table = (statements.SingleOrDefault() as PipelineAst)?.GetPureExpression() as HashtableAst;
                if (table == null) problems.Add($"{Relative(file)}: not a single hashtable literal");
                else
                {
                    try
                    {
                        table.SafeGetValue();
                    }
                    catch (InvalidOperationException e)
                    {
                        problems.Add($"{Relative(file)}: {e.Message}");
                    }
                }
            }
            Assert.That(problems, Is.Empty, string.Join(Environment.NewLine, problems));
        }

        [Test]
        public void Pester_specs_call_only_commands_that_exist()
        {
            var asts = PesterFiles().ToDictionary(f => f, Parse);
            var defined = asts.Values.SelectMany(a => a.FindAll(x => x is FunctionDefinitionAst, true)).Cast<FunctionDefinitionAst>()
                .Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var engine = Engine.Run("(Get-Command -CommandType Cmdlet, Function, Alias).Name").Output.Select(o => o.ToString())
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            bool Known(string name) => _module.Exports(name) || KnownCommands.Pester.Contains(name) || KnownCommands.Programs.Contains(name) || engine.Contains(name) || defined.Contains(name);

            var unknown = asts.SelectMany(kv => ModuleSurface.Calls(kv.Value).Where(c => !Known(c.GetCommandName()))
                .Select(c => $"{Relative(kv.Key)}({c.Extent.StartLineNumber}): unknown command {c.GetCommandName()}")).ToList();
            Assert.That(unknown, Is.Empty, string.Join(Environment.NewLine, unknown));
        }

        [Test]
        public void Pester_specs_use_parameters_that_exist()
        {
            var problems = new List<string>();
            foreach (string file in PesterFiles())
            {
                foreach (var call in ModuleSurface.Calls(Parse(file)))
                {
                    string name = call.GetCommandName();
                    var where = $"{Relative(file)}({call.Extent.StartLineNumber})";
                    if (_module.Exports(name))
                        problems.AddRange(_module.UnknownParameters(call).Select(p => $"{where}: {name} has no parameter {p}"));
                    else if (name.Equals("Should", StringComparison.OrdinalIgnoreCase))
                        problems.AddRange(call.CommandElements.OfType<CommandParameterAst>().Where(p => !KnownCommands.ShouldParameters.Contains(p.ParameterName))
                            .Select(p => $"{where}: Should has no parameter -{p.ParameterName}"));
                }
            }
            Assert.That(problems, Is.Empty, string.Join(Environment.NewLine, problems));
        }

        [Test]
        public void Pester_specs_cover_every_exported_cmdlet()
        {
            var called = PesterFiles().SelectMany(f => ModuleSurface.Calls(Parse(f))).Select(c => c.GetCommandName())
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            Assert.That(_module.Commands.Where(c => !called.Contains(c)), Is.Empty, "exported cmdlets no spec under tests/pester calls");
        }
    }
}
