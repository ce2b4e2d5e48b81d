using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using NUnit.Framework;

namespace VanishingGradients.Module.Tests
{
    /// <summary>
    /// Get-Help on every exported cmdlet, through the engine, as a user sees it. Each test covers all cmdlets and lists
    /// every one that falls short, so a cmdlet added without help (module/help/Verb-Noun.md) fails here by name.
    /// </summary>
    [TestFixture, NonParallelizable]
    public class HelpTests : EngineFixture
    {
        private ModuleSurface _module = null!;

        [OneTimeSetUp] public void Survey() => _module = new ModuleSurface(Engine);

        private sealed record HelpParameter(string Name, string Text, string Required, string Position, string Pipeline);

        private string[] Strings(string script)
        {
            var result = Engine.Run(script);
            Assert.That(result.Errors, Is.Empty, script);
            return result.Output.Where(o => o != null).Select(o => o.ToString()).ToArray();
        }

        private HelpParameter[] HelpParameters(string command) => Engine.Run(
                $"foreach ($p in (Get-Help {command} -Full).parameters.parameter) {{ [pscustomobject]@{{ Name = $p.name; " +
                "Text = ($p.description | ForEach-Object Text) -join ' '; Required = $p.required; Position = $p.position; Pipeline = $p.pipelineInput } }")
            .Output.Select(o => new HelpParameter(Get(o, "Name"), Get(o, "Text"), Get(o, "Required"), Get(o, "Position"), Get(o, "Pipeline")))
            .ToArray();

        // foreach, not a pipeline: a cmdlet without examples must give no code at all, not one $null.
        private string[] ExampleCode(string command) => Strings($"foreach ($e in (Get-Help {command} -Examples).examples.example) {{ $e.code }}");

        private static string Get(PSObject o, string property) => o.Properties[property].Value?.ToString() ?? "";

        /// <summary>Runs <paramref name="check"/> for every exported cmdlet and fails once, listing every problem.</summary>
        private void ForEveryCmdlet(Func<string, IEnumerable<string>> check)
        {
            Assert.That(_module.Commands, Is.Not.Empty);
            var problems = _module.Commands.OrderBy(c => c).SelectMany(c => check(c).Select(p => $"{c}: {p}")).ToList();
            Assert.That(problems, Is.Empty, string.Join(Environment.NewLine, problems));
        }

        [Test]
        public void Every_cmdlet_has_a_synopsis_and_a_description_from_the_MAML_file()
        {
            ForEveryCmdlet(c =>
            {
                var problems = new List<string>();
                // Without a MAML entry Get-Help makes one up, with the syntax as the synopsis and no description.
                if (Strings($"(Get-Help {c}).Synopsis").SingleOrDefault() is not { } synopsis || synopsis.Length == 0 || synopsis.Contains('['))
                    problems.Add("no synopsis; write module/help/" + c + ".md");
                if (string.Concat(Strings($"(Get-Help {c}).description | ForEach-Object Text")).Trim().Length == 0)
                    problems.Add("no description");
                return problems;
            });
        }

        [Test]
        public void Every_cmdlet_has_at_least_two_examples_with_code_and_remarks()
        {
            ForEveryCmdlet(c =>
            {
                var code = ExampleCode(c);
                var remarks = Strings($"foreach ($e in (Get-Help {c} -Examples).examples.example) {{ ($e.remarks | ForEach-Object Text) -join '' }}");
                var problems = new List<string>();
                if (code.Length < 2) problems.Add($"{code.Length} example(s), at least 2 wanted");
                problems.AddRange(code.Select((s, i) => (s, i)).Where(x => x.s.Trim().Length == 0).Select(x => $"example {x.i + 1} has no code"));
                problems.AddRange(remarks.Select((s, i) => (s, i)).Where(x => x.s.Trim().Length == 0).Select(x => $"example {x.i + 1} has no remarks"));
                return problems;
            });
        }

        [Test]
        public void Every_parameter_is_described()
        {
            ForEveryCmdlet(c =>
            {
                var help = HelpParameters(c);
                return _module.OwnParameters(c)
                    .Where(p => !help.Any(h => h.Name.Equals(p.Name, StringComparison.OrdinalIgnoreCase) && h.Text.Trim().Length > 0))
                    .Select(p => $"-{p.Name} has no help text");
            });
        }

        [Test]
        public void Help_names_no_parameter_the_cmdlet_does_not_have()
        {
            ForEveryCmdlet(c => HelpParameters(c)
                .Where(h => !_module.AllParameters(c).Any(p => p.Name.Equals(h.Name, StringComparison.OrdinalIgnoreCase)))
                .Select(h => $"help describes -{h.Name}, which does not exist"));
        }

        [Test]
        public void Help_agrees_with_the_cmdlet_on_how_each_parameter_binds()
        {
            ForEveryCmdlet(c =>
            {
                var help = HelpParameters(c);
                return _module.OwnParameters(c).SelectMany(IEnumerable<string> (p) =>
                {
                    var h = help.FirstOrDefault(x => x.Name.Equals(p.Name, StringComparison.OrdinalIgnoreCase));
                    if (h == null) return Array.Empty<string>();
                    var sets = p.ParameterSets.Values;
                    var positions = sets.Select(s => s.Position).Distinct().ToArray();
                    string position = positions.Length == 1 && positions[0] != int.MinValue ? positions[0].ToString() : "named";
                    var problems = new List<string>();
                    if (h.Required != (sets.All(s => s.IsMandatory) ? "true" : "false")) problems.Add($"-{p.Name}: help says required={h.Required}");
                    if (h.Position != position) problems.Add($"-{p.Name}: help says position {h.Position}, the cmdlet {position}");
                    if (h.Pipeline.Contains("ByValue") != sets.Any(s => s.ValueFromPipeline)
                        || h.Pipeline.Contains("ByPropertyName") != sets.Any(s => s.ValueFromPipelineByPropertyName))
                        problems.Add($"-{p.Name}: help says pipeline input {h.Pipeline}");
                    return problems;
                });
            });
        }

        [Test]
        public void Every_parameter_set_has_a_syntax_line()
        {
            ForEveryCmdlet(c =>
            {
                int syntax = Strings($"@((Get-Help {c}).syntax.syntaxItem).Count").Select(int.Parse).Single();
                int sets = Strings($"@((Get-Command {c}).ParameterSets).Count").Select(int.Parse).Single();
                return syntax == sets ? Array.Empty<string>() : new[] { $"{syntax} syntax lines for {sets} parameter sets" };
            });
        }

        [Test]
        public void Examples_parse_and_call_commands_and_parameters_that_exist()
        {
            var engine = Engine.Run("(Get-Command -CommandType Cmdlet, Function, Alias).Name").Output.Select(o => o.ToString())
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            ForEveryCmdlet(c => ExampleCode(c).SelectMany((code, i) =>
            {
                var ast = Parser.ParseInput(code, out _, out var errors);
                var calls = ModuleSurface.Calls(ast).ToList();
                return errors.Select(e => $"example {i + 1}: {e.Message}")
                    .Concat(calls.Select(call => call.GetCommandName())
                        .Where(n => !engine.Contains(n))
                        .Select(n => $"example {i + 1}: unknown command {n}"))
                    .Concat(calls.Where(call => _module.Exports(call.GetCommandName()))
                        .SelectMany(call => _module.UnknownParameters(call).Select(p => $"example {i + 1}: {call.GetCommandName()} has no parameter {p}")));
            }));
        }

        private static string Words(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

        [Test]
        public void Get_Help_Full_at_80_columns_breaks_prose_only_between_words()
        {
            // pwsh's help view cuts a line too long for the window wherever it falls; the MAML's prose must arrive
            // already broken between words. Joined back, the rendered view holds every paragraph word for word.
            ForEveryCmdlet(c =>
            {
                string rendered = Words(string.Join("\n", Strings($"Get-Help {c} -Full | Out-String -Width 80")));
                var paragraphs = Strings($"$h = Get-Help {c} -Full; $h.Synopsis; $h.description.Text; $h.parameters.parameter.description.Text")
                    .Select(Words).Where(p => p.Length > 0).ToList();
                Assert.That(paragraphs.Count, Is.GreaterThan(2), c);
                return paragraphs.Where(p => !rendered.Contains(p, StringComparison.Ordinal)).Select(p => "split in the view: " + p);
            });
            // The paragraph the issue was found with.
            string depth = string.Join("\n", Strings("Get-Help Invoke-DepthExperiment -Full | Out-String -Width 80"));
            Assert.That(depth, Does.Contain("back-propagates").And.Contain("delta_L"));
        }

        /// <summary>
        /// Examples with side effects are not run: those that write files or grade (Export-*, Out-File, Set-Content,
        /// Invoke-ExerciseGrader) and those that read an input file the example does not create (-CasePath).
        /// </summary>
        private static readonly string[] SideEffects = { "Export-", "Out-File", "Set-Content", "Invoke-ExerciseGrader", "-CasePath" };

        [Test]
        public void Examples_without_side_effects_run_without_errors()
        {
            int ran = 0;
            ForEveryCmdlet(c => ExampleCode(c).Select((code, i) => (code, i)).Where(e => !SideEffects.Any(s => e.code.Contains(s, StringComparison.OrdinalIgnoreCase)))
                .SelectMany(e =>
                {
                    ran++;
                    // Through the formatter too, as a terminal shows it (Format-Table, text charts).
                    var result = Engine.Run("& {\n" + e.code + "\n} | Out-String -Width 120");
                    var problems = result.Errors.Select(r => $"example {e.i + 1}: {r.FullyQualifiedErrorId}: {r}").ToList();
                    if (problems.Count == 0 && string.Concat(result.Output.Select(o => o?.ToString())).Trim().Length == 0)
                        problems.Add($"example {e.i + 1} shows nothing");
                    return problems;
                }));
            Assert.That(ran, Is.GreaterThan(20), "most examples have no side effects");
        }

        [Test]
        public void Related_links_name_module_commands_topics_or_web_pages()
        {
            ForEveryCmdlet(c => Strings($"foreach ($l in (Get-Help {c}).relatedLinks.navigationLink) {{ $l.linkText + '|' + $l.uri }}")
                .Select(l => l.Split('|'))
                .Where(l => l[1].Length == 0 && !_module.Exports(l[0]) && !l[0].StartsWith("about_", StringComparison.Ordinal))
                .Select(l => $"related link '{l[0]}' is neither a module command, an about topic nor a URI"));
        }

        [Test]
        public void Get_Help_Parameter_shows_one_parameter_with_its_default()
        {
            var count = Engine.Run("Get-Help Get-Activation -Parameter Count").Output.Single();
            Assert.That(count.Properties["name"].Value, Is.EqualTo("Count"));
            Assert.That(count.Properties["defaultValue"].Value, Is.EqualTo("100"));
            Assert.That(string.Concat(Strings("(Get-Help Get-Activation -Parameter Count).description | ForEach-Object Text")), Does.Contain("evenly spaced"));
            var input = Engine.Run("Get-Help Measure-GradientDecay -Parameter Input").Output.Single();
            Assert.That(input.Properties["pipelineInput"].Value, Is.EqualTo("True (ByValue, ByPropertyName)"));
            Assert.That(input.Properties["aliases"].Value, Is.EqualTo("X"));
        }

        [Test]
        public void The_examples_reproduce_the_labs()
        {
            var code = string.Join("\n", ExampleCode("Measure-GradientDecay"));
            Assert.That(code, Does.Contain("Measure-GradientDecay -Name Sigmoid -Input 0 -Steps 6"));
            var first = Strings("@((Get-Help Get-Activation -Examples).examples.example)[0].code").Single();
            Assert.That(first, Does.Contain("-Start -5 -End 5 -Count 100"));
        }

        [Test]
        public void About_topic_is_found_and_explains_the_labs_and_the_kit()
        {
            var result = Engine.Run("Get-Help about_VanishingGradients");
            Assert.That(result.Errors, Is.Empty);
            var topic = result.Output.Single();
            Assert.That(topic.Properties["Category"].Value?.ToString(), Is.EqualTo("HelpFile"));
            string text = topic.ToString();
            Assert.That(text, Does.Contain("LAB 5").And.Contain("Invoke-DepthExperiment").And.Contain("COURSE KIT"));
            Assert.That(Strings("(Get-Help about_VanishingGradients).Synopsis").Single(), Does.Contain("vanishing-gradient"));
        }
    }

    /// <summary>Tab completion of the values users type most: activation names and enum values, in every cmdlet that takes them.</summary>
    [TestFixture, NonParallelizable]
    public class CompletionTests : EngineFixture
    {

        private string[] Complete(string line) =>
            Engine.Run($"(TabExpansion2 -inputScript '{line}' -cursorColumn {line.Length}).CompletionMatches.CompletionText")
                .Output.Select(o => o.ToString()).ToArray();

        [TestCase("Get-Activation -Name Si")]
        [TestCase("Get-Activation Si")]
        [TestCase("Get-Activation -List -Name Si")]
        [TestCase("Measure-GradientDecay -Name Si")]
        [TestCase("Invoke-DepthExperiment -Activation Si")]
        [TestCase("Invoke-DepthExperiment -Name Si")]
        public void Activation_names_complete(string line) =>
            Assert.That(Complete(line), Is.EquivalentTo(new[] { "Sigmoid", "SiLU" }));

        [Test]
        public void Later_activation_names_complete()
        {
            Assert.That(Complete("Get-Activation -Name Hard"), Is.EquivalentTo(new[] { "HardSigmoid", "HardTanh" }));
            Assert.That(Complete("Invoke-DepthExperiment -Activation Re"), Is.EquivalentTo(new[] { "ReLU", "ReLU6" }));
        }

        [TestCase("Invoke-DepthExperiment -Initializer X", "Xavier", "XavierUniform")]
        [TestCase("Invoke-DepthExperiment -Activation ReLU -Initializer He", "He", "HeUniform")]
        [TestCase("Invoke-DepthExperiment -Initializer Xavier, St", "StandardNormal")]
        [TestCase("Get-Activation -DerivativeAtZero R", "Right")]
        [TestCase("Measure-GradientDecay -DerivativeAtZero L", "Left")]
        public void Enum_values_complete(string line, params string[] expected) =>
            Assert.That(Complete(line), Is.EquivalentTo(expected));
    }
}
