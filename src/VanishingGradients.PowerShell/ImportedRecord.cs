using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using VanishingGradients.Charts;

namespace VanishingGradients.PowerShell
{
    /// <summary>
    /// A result record rebuilt from an object that has its properties but not its type: rows read back with Import-Csv
    /// (every value a string) or made with [pscustomobject]. The type is the chartable record whose properties the
    /// object has; numbers are read in the invariant culture ("Infinity", "-Infinity" and "NaN" as Export-Csv writes them).
    /// </summary>
    internal static class ImportedRecord
    {
        /// <summary>The record the object stands for; null when no record type matches its property names.</summary>
        /// <exception cref="FormatException">A property's value does not convert; the message names the property.</exception>
        public static object? From(PSObject item)
        {
            var names = item.Properties.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            // The type with the most properties that the object all has: ActivationPoint and ScaledGradient differ by one.
            var type = ChartBuilder.SupportedTypes
                .Where(t => Settable(t).All(p => names.Contains(p.Name) || Nullable.GetUnderlyingType(p.Type) != null))
                .OrderByDescending(t => Settable(t).Length).FirstOrDefault();
            if (type == null) return null;
            var constructor = Constructor(type);
            var record = constructor.Invoke(constructor.GetParameters().Select(p => Value(item, p.Name!, p.ParameterType)).ToArray());
            if (constructor.GetParameters().Length == 0)
                foreach (var property in type.GetProperties().Where(p => p.SetMethod != null && names.Contains(p.Name)))
                    property.SetValue(record, Value(item, property.Name, property.PropertyType));
            return record;
        }

        // What a record is made of: its constructor's parameters, or (for a record with init properties) those properties.
        private static (string Name, Type Type)[] Settable(Type type)
        {
            var parameters = Constructor(type).GetParameters();
            return parameters.Length > 0 ? parameters.Select(p => (p.Name!, p.ParameterType)).ToArray()
                : type.GetProperties().Where(p => p.SetMethod != null).Select(p => (p.Name, p.PropertyType)).ToArray();
        }

        private static ConstructorInfo Constructor(Type type) => type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();

        private static object? Value(PSObject item, string name, Type type)
        {
            object? value = item.Properties[name]?.Value;
            if (value is PSObject ps) value = ps.BaseObject;
            var underlying = Nullable.GetUnderlyingType(type);
            if (value == null || value is string { Length: 0 } && underlying != null) return null;
            var target = underlying ?? type;
            if (value is string s && (target == typeof(double) || target == typeof(int)))
            {
                if (target == typeof(double) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return d;
                if (target == typeof(int) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i)) return i;
                throw new FormatException($"{name} is '{s}', which is not {(target == typeof(int) ? "a whole number" : "a number")}.");
            }
            try
            {
                return LanguagePrimitives.ConvertTo(value, target, CultureInfo.InvariantCulture);
            }
            catch (PSInvalidCastException e)
            {
                throw new FormatException($"{name} is '{value}', which does not convert to {target.Name}.", e);
            }
        }
    }
}
