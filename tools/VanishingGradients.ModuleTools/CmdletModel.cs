using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace VanishingGradients.ModuleTools
{
    /// <summary>How one parameter binds in one parameter set.</summary>
    internal sealed record SetBinding(bool Mandatory, int? Position, bool ByValue, bool ByPropertyName);

    internal sealed record ParameterModel(string Name, Type Type, IReadOnlyList<string> Aliases, IReadOnlyList<string> Values,
        bool Wildcards, string Default, IReadOnlyDictionary<string, SetBinding> Sets)
    {
        public bool IsSwitch => Type == typeof(SwitchParameter);
        public bool Mandatory => Sets.Values.All(s => s.Mandatory);
        public bool ByValue => Sets.Values.Any(s => s.ByValue);
        public bool ByPropertyName => Sets.Values.Any(s => s.ByPropertyName);

        /// <summary>The position if it is the same in every set, otherwise none.</summary>
        public int? Position => Sets.Values.Select(s => s.Position).Distinct().Count() == 1 ? Sets.Values.First().Position : null;
    }

    /// <summary>What PowerShell itself knows about a cmdlet class: parameters, sets, bindings, defaults, output types.</summary>
    internal sealed class CmdletModel
    {
        private const string AllSets = "__AllParameterSets";

        public string Name { get; }
        public string Verb { get; }
        public string Noun { get; }
        /// <summary>Parameter set names, the default first; one unnamed set when the cmdlet declares none.</summary>
        public IReadOnlyList<string> SetNames { get; }
        public IReadOnlyList<ParameterModel> Parameters { get; }
        public IReadOnlyList<string> OutputTypes { get; }

        public CmdletModel(Type type)
        {
            var cmdlet = type.GetCustomAttribute<CmdletAttribute>()!;
            Verb = cmdlet.VerbName;
            Noun = cmdlet.NounName;
            Name = Verb + "-" + Noun;
            var metadata = new CommandMetadata(type);
            object? instance = TryCreate(type);
            var declared = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToList();

            var named = metadata.Parameters.Values.SelectMany(p => p.ParameterSets.Keys).Where(k => k != AllSets).Distinct().ToList();
            string defaultSet = metadata.DefaultParameterSetName ?? named.FirstOrDefault() ?? AllSets;
            SetNames = named.Count == 0 ? new[] { AllSets } : named.OrderBy(n => n == defaultSet ? 0 : 1).ToArray();

            var parameters = metadata.Parameters.Values.Select(p => Describe(p, type, instance)).ToList();
            if (cmdlet.SupportsShouldProcess)
                parameters.AddRange(new[] { "WhatIf", "Confirm" }.Where(n => !metadata.Parameters.ContainsKey(n)).Select(ShouldProcessSwitch));
            Parameters = parameters.OrderBy(p => declared.IndexOf(p.Name) is int i && i >= 0 ? i : int.MaxValue).ToArray();

            OutputTypes = type.GetCustomAttributes<OutputTypeAttribute>().SelectMany(o => o.Type).Select(t => t.Name).Distinct().ToArray();
        }

        /// <summary>The parameters of one set, in the order a syntax line lists them: positional first, then mandatory, then the rest.</summary>
        public IEnumerable<(ParameterModel Parameter, SetBinding Binding)> InSet(string set) =>
            Parameters.Select(p => (p, Binding(p, set))).Where(x => x.Item2 != null)
                .Select(x => (x.p, x.Item2!))
                .OrderBy(x => x.Item2.Position ?? int.MaxValue).ThenBy(x => x.Item2.Mandatory ? 0 : 1);

        /// <summary>Pipeline inputs: the type of every parameter that binds from the pipeline.</summary>
        public IEnumerable<Type> InputTypes => Parameters.Where(p => p.ByValue || p.ByPropertyName).Select(p => p.Type).Distinct();

        private static SetBinding? Binding(ParameterModel p, string set) =>
            p.Sets.TryGetValue(set, out var b) || p.Sets.TryGetValue(AllSets, out b) ? b : null;

        private static ParameterModel Describe(ParameterMetadata p, Type type, object? instance)
        {
            var sets = p.ParameterSets.ToDictionary(s => s.Key, s => new SetBinding(s.Value.IsMandatory,
                s.Value.Position == int.MinValue ? null : s.Value.Position, s.Value.ValueFromPipeline, s.Value.ValueFromPipelineByPropertyName));
            var values = p.Attributes.OfType<ValidateSetAttribute>().SelectMany(v => v.ValidValues).ToList();
            var element = Nullable.GetUnderlyingType(p.ParameterType) ?? (p.ParameterType.IsArray ? p.ParameterType.GetElementType()! : p.ParameterType);
            if (values.Count == 0 && element.IsEnum) values.AddRange(Enum.GetNames(element));
            string def = p.ParameterType == typeof(SwitchParameter) ? "False"
                : sets.Values.All(s => s.Mandatory) ? "None" : Format(type.GetProperty(p.Name)?.GetValue(instance));
            return new ParameterModel(p.Name, p.ParameterType, p.Aliases.ToArray(), values,
                p.Attributes.OfType<SupportsWildcardsAttribute>().Any(), def, sets);
        }

        private static ParameterModel ShouldProcessSwitch(string name) =>
            new ParameterModel(name, typeof(SwitchParameter), name == "WhatIf" ? new[] { "wi" } : new[] { "cf" }, Array.Empty<string>(),
                false, "False", new Dictionary<string, SetBinding> { [AllSets] = new SetBinding(false, null, false, false) });

        private static object? TryCreate(Type type)
        {
            try
            {
                return Activator.CreateInstance(type);
            }
            catch (Exception)
            {
                return null; // defaults are then reported as "None"
            }
        }

        private static string Format(object? value) => value switch
        {
            null => "None",
            SwitchParameter s => s.IsPresent ? "True" : "False",
            string s => s.Length == 0 ? "None" : s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            IEnumerable items => items.Cast<object?>().Select(Format).ToArray() is { Length: > 0 } all ? string.Join(", ", all) : "None",
            _ => value.ToString() ?? "None",
        };

        /// <summary>The short type name PowerShell shows in syntax: Double, Double[], SwitchParameter (nullable unwrapped).</summary>
        public static string ShortName(Type t) => t.IsArray ? ShortName(t.GetElementType()!) + "[]" : (Nullable.GetUnderlyingType(t) ?? t).Name;

        public static string FullName(Type t) => t.IsArray ? FullName(t.GetElementType()!) + "[]" : (Nullable.GetUnderlyingType(t) ?? t).FullName!;
    }
}
