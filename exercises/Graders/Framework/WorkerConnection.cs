using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using VanishingGradients.Grading;
using VanishingGradients.Grading.Worker;

namespace CourseGraders
{
    /// <summary>How a request to the worker ended, other than with an answer.</summary>
    public enum WorkerFailure { TimedOut, Died, Malformed }

    public sealed class WorkerFailedException : Exception
    {
        public WorkerFailedException(WorkerFailure failure, string message) : base(message) => Failure = failure;
        public WorkerFailure Failure { get; }
    }

    /// <summary>
    /// The grading host's side of the trust boundary: starts the worker (sandboxed unless told otherwise), has it load
    /// the student's compiled assembly, and sends it calls. Whatever comes back is checked against the frame format and decoded into
    /// the type the grader expects; anything else, a timeout or a dead worker fails that one call and the worker is
    /// replaced (the assembly is loaded again).
    /// </summary>
    public sealed class WorkerConnection : IDisposable
    {
        private readonly string _workerAssembly;
        private readonly SandboxMode _mode;
        private readonly GradingLimits _limits;
        private readonly Func<Type, bool> _isStudentType;
        private readonly ConditionalWeakTable<object, StrongBox<(int Generation, long Handle)>> _handles = new();
        private Process? _process;
        private StringBuilder _stderr = new();
        private byte[]? _assembly, _pdb;
        private long _nextId;
        private int _generation;

        public WorkerConnection(string workerAssembly, SandboxMode mode, GradingLimits limits, Func<Type, bool> isStudentType)
        {
            _workerAssembly = workerAssembly;
            _mode = mode;
            _limits = limits;
            _isStudentType = isStudentType;
        }

        /// <summary>The student's compiled assembly; every worker started from now on loads it.</summary>
        public void Load(byte[] assembly, byte[] pdb)
        {
            _assembly = assembly;
            _pdb = pdb;
        }

        /// <summary>Runs an encoded call; the reply holds either "value" or "error".</summary>
        public JsonElement Call(Func<CallEncoder, JsonNode> encode, TimeSpan timeout)
        {
            if (_assembly == null) throw new InvalidOperationException("No assembly loaded.");
            EnsureStarted();
            var request = new JsonObject { ["op"] = "call", ["expr"] = encode(new CallEncoder(_isStudentType, Values)) };
            return Send(request, timeout);
        }

        /// <summary>The codec for values, with proxies for the student's objects (which stay in the worker).</summary>
        public Values Values => new(EncodeProxy, DecodeProxy);

        private void EnsureStarted()
        {
            if (_process is { HasExited: false }) return;
            Stop();
            Start();
            if (_assembly != null) Send(new JsonObject { ["op"] = "load", ["assembly"] = Convert.ToBase64String(_assembly), ["pdb"] = Convert.ToBase64String(_pdb!) }, TimeSpan.FromSeconds(60));
        }

        private void Start()
        {
            var (file, args, environment) = Sandbox.WorkerCommand(_workerAssembly, _mode, _limits);
            var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in args) info.ArgumentList.Add(a);
            foreach (var pair in environment) info.Environment[pair.Key] = pair.Value;
            _stderr = new StringBuilder();
            var stderr = _stderr;
            _process = Process.Start(info)!;
            _process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data == null) return;
                lock (stderr) { if (stderr.Length < 4096) stderr.AppendLine(e.Data); }
            };
            _process.BeginErrorReadLine();
            _generation++;
        }

        private JsonElement Send(JsonObject request, TimeSpan timeout)
        {
            if (_process == null || _process.HasExited) { Stop(); Start(); }
            var process = _process!;
            long id = ++_nextId;
            request["id"] = id;
            var exchange = Task.Run(() =>
            {
                Frames.Write(process.StandardInput.BaseStream, request);
                return Frames.Read(process.StandardOutput.BaseStream);
            });
            try
            {
                // The limit counts the worker's CPU time, so that a machine busy with other work does not fail a correct
                // call; a call that computes nothing (a deadlock) still ends at the wall-time limit.
                var wall = Stopwatch.StartNew();
                double? cpuAtStart = ProcessTreeCpu.Seconds(process.Id);
                var wallLimit = cpuAtStart == null ? timeout : new GradingLimits { TestTimeout = timeout }.CallWallLimit;
                while (!exchange.Wait(100))
                {
                    bool overCpu = cpuAtStart != null && ProcessTreeCpu.Seconds(process.Id) - cpuAtStart > timeout.TotalSeconds;
                    if (!overCpu && wall.Elapsed <= wallLimit) continue;
                    Stop();
                    throw new WorkerFailedException(WorkerFailure.TimedOut, $"no answer within {timeout.TotalSeconds:0.#} s");
                }
                var reply = exchange.Result ?? throw new WorkerFailedException(WorkerFailure.Died, "the process ended" + Reason());
                if (!reply.TryGetProperty("id", out var echoed) || echoed.ValueKind != JsonValueKind.Number || echoed.GetInt64() != id)
                    throw new WireException("the answer belongs to another request");
                if (reply.TryGetProperty("protocol", out var problem)) throw new WireException(problem.ToString());
                return reply;
            }
            catch (AggregateException e) when (e.InnerException is OutOfMemoryException or InsufficientExecutionStackException)
            {
                Stop(); // the stream is out of step after a frame that could not be read
                throw new WorkerFailedException(WorkerFailure.Malformed, "its answer was too large to read");
            }
            catch (AggregateException e) when (e.InnerException is WireException or IOException)
            {
                var died = _process is { } p && p.WaitForExit(2000);
                Stop();
                if (died) throw new WorkerFailedException(WorkerFailure.Died, "the process ended" + Reason());
                throw new WorkerFailedException(WorkerFailure.Malformed, "its answer broke the protocol (" + e.InnerException!.Message + ")");
            }
            catch (WireException e)
            {
                Stop();
                throw new WorkerFailedException(WorkerFailure.Malformed, "its answer broke the protocol (" + e.Message + ")");
            }
        }

        private string Reason()
        {
            string text;
            lock (_stderr) text = _stderr.ToString();
            string? line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l =>
                l.StartsWith("Stack overflow", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Out of memory", StringComparison.OrdinalIgnoreCase) ||
                l.StartsWith("Unhandled exception", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Fatal error", StringComparison.OrdinalIgnoreCase))
                ?? text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
            int? code = _process is { HasExited: true } p ? p.ExitCode : null;
            return (line != null ? $" ({line})" : "") + (code is int c ? $" with exit code {c}" : "");
        }

        private void Stop()
        {
            if (_process == null) return;
            try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); }
            catch (InvalidOperationException) { }
            catch (System.ComponentModel.Win32Exception) { }
        }

        public void Dispose()
        {
            // A worker told that the calls are over ends by itself (and is counted in its parent's CPU time); kill only a stuck one.
            try { if (_process is { HasExited: false } p) { p.StandardInput.Close(); p.WaitForExit(1000); } }
            catch (IOException) { }
            catch (InvalidOperationException) { }
            Stop();
            _process?.Dispose();
        }

        private JsonObject EncodeProxy(object value, int depth)
        {
            if (!_handles.TryGetValue(value, out var box))
                throw new WireException($"A {value.GetType().Name} made by the grader cannot be sent; create it inside Student.Call.");
            if (box.Value.Generation != _generation)
                throw new WorkerFailedException(WorkerFailure.Died, $"the {value.GetType().Name} it returned earlier was lost when the worker was restarted");
            return new JsonObject { ["t"] = "obj", ["h"] = box.Value.Handle };
        }

        /// <summary>A stand-in for an object that lives in the worker: its public properties as they were, and its handle.</summary>
        private object? DecodeProxy(JsonElement e, Type target)
        {
            if (!_isStudentType(target) || target.IsAbstract || target.IsInterface || target.IsValueType)
                throw new WireException($"Got an object where a {target.Name} was expected.");
            long handle = Json.Long(e, "h");
            object proxy = RuntimeHelpers.GetUninitializedObject(target);
            if (e.TryGetProperty("p", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in properties.EnumerateObject())
                {
                    var property = target.GetProperty(p.Name, BindingFlags.Public | BindingFlags.Instance);
                    if (property == null) continue;
                    object? value;
                    try { value = Values.Decode(p.Value, property.PropertyType, 1); }
                    catch (WireException) { continue; }
                    var field = target.GetField($"<{p.Name}>k__BackingField", BindingFlags.NonPublic | BindingFlags.Instance);
                    if (field != null) field.SetValue(proxy, value);
                    else if (property.SetMethod != null) property.SetValue(proxy, value);
                }
            }
            _handles.AddOrUpdate(proxy, new StrongBox<(int, long)>((_generation, handle)));
            return proxy;
        }
    }
}
