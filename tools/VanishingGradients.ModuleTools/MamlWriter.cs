using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace VanishingGradients.ModuleTools
{
    /// <summary>
    /// Writes the MAML that Get-Help reads: prose from the help source, everything about binding (types, sets, positions,
    /// mandatory, pipeline, aliases, defaults, valid values) from the cmdlet's metadata.
    /// </summary>
    internal static class MamlWriter
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        private const string ShouldProcessNote = "Common to every cmdlet that changes something: ";
        private static readonly Dictionary<string, string> ShouldProcessText = new()
        {
            ["WhatIf"] = ShouldProcessNote + "shows what would happen if the cmdlet ran, without running it.",
            ["Confirm"] = ShouldProcessNote + "asks for confirmation before each change.",
        };

        public static XDocument Document(IEnumerable<XElement> commands) =>
            new XDocument(new XDeclaration("1.0", "utf-8", null),
                new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                    new XAttribute(XNamespace.Xmlns + "maml", Maml), new XAttribute(XNamespace.Xmlns + "command", Command),
                    new XAttribute(XNamespace.Xmlns + "dev", Dev), commands));

        /// <summary>One command:command element; <paramref name="help"/> may be null (syntax-only help).</summary>
        public static XElement CommandHelp(CmdletModel cmdlet, HelpSource? help)
        {
            var text = help?.Parameters.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase)
                       ?? new Dictionary<string, ParameterHelp>(StringComparer.OrdinalIgnoreCase);
            var documentedOnly = text.Values.Where(t => !cmdlet.Parameters.Any(p => p.Name.Equals(t.Name, StringComparison.OrdinalIgnoreCase)));
            // A parameter documented but not declared stays in the help, so the help tests can point at it.
            var parameters = cmdlet.Parameters
                .Concat(documentedOnly.Select(t => new ParameterModel(t.Name, typeof(object), Array.Empty<string>(), Array.Empty<string>(),
                    false, "None", new Dictionary<string, SetBinding>())))
                .ToArray();

            return new XElement(Command + "command",
                new XElement(Command + "details",
                    new XElement(Command + "name", cmdlet.Name),
                    new XElement(Command + "verb", cmdlet.Verb),
                    new XElement(Command + "noun", cmdlet.Noun),
                    Description(help?.Synopsis)),
                Description(help?.Description),
                new XElement(Command + "syntax", cmdlet.SetNames.Select(set => new XElement(Command + "syntaxItem",
                    new XElement(Maml + "name", cmdlet.Name),
                    cmdlet.InSet(set).Select(x => Parameter(x.Parameter, Lookup(text, x.Parameter.Name), x.Binding.Mandatory,
                        x.Binding.Position, x.Binding.ByValue, x.Binding.ByPropertyName, inSyntax: true))))),
                new XElement(Command + "parameters", parameters.Select(p => Parameter(p, Lookup(text, p.Name), p.Mandatory,
                    p.Position, p.ByValue, p.ByPropertyName, inSyntax: false))),
                new XElement(Command + "inputTypes", TypeList(Command + "inputType",
                    cmdlet.InputTypes.Select(CmdletModel.FullName).DefaultIfEmpty("None"), help?.Inputs)),
                new XElement(Command + "returnValues", TypeList(Command + "returnValue",
                    cmdlet.OutputTypes.DefaultIfEmpty("None"), help?.Outputs)),
                help?.Notes.Count > 0 ? new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(help.Notes))) : null,
                new XElement(Command + "examples", (help?.Examples ?? Array.Empty<ExampleHelp>()).Select((e, i) =>
                    new XElement(Command + "example",
                        new XElement(Maml + "title", $"--------- Example {i + 1}: {e.Title} ---------"),
                        new XElement(Dev + "code", e.Code),
                        // The empty para leaves a blank line between one example and the next.
                        new XElement(Dev + "remarks", Paras(e.Remarks), new XElement(Maml + "para"))))),
                new XElement(Command + "relatedLinks", (help?.Links ?? Array.Empty<LinkHelp>()).Select(l =>
                    new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", l.Text), new XElement(Maml + "uri", l.Uri)))));
        }

        private static ParameterHelp? Lookup(Dictionary<string, ParameterHelp> text, string name) =>
            text.TryGetValue(name, out var t) ? t
            : ShouldProcessText.TryGetValue(name, out var s) ? new ParameterHelp(name, new[] { new Block(s, false) }, null, 0) : null;

        private static XElement Parameter(ParameterModel p, ParameterHelp? help, bool mandatory, int? position,
            bool byValue, bool byPropertyName, bool inSyntax)
        {
            string pipeline = byValue || byPropertyName
                ? "True (" + string.Join(", ", new[] { byValue ? "ByValue" : null, byPropertyName ? "ByPropertyName" : null }.Where(s => s != null)) + ")"
                : "False";
            var element = new XElement(Command + "parameter",
                new XAttribute("required", mandatory ? "true" : "false"),
                new XAttribute("variableLength", p.Type.IsArray ? "true" : "false"),
                new XAttribute("globbing", p.Wildcards ? "true" : "false"),
                new XAttribute("pipelineInput", pipeline),
                new XAttribute("position", position?.ToString() ?? "named"),
                new XAttribute("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases)),
                new XElement(Maml + "name", p.Name),
                inSyntax ? null : Description(help?.Text));
            // Syntax lines show valid values as {A | B}; the parameter list shows the type. A switch takes no value.
            if (inSyntax && p.Values.Count > 0)
                element.Add(new XElement(Command + "parameterValueGroup", p.Values.Select(v =>
                    new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
            else if (!(inSyntax && p.IsSwitch))
                element.Add(new XElement(Command + "parameterValue", new XAttribute("required", p.IsSwitch ? "false" : "true"),
                    new XAttribute("variableLength", p.Type.IsArray ? "true" : "false"), CmdletModel.ShortName(p.Type)));
            element.Add(new XElement(Dev + "type", new XElement(Maml + "name", CmdletModel.FullName(p.Type)), new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", help?.Default ?? p.Default));
            return element;
        }

        private static IEnumerable<XElement> TypeList(XName item, IEnumerable<string> types, IReadOnlyDictionary<string, IReadOnlyList<Block>>? text) =>
            types.Select(t => new XElement(item,
                new XElement(Dev + "type", new XElement(Maml + "name", t), new XElement(Maml + "uri")),
                Description(text?.FirstOrDefault(kv => kv.Key == t || t.EndsWith("." + kv.Key, StringComparison.Ordinal)).Value)));

        private static XElement Description(IReadOnlyList<Block>? blocks) => new XElement(Maml + "description", Paras(blocks));

        private static IEnumerable<XElement> Paras(IReadOnlyList<Block>? blocks) =>
            (blocks ?? Array.Empty<Block>()).Select(b => new XElement(Maml + "para", b.IsCode ? b.Text : Wrap(b.Text)));

        /// <summary>
        /// pwsh's help view breaks a long line at the window's edge wherever it falls, mid-word included ("delt a"), so
        /// prose arrives already broken between words: 72 columns fit an 80-column terminal under the deepest indentation
        /// of the help view (8 spaces, parameter descriptions).
        /// </summary>
        internal const int ProseWidth = 72;

        internal static string Wrap(string text)
        {
            var lines = new List<string>();
            var line = new System.Text.StringBuilder();
            foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > ProseWidth)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                if (line.Length > 0) line.Append(' ');
                line.Append(word);
            }
            if (line.Length > 0) lines.Add(line.ToString());
            return string.Join("\n", lines);
        }
    }
}
