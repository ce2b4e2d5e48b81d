using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;
using System.Text;

namespace VanishingGradients.Grading.Worker
{
    /// <summary>
    /// Serves one grading host over stdin/stdout frames (see <see cref="Frames"/>). Requests, each with an "id" echoed back:
    /// <list type="bullet">
    /// <item><c>compile</c> files[] → the assembly and its symbols (loaded here too), or the compiler's errors.</item>
    /// <item><c>load</c> assembly, pdb → loads an assembly compiled earlier (after a restart).</item>
    /// <item><c>call</c> expr → "value" or "error" {types, message, notImplemented, where}.</item>
    /// </list>
    /// Student code cannot write into the protocol by accident: Console is redirected to nothing before any of it loads.
    /// </summary>
    public static class Program
    {
        private const string ExerciseAssemblyName = "VanishingGradients.Exercises";
        private static Assembly? _student;
        private static readonly List<object> Handles = new();

        public static int Main()
        {
            var (input, output) = ProtocolStreams();
            Console.SetOut(TextWriter.Null);
            Console.SetError(TextWriter.Null);
            Console.SetIn(TextReader.Null);
            var values = new Values(EncodeObject, DecodeHandle);
            while (true)
            {
                JsonElement? request;
                try { request = Frames.Read(input); }
                catch (WireException) { return 2; }
                if (request == null) return 0;
                var reply = new JsonObject { ["id"] = request.Value.TryGetProperty("id", out var id) ? id.GetInt64() : -1 };
                try
                {
                    switch (Json.Str(request.Value, "op"))
                    {
                        case "compile": Compile(request.Value, reply); break;
                        case "load": Load(Json.Bytes(request.Value, "assembly"), Json.Bytes(request.Value, "pdb")); break;
                        case "call": Call(request.Value, reply, values); break;
                        default: throw new WireException("Unknown op.");
                    }
                }
                catch (WireException e) { reply["protocol"] = e.Message; }
                Frames.Write(output, reply);
            }
        }

        /// <summary>
        /// The protocol's pipes, moved off fds 0 and 1 (which then point at /dev/null) so that student code writing to
        /// standard output or reading standard input cannot touch the protocol by ordinary means. (If it digs the pipes
        /// out of /proc/self/fd, it only breaks its own calls: the host treats a malformed frame as a failed call.)
        /// </summary>
        private static (Stream Input, Stream Output) ProtocolStreams()
        {
            if (!OperatingSystem.IsLinux()) return (Console.OpenStandardInput(), Console.OpenStandardOutput());
            int input = Dup(0), output = Dup(1), devnull = Open("/dev/null", 2 /* O_RDWR */);
            if (input < 0 || output < 0 || devnull < 0 || Dup2(devnull, 0) < 0 || Dup2(devnull, 1) < 0)
                return (Console.OpenStandardInput(), Console.OpenStandardOutput());
            return (new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(input, true), FileAccess.Read, 1),
                    new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(output, true), FileAccess.Write, 1));
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "dup", SetLastError = true)]
        private static extern int Dup(int fd);

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "dup2", SetLastError = true)]
        private static extern int Dup2(int fd, int target);

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "open", SetLastError = true)]
        private static extern int Open(string path, int flags);

        private static void Compile(JsonElement request, JsonObject reply)
        {
            var trees = Json.Array(request, "files").Select(f => CSharpSyntaxTree.ParseText(SourceText.From(Json.Str(f, "text"), Encoding.UTF8),
                new CSharpParseOptions(LanguageVersion.Latest), path: Json.Str(f, "name"))).ToList();
            string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var references = Directory.EnumerateFiles(runtime, "*.dll")
                .Where(f => Path.GetFileName(f) is var n && (n.StartsWith("System.", StringComparison.Ordinal) || n is "mscorlib.dll" or "netstandard.dll"))
                .Where(f => !f.EndsWith(".Native.dll", StringComparison.Ordinal))
                .Select(f => MetadataReference.CreateFromFile(f));
            var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable, deterministic: true,
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS0162"] = ReportDiagnostic.Suppress, ["CS8321"] = ReportDiagnostic.Suppress });
            var compilation = CSharpCompilation.Create(ExerciseAssemblyName, trees, references, options);
            using var pe = new MemoryStream();
            using var pdb = new MemoryStream();
            var result = compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
            if (!result.Success)
            {
                reply["errors"] = new JsonArray(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
                    .Select(d => (JsonNode)JsonValue.Create(Describe(d))!).Take(50).ToArray());
                return;
            }
            reply["assembly"] = Convert.ToBase64String(pe.ToArray());
            reply["pdb"] = Convert.ToBase64String(pdb.ToArray());
            Load(pe.ToArray(), pdb.ToArray());
        }

        private static string Describe(Diagnostic d)
        {
            var span = d.Location.GetLineSpan();
            string where = d.Location.IsInSource ? $"{Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})" : "";
            return $"{where}: error {d.Id}: {d.GetMessage()}";
        }

        private static void Load(byte[] assembly, byte[] pdb)
        {
            if (_student != null) throw new WireException("An assembly is loaded already.");
            _student = AssemblyLoadContext.Default.LoadFromStream(new MemoryStream(assembly), new MemoryStream(pdb));
        }

        private static Type? Lookup(string name) =>
            _student?.GetType(name) ?? typeof(object).Assembly.GetType(name) ?? typeof(Enumerable).Assembly.GetType(name);

        private static void Call(JsonElement request, JsonObject reply, Values values)
        {
            if (_student == null) throw new WireException("No assembly is loaded.");
            JsonObject? value = null;
            Exception? error = null;
            // Deep but finite recursion should work as it does in a normal program; runaway recursion ends the process.
            var thread = new Thread(() =>
            {
                try
                {
                    var body = new CallDecoder(Lookup, values).Decode(Json.Get(request, "expr"));
                    if (body.Type == typeof(void)) body = Expression.Block(body, Expression.Constant(null));
                    var run = Expression.Lambda<Func<object?>>(Expression.Convert(body, typeof(object))).Compile();
                    value = values.Encode(run());
                }
                catch (TargetInvocationException e) when (e.InnerException != null) { error = e.InnerException; }
                catch (Exception e) { error = e; }
            }, 16 * 1024 * 1024);
            thread.Start();
            thread.Join();
            if (error == null) { reply["value"] = value; return; }
            var chain = new JsonArray();
            for (var t = error.GetType(); t != null; t = t.BaseType) chain.Add(t.FullName);
            reply["error"] = new JsonObject
            {
                ["types"] = chain,
                ["message"] = Truncate(SafeMessage(error), 2000),
                ["notImplemented"] = error is NotImplementedException && FirstFrameIsStudent(error),
                ["where"] = Where(error),
            };
        }

        private static JsonObject EncodeObject(object value, int depth)
        {
            Handles.Add(value);
            var properties = new JsonObject();
            var values = new Values(EncodeObject, DecodeHandle);
            foreach (var p in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (p.GetIndexParameters().Length > 0 || !p.CanRead) continue;
                try { properties[p.Name] = values.Encode(p.GetValue(value), depth + 1); }
                catch (Exception) { /* a property that cannot be read or sent is left out */ }
            }
            return new JsonObject { ["t"] = "obj", ["h"] = Handles.Count - 1, ["p"] = properties };
        }

        private static object? DecodeHandle(JsonElement e, Type target)
        {
            long h = Json.Long(e, "h");
            if (h < 0 || h >= Handles.Count) throw new WireException("Unknown object handle.");
            return target.IsInstanceOfType(Handles[(int)h]) ? Handles[(int)h] : throw new WireException($"Handle {h} is not a {target.Name}.");
        }

        private static bool FirstFrameIsStudent(Exception e) =>
            new StackTrace(e, false).GetFrames().FirstOrDefault()?.GetMethod()?.DeclaringType?.Assembly == _student;

        private static string Where(Exception e)
        {
            var frame = new StackTrace(e, true).GetFrames().FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Assembly == _student);
            if (frame?.GetMethod() is not { DeclaringType: { } type } method) return "";
            string file = frame.GetFileName() is string f ? Path.GetFileName(f) : "";
            int line = frame.GetFileLineNumber();
            return file.Length > 0 && line > 0 ? $"in {type.Name}.{method.Name}, {file} line {line}" : $"in {type.Name}.{method.Name}";
        }

        private static string SafeMessage(Exception e)
        {
            try { return e.Message; } catch (Exception) { return "(the exception's message could not be read)"; }
        }

        private static string Truncate(string s, int max) => s.Length <= max ? s : s.Substring(0, max) + "...";
    }
}
