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

namespace VanishingGradients.Grading.Worker
{
    /// <summary>
    /// Serves one grading host over stdin/stdout frames (see <see cref="Frames"/>). Requests, each with an "id" echoed back:
    /// <list type="bullet">
    /// <item><c>load</c> assembly, pdb → loads the student's assembly (compiled by <see cref="Compiler"/>).</item>
    /// <item><c>call</c> expr → "value" or "error" {types, message, notImplemented, where}.</item>
    /// </list>
    /// Student code cannot write into the protocol by accident: Console is redirected to nothing before any of it loads.
    /// </summary>
    public static class Program
    {
        private static Assembly? _student;
        private static readonly List<object> Handles = new();

        public static int Main(string[] args)
        {
            if (args.Length == 6 && args[0] == "--compile-all")
                return Compiler.CompileAll(args[1], args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture),
                    TimeSpan.FromSeconds(double.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture)), args[5]);
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
