using System;
using System.Buffers.Binary;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VanishingGradients.Grading.Worker
{
    /// <summary>Anything on the wire that does not follow the format. The reader treats it as a failed call, never as data.</summary>
    public sealed class WireException : Exception
    {
        public WireException(string message) : base(message) { }
    }

    /// <summary>
    /// The frames between the grading host and the worker: a 4-byte little-endian length, then that many bytes of UTF-8 JSON
    /// holding one object. A frame that is too long, truncated or not a JSON object is a <see cref="WireException"/>.
    /// </summary>
    public static class Frames
    {
        /// <summary>
        /// Larger frames are refused. The largest the graders exchange is 357 KB (the student's assembly); reading a frame
        /// of small numbers allocates about 23 times its size, so a forged 64 MB frame (the former limit) took the grading
        /// host past its 1 GB heap limit, while 8 MB costs at most about 185 MB.
        /// </summary>
        public const int MaxBytes = 8 << 20;

        public static void Write(Stream stream, JsonObject message)
        {
            byte[] body = Encoding.UTF8.GetBytes(message.ToJsonString());
            if (body.Length > MaxBytes) throw new WireException($"The message is {body.Length} bytes, more than the {MaxBytes} allowed.");
            Span<byte> header = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(header, body.Length);
            stream.Write(header);
            stream.Write(body);
            stream.Flush();
        }

        /// <summary>The next frame, or null at a clean end of the stream.</summary>
        public static JsonElement? Read(Stream stream)
        {
            var header = new byte[4];
            int got = ReadExactly(stream, header);
            if (got == 0) return null;
            if (got < 4) throw new WireException("The stream ended inside a frame header.");
            int length = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (length <= 0 || length > MaxBytes) throw new WireException($"A frame announced {length} bytes (allowed: 1 to {MaxBytes}).");
            var body = new byte[length];
            if (ReadExactly(stream, body) < length) throw new WireException("The stream ended inside a frame.");
            try
            {
                using var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
                if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new WireException("A frame is not a JSON object.");
                return doc.RootElement.Clone();
            }
            catch (JsonException e) { throw new WireException("A frame is not valid JSON: " + e.Message); }
        }

        private static int ReadExactly(Stream stream, byte[] buffer)
        {
            int read = 0;
            while (read < buffer.Length)
            {
                int n = stream.Read(buffer, read, buffer.Length - read);
                if (n == 0) break;
                read += n;
            }
            return read;
        }
    }

    /// <summary>Reads a JSON object strictly: a missing or mistyped field is a <see cref="WireException"/>.</summary>
    public static class Json
    {
        public static JsonElement Get(JsonElement e, string name)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v)) throw new WireException($"Field '{name}' is missing.");
            return v;
        }

        public static string Str(JsonElement e, string name) =>
            Get(e, name) is { ValueKind: JsonValueKind.String } v ? v.GetString()! : throw new WireException($"Field '{name}' is not a string.");

        public static long Long(JsonElement e, string name) =>
            Get(e, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out long n) ? n : throw new WireException($"Field '{name}' is not a whole number.");

        public static bool Bool(JsonElement e, string name) =>
            Get(e, name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } v ? v.GetBoolean() : throw new WireException($"Field '{name}' is not true/false.");

        public static JsonElement.ArrayEnumerator Array(JsonElement e, string name) =>
            Get(e, name) is { ValueKind: JsonValueKind.Array } v ? v.EnumerateArray() : throw new WireException($"Field '{name}' is not an array.");

        public static byte[] Bytes(JsonElement e, string name)
        {
            try { return Convert.FromBase64String(Str(e, name)); }
            catch (FormatException) { throw new WireException($"Field '{name}' is not base64."); }
        }
    }

    /// <summary>Types on the wire: {"n": full name} or {"n": generic definition, "g": [arguments]} or {"a": element, "r": rank}.</summary>
    public static class TypeNames
    {
        public static JsonNode Describe(Type t)
        {
            if (t.IsArray) return new JsonObject { ["a"] = Describe(t.GetElementType()!), ["r"] = t.GetArrayRank() };
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
                return new JsonObject { ["n"] = t.GetGenericTypeDefinition().FullName, ["g"] = new JsonArray(t.GetGenericArguments().Select(Describe).ToArray()) };
            if (t.FullName == null || t.IsByRef || t.IsPointer || t.IsGenericParameter) throw new WireException($"The type {t} cannot be sent.");
            return new JsonObject { ["n"] = t.FullName };
        }

        public static Type Resolve(JsonElement e, Func<string, Type?> lookup, int depth = 0)
        {
            if (depth > 16) throw new WireException("A type is nested too deeply.");
            if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("a", out var element))
            {
                long rank = Json.Long(e, "r");
                var elementType = Resolve(element, lookup, depth + 1);
                return rank == 1 ? elementType.MakeArrayType() : rank is > 1 and <= 4 ? elementType.MakeArrayType((int)rank) : throw new WireException("Bad array rank.");
            }
            string name = Json.Str(e, "n");
            var type = lookup(name) ?? throw new WireException($"Unknown type '{name}'.");
            if (!e.TryGetProperty("g", out var args)) return type;
            var resolved = Json.Array(e, "g").Select(a => Resolve(a, lookup, depth + 1)).ToArray();
            if (!type.IsGenericTypeDefinition || type.GetGenericArguments().Length != resolved.Length) throw new WireException($"'{name}' takes no such type arguments.");
            return type.MakeGenericType(resolved);
        }
    }

    /// <summary>
    /// Values on the wire. Numbers keep every bit (doubles travel as their 64-bit pattern, arrays of doubles as raw bytes),
    /// lists and tuples nest, and anything else is an "obj": a handle to the object, which stays in the worker, with a
    /// snapshot of its public properties. Decoding is driven by the type the reader expects, never by the sender.
    /// </summary>
    public sealed class Values
    {
        private const int MaxDepth = 8;
        private readonly Func<object, int, JsonObject> _encodeObject;
        private readonly Func<JsonElement, Type, object?> _decodeObject;

        public Values(Func<object, int, JsonObject> encodeObject, Func<JsonElement, Type, object?> decodeObject)
        {
            _encodeObject = encodeObject;
            _decodeObject = decodeObject;
        }

        public JsonObject Encode(object? v, int depth = 0)
        {
            if (depth > MaxDepth) throw new WireException("A value is nested too deeply.");
            switch (v)
            {
                case null: return Tag("null");
                case bool b: return Tag("bool", b);
                case int i: return Tag("i32", i);
                case long l: return Tag("i64", l);
                case double d: return Tag("f64", BitConverter.DoubleToInt64Bits(d));
                case string s: return Tag("str", s);
                case double[] a: return Tag("f64[]", Convert.ToBase64String(MemoryMarshal.AsBytes(a.AsSpan())));
                case double[,] m:
                    var flat = new double[m.Length];
                    Buffer.BlockCopy(m, 0, flat, 0, m.Length * sizeof(double));
                    var o = Tag("f64[,]", Convert.ToBase64String(MemoryMarshal.AsBytes(flat.AsSpan())));
                    o["r"] = m.GetLength(0);
                    o["c"] = m.GetLength(1);
                    return o;
                case Delegate: throw new WireException("A delegate cannot be sent as a value.");
                case ITuple t:
                    var items = new JsonArray();
                    for (int k = 0; k < t.Length; k++) items.Add(Encode(t[k], depth + 1));
                    return Tag("tuple", items);
                case Array or IList:
                    var list = new JsonArray();
                    foreach (object? item in (IEnumerable)v) list.Add(Encode(item, depth + 1));
                    return Tag("list", list);
                default:
                    if (v.GetType().IsPrimitive || v.GetType().IsEnum) throw new WireException($"Values of type {v.GetType().Name} cannot be sent.");
                    return _encodeObject(v, depth);
            }
        }

        public object? Decode(JsonElement e, Type target, int depth = 0)
        {
            if (depth > MaxDepth) throw new WireException("A value is nested too deeply.");
            string tag = Json.Str(e, "t");
            var nullable = Nullable.GetUnderlyingType(target);
            if (nullable != null && tag != "null") target = nullable;
            switch (tag)
            {
                case "null":
                    if (target.IsValueType && nullable == null) throw new WireException($"Got null where a {target.Name} was expected.");
                    return null;
                case "bool": return Scalar(Json.Bool(e, "v"), target);
                case "i32": return Scalar(checked((int)Json.Long(e, "v")), target);
                case "i64": return Scalar(Json.Long(e, "v"), target);
                case "f64": return Scalar(BitConverter.Int64BitsToDouble(Json.Long(e, "v")), target);
                case "str": return Scalar(Json.Str(e, "v"), target);
                case "f64[]":
                {
                    var a = Doubles(Json.Bytes(e, "v"));
                    return target.IsAssignableFrom(typeof(double[])) ? a : throw Mismatch("an array of numbers", target);
                }
                case "f64[,]":
                {
                    var flat = Doubles(Json.Bytes(e, "v"));
                    long rows = Json.Long(e, "r"), cols = Json.Long(e, "c");
                    if (rows < 0 || cols < 0 || rows * cols != flat.Length) throw new WireException("A matrix's shape does not match its data.");
                    if (!target.IsAssignableFrom(typeof(double[,]))) throw Mismatch("a matrix", target);
                    var m = new double[rows, cols];
                    Buffer.BlockCopy(flat, 0, m, 0, flat.Length * sizeof(double));
                    return m;
                }
                case "tuple":
                {
                    if (!typeof(ITuple).IsAssignableFrom(target) || !target.IsGenericType) throw Mismatch("a tuple", target);
                    var types = target.GetGenericArguments();
                    var items = Json.Array(e, "v").ToList();
                    if (items.Count != types.Length) throw new WireException($"Got a tuple of {items.Count} where {types.Length} were expected.");
                    return Activator.CreateInstance(target, items.Select((item, k) => Decode(item, types[k], depth + 1)).ToArray());
                }
                case "list":
                {
                    var element = ElementType(target) ?? throw Mismatch("a list", target);
                    var items = Json.Array(e, "v").Select(item => Decode(item, element, depth + 1)).ToList();
                    var array = Array.CreateInstance(element, items.Count);
                    for (int k = 0; k < items.Count; k++) array.SetValue(items[k], k);
                    if (target.IsAssignableFrom(array.GetType())) return array;
                    var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
                    foreach (object? item in items) list.Add(item);
                    return target.IsInstanceOfType(list) ? list : throw Mismatch("a list", target);
                }
                case "obj": return _decodeObject(e, target);
                default: throw new WireException($"Unknown value tag '{tag}'.");
            }
        }

        private static JsonObject Tag(string tag, JsonNode? value = null)
        {
            var o = new JsonObject { ["t"] = tag };
            if (value != null) o["v"] = value;
            return o;
        }

        private static object Scalar(object value, Type target)
        {
            if (target.IsInstanceOfType(value)) return value;
            if (value is int i && target == typeof(long)) return (long)i;
            if (value is int j && target == typeof(double)) return (double)j;
            throw Mismatch(value.GetType().Name, target);
        }

        private static double[] Doubles(byte[] bytes)
        {
            if (bytes.Length % sizeof(double) != 0) throw new WireException("An array of numbers has a torn length.");
            return MemoryMarshal.Cast<byte, double>(bytes).ToArray();
        }

        private static Type? ElementType(Type target)
        {
            if (target.IsArray) return target.GetArrayRank() == 1 ? target.GetElementType() : null;
            if (target == typeof(object)) return typeof(object);
            if (target.IsGenericType && target.GetGenericArguments().Length == 1) return target.GetGenericArguments()[0];
            return null;
        }

        private static WireException Mismatch(string got, Type target) => new($"Got {got} where a {target.Name} was expected.");
    }
}
