using System;
using System.Collections.Generic;
using System.Linq;

namespace VanishingGradients
{
    /// <summary>The catalogue: ready-made activations and lookup by name (case- and punctuation-insensitive).</summary>
    public static class Activations
    {
        public const double DefaultLeakyAlpha = 0.01;
        public const double DefaultPReluAlpha = 0.25;
        public const double DefaultEluAlpha = 1.0;

        public static Activation Sigmoid { get; } = new Sigmoid();
        public static Activation Tanh { get; } = new Tanh();
        public static Activation ReLU { get; } = new Rectifier("ReLU", 0.0, DerivativeAtZero.Left);
        public static Activation LeakyReLU { get; } = new Rectifier("LeakyReLU", DefaultLeakyAlpha, DerivativeAtZero.Left);
        public static Activation ELU { get; } = new Elu(DefaultEluAlpha, DerivativeAtZero.Left);
        public static Activation GELU { get; } = new Gelu();
        public static Activation GELUTanh { get; } = new GeluTanh();
        public static Activation SiLU { get; } = new Silu();
        public static Activation Softplus { get; } = new Softplus();
        public static Activation Step { get; } = new Step();
        public static Activation Identity { get; } = new Identity();
        public static Activation SELU { get; } = new Selu(DerivativeAtZero.Left);
        public static Activation Mish { get; } = new Mish();
        public static Activation HardSigmoid { get; } = ClippedLinear.HardSigmoid();
        public static Activation HardTanh { get; } = ClippedLinear.HardTanh();
        public static Activation ReLU6 { get; } = ClippedLinear.ReLU6(DerivativeAtZero.Left);
        public static Activation Softsign { get; } = new Softsign();

        /// <summary>ReLU with an explicit derivative convention at 0.</summary>
        public static Activation ReLUWith(DerivativeAtZero atZero) => new Rectifier("ReLU", 0.0, atZero);

        /// <summary>Leaky ReLU with slope α ∈ [0, 1] for x &lt; 0.</summary>
        public static Activation LeakyReLUWith(double alpha, DerivativeAtZero atZero = DerivativeAtZero.Left) =>
            new Rectifier("LeakyReLU", alpha, atZero);

        /// <summary>PReLU with a given (learned) slope a ∈ [0, 1].</summary>
        public static Activation PReLU(double a, DerivativeAtZero atZero = DerivativeAtZero.Left) => new Rectifier("PReLU", a, atZero);

        /// <summary>ELU with scale α &gt; 0.</summary>
        public static Activation ELUWith(double alpha, DerivativeAtZero atZero = DerivativeAtZero.Left) => new Elu(alpha, atZero);

        /// <summary>SELU with an explicit derivative convention at 0 (λα on the left, λ on the right).</summary>
        public static Activation SELUWith(DerivativeAtZero atZero) => new Selu(atZero);

        /// <summary>ReLU6 with an explicit derivative convention at 0 (its kink at 6 always reports 0, as torch does).</summary>
        public static Activation ReLU6With(DerivativeAtZero atZero) => ClippedLinear.ReLU6(atZero);

        /// <summary>Every catalogue entry with its default parameters, in the order of the labs' tables.</summary>
        public static IReadOnlyList<Activation> All { get; } = new[]
        {
            Sigmoid, Tanh, ReLU, LeakyReLU, PReLU(DefaultPReluAlpha), ELU, GELU, GELUTanh, SiLU, Softplus, Step, Identity,
            SELU, Mish, HardSigmoid, HardTanh, ReLU6, Softsign,
        };

        /// <summary>The canonical names, for completion and error messages.</summary>
        public static IReadOnlyList<string> Names { get; } = All.Select(a => a.Name).ToArray();

        private static readonly Dictionary<string, string> Aliases = new Dictionary<string, string>
        {
            ["swish"] = "SiLU", ["leaky"] = "LeakyReLU", ["lrelu"] = "LeakyReLU", ["logistic"] = "Sigmoid",
            ["linear"] = "Identity", ["heaviside"] = "Step", ["threshold"] = "Step", ["geluapprox"] = "GELUTanh",
            ["hsigmoid"] = "HardSigmoid", ["htanh"] = "HardTanh",
        };

        /// <summary>The activation called <paramref name="name"/> with default parameters.</summary>
        /// <exception cref="UnknownActivationException">No activation has that name.</exception>
        public static Activation Get(string name) => Get(name, null, DerivativeAtZero.Left);

        /// <summary>
        /// The activation called <paramref name="name"/>; <paramref name="parameter"/> sets α for LeakyReLU/ELU and a for PReLU
        /// (null = default) and is rejected for activations without a parameter.
        /// </summary>
        public static Activation Get(string name, double? parameter, DerivativeAtZero atZero = DerivativeAtZero.Left)
        {
            string canonical = Canonical(name) ?? throw new UnknownActivationException(name ?? "", Suggest(name));
            switch (canonical)
            {
                case "ReLU": return ReLUWith(atZero);
                case "LeakyReLU": return LeakyReLUWith(parameter ?? DefaultLeakyAlpha, atZero);
                case "PReLU": return PReLU(parameter ?? DefaultPReluAlpha, atZero);
                case "ELU": return ELUWith(parameter ?? DefaultEluAlpha, atZero);
                case "SELU" when !parameter.HasValue: return SELUWith(atZero);
                case "ReLU6" when !parameter.HasValue: return ReLU6With(atZero);
            }
            if (parameter.HasValue)
                throw new ArgumentException($"{canonical} has no parameter; only LeakyReLU, PReLU and ELU take one.", nameof(parameter));
            return All.First(a => a.Name == canonical);
        }

        /// <summary>True and the activation when the name is known (default parameters).</summary>
        public static bool TryGet(string name, out Activation activation)
        {
            string? canonical = Canonical(name);
            activation = canonical == null ? null! : Get(canonical);
            return canonical != null;
        }

        /// <summary>The canonical spelling of a name or alias, or null.</summary>
        public static string? Canonical(string? name)
        {
            if (name == null) return null;
            string key = Normalize(name);
            if (Aliases.TryGetValue(key, out var alias)) return alias;
            return Names.FirstOrDefault(n => Normalize(n) == key);
        }

        /// <summary>Known names closest to a mistyped one (edit distance ≤ 3, or a shared prefix), best first.</summary>
        public static IReadOnlyList<string> Suggest(string? name)
        {
            string key = Normalize(name ?? "");
            if (key.Length == 0) return Array.Empty<string>();
            return Names
                .Select(n => (n, d: Distance(key, Normalize(n))))
                .Where(t => t.d <= Math.Max(1, Math.Min(3, key.Length / 2)) || Normalize(t.n).StartsWith(key, StringComparison.Ordinal))
                .OrderBy(t => t.d).Select(t => t.n).ToArray();
        }

        private static string Normalize(string s) =>
            new string(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

        // Levenshtein distance: small strings, so the plain two-row table is enough.
        private static int Distance(string a, string b)
        {
            var prev = new int[b.Length + 1];
            var cur = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) prev[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                cur[0] = i;
                for (int j = 1; j <= b.Length; j++)
                    cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                (prev, cur) = (cur, prev);
            }
            return prev[b.Length];
        }
    }

    /// <summary>Thrown for an activation name that is not in the catalogue; carries the suggestions.</summary>
    public sealed class UnknownActivationException : ArgumentException
    {
        public UnknownActivationException(string name, IReadOnlyList<string> suggestions)
            : base(Describe(name, suggestions), "name")
        {
            ActivationName = name;
            Suggestions = suggestions;
        }

        public string ActivationName { get; }
        public IReadOnlyList<string> Suggestions { get; }

        private static string Describe(string name, IReadOnlyList<string> suggestions) =>
            $"Unknown activation '{name}'." +
            (suggestions.Count > 0 ? $" Did you mean {string.Join(" or ", suggestions.Take(3))}?" : "") +
            $" Valid names: {string.Join(", ", Activations.Names)}.";
    }
}
