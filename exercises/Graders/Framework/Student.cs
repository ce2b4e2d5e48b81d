using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using NUnit.Framework;
using VanishingGradients.Grading;
using VanishingGradients.Grading.Worker;

namespace CourseGraders
{
    /// <summary>
    /// Every call into student code goes through here, and none of it runs in this process: the call, written as a C#
    /// lambda, is sent to the worker (a separate, sandboxed process holding the student's compiled code, see
    /// <see cref="WorkerConnection"/>), and only the returned value comes back. Whatever the code throws becomes a message a
    /// student can act on; a call that hangs or kills the worker fails as timed out or crashed.
    /// </summary>
    public static class Student
    {
        private static readonly ConcurrentDictionary<string, TestStatus> Overrides = new();
        private static readonly Assembly ExerciseAssembly = typeof(VanishingGradients.Exercises.DataGrid).Assembly;

        /// <summary>CPU time one call may use (see <see cref="GradingLimits.TestTimeout"/>); set by the host from --timeout.</summary>
        public static TimeSpan Limit { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>The worker holding the current submission's code.</summary>
        public static WorkerConnection? Worker { get; private set; }

        /// <summary>Called by the host before each submission: its worker, and no status left over from the one before.</summary>
        public static void Begin(WorkerConnection worker)
        {
            Worker = worker;
            Overrides.Clear();
        }

        /// <summary>True for the types the student writes (their code only ever runs in the worker).</summary>
        public static bool IsStudentType(Type t) => t.Assembly == ExerciseAssembly;

        /// <summary>The status the host reports for a failed test when the failure was not an ordinary wrong answer.</summary>
        public static TestStatus? StatusOverride(string testFullName) => Overrides.TryGetValue(testFullName, out var s) ? s : null;

        public static T Call<T>(string what, Expression<Func<T>> code) => (T)Run(what, code.Body, typeof(T))!;

        public static void Call(string what, Expression<Action> code) => Run(what, code.Body, typeof(void));

        /// <summary>f(x) for every x, in one call: Array.ConvertAll(inputs, f) in the worker.</summary>
        public static double[] Map(string what, double[] inputs, Expression<Func<double, double>> f)
        {
            var convertAll = typeof(Array).GetMethod(nameof(Array.ConvertAll))!.MakeGenericMethod(typeof(double), typeof(double));
            var converter = Expression.Lambda<Converter<double, double>>(f.Body, f.Parameters);
            return (double[])Run(what, Expression.Call(convertAll, Expression.Constant(inputs), converter), typeof(double[]))!;
        }

        /// <summary>Passes when the student's code throws <typeparamref name="TException"/> (or a subclass).</summary>
        public static void Throws<TException>(string what, Expression<Action> code, string hint) where TException : Exception
        {
            try
            {
                Call(what, code);
            }
            catch (StudentException e) when (e.ThrownTypes.Contains(typeof(TException).FullName))
            {
                return;
            }
            Assert.Fail($"{what} should throw {typeof(TException).Name} but returned normally. {hint}");
        }

        private static object? Run(string what, Expression body, Type result)
        {
            var worker = Worker ?? throw new InvalidOperationException("The grading host has not started a worker.");
            JsonElement reply;
            try
            {
                reply = worker.Call(encoder => encoder.Encode(body), Limit);
            }
            catch (WorkerFailedException e) when (e.Failure == WorkerFailure.TimedOut)
            {
                Mark(TestStatus.TimedOut);
                throw new AssertionException($"Timed out: {what} did not return within {Limit.TotalSeconds:0.#} s of computing time. Look for a loop whose condition never becomes false (or a grid far larger than asked for).");
            }
            catch (WorkerFailedException e)
            {
                Mark(TestStatus.Crashed);
                throw new AssertionException($"{what} crashed the process running your code: {e.Message}. Infinite recursion (a method calling itself without end), a huge allocation or Environment.Exit are the usual causes.");
            }
            if (reply.TryGetProperty("error", out var error)) Report(what, error);
            if (result == typeof(void)) return null;
            try
            {
                return worker.Values.Decode(Json.Get(reply, "value"), result);
            }
            catch (WireException e)
            {
                throw new AssertionException($"{what} returned something that is not a {Nice(result)}: {e.Message}");
            }
        }

        private static void Report(string what, JsonElement error)
        {
            var types = Json.Array(error, "types").Select(t => t.GetString() ?? "").ToArray();
            string type = types.Length > 0 ? types[0].Split('.').Last() : "an exception";
            string message = Json.Str(error, "message"), where = Json.Str(error, "where");
            if (Json.Bool(error, "notImplemented") && types[0] == typeof(NotImplementedException).FullName)
            {
                Mark(TestStatus.NotImplemented);
                // Where names the stub that threw: another exercise's, when this one calls it (or it was swapped in for a file that did not compile).
                throw new StudentException($"Not implemented yet: {what} still throws the stub's NotImplementedException{(where.Length > 0 ? $" ({where})" : "")}. Hint: {message}", types);
            }
            if (types.Contains(typeof(OutOfMemoryException).FullName) || types.Contains(typeof(InsufficientExecutionStackException).FullName))
                throw new StudentException($"{what} ran out of memory or stack ({type}). Are you allocating an array far larger than the grid, or recursing without end?", types);
            throw new StudentException($"{what} threw {type}: {message}{(where.Length > 0 ? $" ({where})" : "")}", types);
        }

        private static string Nice(Type t) => t.IsArray ? t.GetElementType()!.Name + "[]" : t.Name;

        private static void Mark(TestStatus status) => Overrides[TestContext.CurrentContext.Test.FullName] = status;
    }

    /// <summary>A failure caused by student code; NUnit reports its message, never the grader's stack.</summary>
    public sealed class StudentException : AssertionException
    {
        public StudentException(string message, string[] thrownTypes) : base(message) => ThrownTypes = thrownTypes;

        /// <summary>The thrown exception's type and its base types, as the worker reported them.</summary>
        public string[] ThrownTypes { get; }
    }
}
