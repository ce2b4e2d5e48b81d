using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace VanishingGradients
{
    /// <summary>
    /// A network with explicit weights, input and target, read from JSON so that a run can be checked against
    /// numpy or PyTorch on identical numbers. The format (matrices as lists of rows, numpy's orientation):
    /// <code>
    /// { "weights": [ W_1, ..., W_L ],        // W_l is n_l × n_(l-1): json.dumps([W.tolist() for W in weights])
    ///   "biases":  [ b_1, ..., b_L ],        // optional; an entry may be null
    ///   "input":   [[...], ...],             // features × batch (a flat list is one column)
    ///   "target":  [[...], ...] }            // outputs × batch (a number or flat list is one column)
    /// </code>
    /// </summary>
    public sealed class NetworkCase
    {
        public NetworkCase(Network network, double[,] input, double[,] target)
        {
            Network = network ?? throw new ArgumentNullException(nameof(network));
            Input = input ?? throw new ArgumentNullException(nameof(input));
            Target = target ?? throw new ArgumentNullException(nameof(target));
            var sizes = network.LayerSizes;
            if (input.GetLength(0) != sizes[0])
                throw new ArgumentException($"The input has {input.GetLength(0)} rows; the first weight matrix expects {sizes[0]} features.", nameof(input));
            if (target.GetLength(0) != sizes[sizes.Count - 1] || target.GetLength(1) != input.GetLength(1))
                throw new ArgumentException($"The target must be {sizes[sizes.Count - 1]} × {input.GetLength(1)} (outputs × batch).", nameof(target));
        }

        public Network Network { get; }
        public double[,] Input { get; }
        public double[,] Target { get; }

        /// <summary>One pass with <paramref name="activation"/> on this case.</summary>
        public IReadOnlyList<LayerStatistics> Run(Activation activation, PassOptions? options = null) =>
            Network.Backpropagate(activation, Input, Target, options);

        /// <summary>Reads a case from a JSON file.</summary>
        public static NetworkCase Load(string path) => Parse(File.ReadAllText(path));

        /// <summary>Parses a case; every malformed part gives a FormatException that says where.</summary>
        public static NetworkCase Parse(string json)
        {
            JsonDocument doc;
            try { doc = JsonDocument.Parse(json); }
            catch (JsonException e) { throw new FormatException($"The case is not valid JSON: {e.Message}", e); }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new FormatException("The case must be a JSON object.");
                var weights = Required(root, "weights").EnumerateArray().Select((w, i) => Matrix(w, $"weights[{i}]")).ToList();
                List<double[]?>? biases = root.TryGetProperty("biases", out var b) && b.ValueKind != JsonValueKind.Null
                    ? b.EnumerateArray().Select((v, i) => v.ValueKind == JsonValueKind.Null ? null : Vector(v, $"biases[{i}]")).ToList()
                    : null;
                var input = Column(Required(root, "input"), "input");
                var target = Column(Required(root, "target"), "target");
                try { return new NetworkCase(Network.FromWeights(weights, biases), input, target); }
                catch (ArgumentException e) { throw new FormatException(e.Message, e); }
            }
        }

        private static JsonElement Required(JsonElement root, string name)
        {
            if (!root.TryGetProperty(name, out var v)) throw new FormatException($"The case has no \"{name}\".");
            if (v.ValueKind != JsonValueKind.Array && !(name == "target" && v.ValueKind == JsonValueKind.Number))
                throw new FormatException($"\"{name}\" must be an array.");
            return v;
        }

        private static double Number(JsonElement e, string where)
        {
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out double v) || double.IsInfinity(v))
                throw new FormatException($"{where} is not a finite number.");
            return v;
        }

        private static double[] Vector(JsonElement e, string where)
        {
            if (e.ValueKind != JsonValueKind.Array) throw new FormatException($"{where} must be a list of numbers.");
            return e.EnumerateArray().Select((v, i) => Number(v, $"{where}[{i}]")).ToArray();
        }

        private static double[,] Matrix(JsonElement e, string where)
        {
            if (e.ValueKind != JsonValueKind.Array) throw new FormatException($"{where} must be a list of rows.");
            var rows = e.EnumerateArray().Select((r, i) => Vector(r, $"{where}[{i}]")).ToArray();
            if (rows.Length == 0 || rows[0].Length == 0) throw new FormatException($"{where} is empty.");
            var m = new double[rows.Length, rows[0].Length];
            for (int i = 0; i < rows.Length; i++)
            {
                if (rows[i].Length != rows[0].Length) throw new FormatException($"{where} has rows of different lengths.");
                for (int j = 0; j < rows[i].Length; j++) m[i, j] = rows[i][j];
            }
            return m;
        }

        // A number or a flat list is a single column (batch of one); a list of lists is a matrix.
        private static double[,] Column(JsonElement e, string where)
        {
            if (e.ValueKind == JsonValueKind.Number) return new double[1, 1] { { Number(e, where) } };
            var items = e.EnumerateArray().ToArray();
            if (items.Length > 0 && items[0].ValueKind == JsonValueKind.Array) return Matrix(e, where);
            var v = Vector(e, where);
            if (v.Length == 0) throw new FormatException($"{where} is empty.");
            var m = new double[v.Length, 1];
            for (int i = 0; i < v.Length; i++) m[i, 0] = v[i];
            return m;
        }
    }
}
