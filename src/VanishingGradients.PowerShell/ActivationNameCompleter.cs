using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace VanishingGradients.PowerShell
{
    /// <summary>Tab completion of activation names (the catalogue's canonical spellings).</summary>
    public sealed class ActivationNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = (wordToComplete ?? "").Trim('\'', '"');
            return Activations.All
                .Where(a => a.Name.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
                .Select(a => new CompletionResult(a.Name, a.Name, CompletionResultType.ParameterValue, $"{a.Name}: {a.Formula}"));
        }
    }
}
