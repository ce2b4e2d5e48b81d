using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace VanishingGradients.Module.Tests
{
    /// <summary>
    /// The module's commands as the engine exports them (names, parameters, aliases), and checks of script text
    /// (help examples, Pester specs) against them.
    /// </summary>
    public sealed class ModuleSurface
    {
        private readonly Dictionary<string, ParameterMetadata[]> _parameters;

        public ModuleSurface(Engine engine)
        {
            var names = engine.Run("(Get-Command -Module VanishingGradients -CommandType Cmdlet, Function).Name").Output
                .Select(o => o.ToString()).ToArray();
            _parameters = names.ToDictionary(n => n, n => engine.Run($"(Get-Command {n}).Parameters.Values").Objects<ParameterMetadata>(),
                StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>Every exported command, e.g. Get-Activation.</summary>
        public IReadOnlyCollection<string> Commands => _parameters.Keys;

        public bool Exports(string command) => _parameters.ContainsKey(command);

        /// <summary>The command's own parameters: neither common (Verbose, ErrorAction ...) nor WhatIf/Confirm.</summary>
        public IEnumerable<ParameterMetadata> OwnParameters(string command) =>
            _parameters[command].Where(p => !Cmdlet.CommonParameters.Contains(p.Name) && !Cmdlet.OptionalCommonParameters.Contains(p.Name));

        public IEnumerable<ParameterMetadata> AllParameters(string command) => _parameters[command];

        /// <summary>
        /// The parameters a call names that the command does not have. A name may be a parameter, an alias, or an unambiguous
        /// prefix of one, as the binder accepts.
        /// </summary>
        public IEnumerable<string> UnknownParameters(CommandAst call)
        {
            var parameters = _parameters[call.GetCommandName()];
            var spellings = parameters.SelectMany(p => p.Aliases.Prepend(p.Name).Select(s => (Spelling: s, Parameter: p.Name))).ToArray();
            foreach (var used in call.CommandElements.OfType<CommandParameterAst>().Select(p => p.ParameterName))
            {
                bool exact = spellings.Any(s => s.Spelling.Equals(used, StringComparison.OrdinalIgnoreCase));
                int prefixed = spellings.Where(s => s.Spelling.StartsWith(used, StringComparison.OrdinalIgnoreCase)).Select(s => s.Parameter).Distinct().Count();
                if (!exact && prefixed != 1) yield return "-" + used;
            }
        }

        /// <summary>Every command call in a script, with its name (calls through a variable or expression are skipped).</summary>
        public static IEnumerable<CommandAst> Calls(Ast script) =>
            script.FindAll(a => a is CommandAst c && c.GetCommandName() != null, searchNestedScriptBlocks: true).Cast<CommandAst>();
    }
}
