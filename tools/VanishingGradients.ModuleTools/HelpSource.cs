using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace VanishingGradients.ModuleTools
{
    /// <summary>A paragraph of prose, or a fenced code block kept verbatim.</summary>
    internal sealed record Block(string Text, bool IsCode);

    internal sealed record ParameterHelp(string Name, IReadOnlyList<Block> Text, string? Default, int Line);

    internal sealed record ExampleHelp(string Title, string Code, IReadOnlyList<Block> Remarks);

    internal sealed record LinkHelp(string Text, string Uri);

    /// <summary>
    /// One cmdlet's help as written in module/help/&lt;Verb-Noun&gt;.md. The dialect is deliberately small:
    /// <c># Verb-Noun</c>, then <c>## Synopsis</c>, <c>## Description</c>, <c>## Parameters</c> (one <c>### -Name</c> each, an
    /// optional <c>Default: ...</c> paragraph overriding the default read from the cmdlet), <c>## Examples</c> (one
    /// <c>### title</c> each: a fenced code block, then remarks), optional <c>## Inputs</c> / <c>## Outputs</c> (one
    /// <c>### TypeName</c> each), <c>## Notes</c> and <c>## Related Links</c> (list items, <c>[text](uri)</c> or plain text).
    /// Paragraphs are separated by blank lines; list items (<c>- </c>) are paragraphs of their own. An <c>Include: _File.md</c>
    /// line under <c>## Parameters</c> takes the parameters several cmdlets share from that file.
    /// </summary>
    internal sealed class HelpSource
    {
        public string Path { get; }
        public string Command { get; private set; } = "";
        public IReadOnlyList<Block> Synopsis { get; private set; } = Array.Empty<Block>();
        public IReadOnlyList<Block> Description { get; private set; } = Array.Empty<Block>();
        public IReadOnlyList<Block> Notes { get; private set; } = Array.Empty<Block>();
        public IReadOnlyList<ParameterHelp> Parameters { get; private set; } = Array.Empty<ParameterHelp>();
        public IReadOnlyList<ExampleHelp> Examples { get; private set; } = Array.Empty<ExampleHelp>();
        public IReadOnlyDictionary<string, IReadOnlyList<Block>> Inputs { get; private set; } = new Dictionary<string, IReadOnlyList<Block>>();
        public IReadOnlyDictionary<string, IReadOnlyList<Block>> Outputs { get; private set; } = new Dictionary<string, IReadOnlyList<Block>>();
        public IReadOnlyList<LinkHelp> Links { get; private set; } = Array.Empty<LinkHelp>();

        private HelpSource(string path) => Path = path;

        private sealed class Section
        {
            public string Title = "";
            public int Line;
            public readonly List<string> Lines = new();
            public readonly List<Section> Children = new();
        }

        public static HelpSource Load(string path, Diagnostics log)
        {
            var help = new HelpSource(path);
            var root = Outline(File.ReadAllLines(path));
            var title = root.Children.FirstOrDefault();
            if (title == null)
            {
                log.Error(path, 1, "VGHELP010", "the file must start with '# Verb-Noun'");
                return help;
            }
            help.Command = title.Title;
            foreach (var section in title.Children)
            {
                switch (section.Title.ToLowerInvariant())
                {
                    case "synopsis": help.Synopsis = Blocks(section.Lines); break;
                    case "description": help.Description = Blocks(section.Lines); break;
                    case "notes": help.Notes = Blocks(section.Lines); break;
                    case "parameters": help.Parameters = ParseParameters(section, path, log); break;
                    case "examples": help.Examples = section.Children.Select(s => ParseExample(s, path, log)).ToArray(); break;
                    case "inputs": help.Inputs = ByTitle(section); break;
                    case "outputs": help.Outputs = ByTitle(section); break;
                    case "related links": help.Links = Blocks(section.Lines).Select(b => ParseLink(b.Text)).ToArray(); break;
                    default: log.Warning(path, section.Line, "VGHELP011", $"unknown section '## {section.Title}' is ignored"); break;
                }
            }
            if (help.Synopsis.Count == 0 && !IsInclude(path)) log.Warning(path, title.Line, "VGHELP012", $"{help.Command} has no synopsis");
            return help;
        }

        /// <summary>Files named _*.md hold shared parameter text for <c>Include:</c>; they document no cmdlet themselves.</summary>
        public static bool IsInclude(string path) => System.IO.Path.GetFileName(path).StartsWith("_", StringComparison.Ordinal);

        /// <summary>Headings (#, ##, ###) outside code fences, each owning the lines up to the next heading.</summary>
        private static Section Outline(string[] lines)
        {
            var root = new Section();
            var path = new List<Section> { root };
            bool inFence = false;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
                int level = inFence ? 0 : line.TakeWhile(c => c == '#').Count();
                if (level is >= 1 and <= 3 && line.Length > level && line[level] == ' ')
                {
                    var section = new Section { Title = line.Substring(level + 1).Trim(), Line = i + 1 };
                    while (path.Count > level) path.RemoveAt(path.Count - 1);
                    while (path.Count < level) path.Add(path[path.Count - 1]); // a skipped level nests under the last one
                    path[level - 1].Children.Add(section);
                    path.Add(section);
                }
                else path[path.Count - 1].Lines.Add(line);
            }
            return root;
        }

        /// <summary>Paragraphs (lines joined with spaces), list items, and fenced code blocks.</summary>
        internal static IReadOnlyList<Block> Blocks(IEnumerable<string> lines)
        {
            var blocks = new List<Block>();
            var text = new StringBuilder();
            var code = (StringBuilder?)null;
            void Flush()
            {
                if (text.Length > 0) blocks.Add(new Block(text.ToString(), false));
                text.Clear();
            }
            foreach (string raw in lines)
            {
                string line = raw.TrimEnd();
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    if (code == null)
                    {
                        Flush();
                        code = new StringBuilder();
                    }
                    else
                    {
                        blocks.Add(new Block(code.ToString().TrimEnd('\n'), true));
                        code = null;
                    }
                }
                else if (code != null) code.Append(line).Append('\n');
                else if (line.Length == 0) Flush();
                else if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal))
                {
                    Flush();
                    text.Append(line.Trim());
                }
                else text.Append(text.Length > 0 ? " " : "").Append(line.Trim());
            }
            Flush();
            return blocks;
        }

        /// <summary>
        /// The section's own <c>### -Name</c> entries, then those of the files it names on <c>Include: _File.md</c> lines (for
        /// parameters several cmdlets share), unless documented here.
        /// </summary>
        private static IReadOnlyList<ParameterHelp> ParseParameters(Section section, string path, Diagnostics log)
        {
            const string includePrefix = "Include:";
            var parameters = section.Children.Select(ParseParameter).ToList();
            foreach (string line in section.Lines.Select(l => l.Trim()).Where(l => l.StartsWith(includePrefix, StringComparison.OrdinalIgnoreCase)))
            {
                string included = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, line.Substring(includePrefix.Length).Trim());
                if (!File.Exists(included))
                {
                    log.Error(path, section.Line, "VGHELP014", $"included file '{included}' does not exist");
                    continue;
                }
                parameters.AddRange(Load(included, log).Parameters.Where(p => !parameters.Any(q => q.Name.Equals(p.Name, StringComparison.OrdinalIgnoreCase))));
            }
            return parameters;
        }

        private static ParameterHelp ParseParameter(Section s)
        {
            var blocks = Blocks(s.Lines);
            const string defaultPrefix = "Default:";
            var def = blocks.FirstOrDefault(b => !b.IsCode && b.Text.StartsWith(defaultPrefix, StringComparison.OrdinalIgnoreCase));
            return new ParameterHelp(s.Title.TrimStart('-'), blocks.Where(b => b != def).ToArray(),
                def?.Text.Substring(defaultPrefix.Length).Trim(), s.Line);
        }

        private static ExampleHelp ParseExample(Section s, string path, Diagnostics log)
        {
            var blocks = Blocks(s.Lines);
            var code = blocks.FirstOrDefault(b => b.IsCode);
            if (code == null) log.Warning(path, s.Line, "VGHELP013", $"example '{s.Title}' has no code block");
            return new ExampleHelp(s.Title, code?.Text ?? "", blocks.Where(b => b != code).ToArray());
        }

        private static IReadOnlyDictionary<string, IReadOnlyList<Block>> ByTitle(Section section) =>
            section.Children.ToDictionary(c => c.Title, c => Blocks(c.Lines), StringComparer.OrdinalIgnoreCase);

        private static LinkHelp ParseLink(string item)
        {
            string text = item.TrimStart('-', '*', ' ');
            int close = text.IndexOf("](", StringComparison.Ordinal);
            if (text.StartsWith("[", StringComparison.Ordinal) && close > 0 && text.EndsWith(")", StringComparison.Ordinal))
                return new LinkHelp(text.Substring(1, close - 1), text.Substring(close + 2, text.Length - close - 3));
            return Uri.TryCreate(text, UriKind.Absolute, out _) ? new LinkHelp("Online Version:", text) : new LinkHelp(text, "");
        }
    }
}
