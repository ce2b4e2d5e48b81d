using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Threading;
using NUnit.Framework;
using VanishingGradients.Grading;

namespace CourseGraders
{
    /// <summary>
    /// Every call into student code goes through here. It runs the code on its own thread with a time limit (NUnit cannot
    /// abort a runaway thread on .NET, so the test fails as timed out and the host then restarts the process), and turns
    /// whatever the code throws into a message a student can act on instead of a stack trace.
    /// </summary>
    public static class Student
    {
        private static readonly ConcurrentDictionary<string, TestStatus> Overrides = new();
        private static readonly Assembly ExerciseAssembly = typeof(VanishingGradients.Exercises.DataGrid).Assembly;

        /// <summary>How long one call may run; set by the host from --timeout.</summary>
        public static TimeSpan Limit { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>True once a call has timed out: its thread still runs, so the process must be replaced.</summary>
        public static bool HasRunawayThread { get; private set; }

        /// <summary>The status the host reports for a failed test when the failure was not an ordinary wrong answer.</summary>
        public static TestStatus? StatusOverride(string testFullName) => Overrides.TryGetValue(testFullName, out var s) ? s : null;

        public static T Call<T>(string what, Func<T> code)
        {
            T result = default!;
            Exception? error = null;
            var thread = new Thread(() =>
            {
                try { result = code(); }
                catch (Exception e) { error = e; }
            }, 16 * 1024 * 1024) { IsBackground = true, Name = "student code" };
            thread.Start();
            if (!thread.Join(Limit))
            {
                HasRunawayThread = true;
                Mark(TestStatus.TimedOut);
                Assert.Fail($"Timed out: {what} did not return within {Limit.TotalSeconds:0.#} s. Look for a loop whose condition never becomes false (or a grid far larger than asked for).");
            }
            if (error != null) Report(what, error);
            return result;
        }

        public static void Call(string what, Action code) => Call<object?>(what, () => { code(); return null; });

        /// <summary>Passes when the student's code throws <typeparamref name="TException"/> (or a subclass).</summary>
        public static void Throws<TException>(string what, Action code, string hint) where TException : Exception
        {
            try
            {
                Call(what, code);
            }
            catch (StudentException e) when (e.InnerException is TException)
            {
                return;
            }
            Assert.Fail($"{what} should throw {typeof(TException).Name} but returned normally. {hint}");
        }

        private static void Report(string what, Exception error)
        {
            if (error is NotImplementedException && ThrownFromExercises(error))
            {
                Mark(TestStatus.NotImplemented);
                throw new StudentException($"Not implemented yet: {what} still throws the stub's NotImplementedException. Hint: {error.Message}", error);
            }
            if (error is OutOfMemoryException or InsufficientExecutionStackException)
                throw new StudentException($"{what} ran out of memory or stack ({error.GetType().Name}). Are you allocating an array far larger than the grid, or recursing without end?", error);
            throw new StudentException($"{what} threw {error.GetType().Name}: {error.Message}{Where(error)}", error);
        }

        private static bool ThrownFromExercises(Exception e)
        {
            var frame = new StackTrace(e, false).GetFrames()?.FirstOrDefault();
            return frame?.GetMethod()?.DeclaringType?.Assembly == ExerciseAssembly;
        }

        private static string Where(Exception e)
        {
            var frames = new StackTrace(e, true).GetFrames() ?? Array.Empty<StackFrame>();
            var frame = frames.FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Assembly == ExerciseAssembly);
            if (frame == null) return "";
            var method = frame.GetMethod()!;
            string file = frame.GetFileName() is string f ? System.IO.Path.GetFileName(f) : "";
            int line = frame.GetFileLineNumber();
            return file.Length > 0 && line > 0
                ? $" (in {method.DeclaringType!.Name}.{method.Name}, {file} line {line})"
                : $" (in {method.DeclaringType!.Name}.{method.Name})";
        }

        private static void Mark(TestStatus status) => Overrides[TestContext.CurrentContext.Test.FullName] = status;
    }

    /// <summary>A failure caused by student code; NUnit reports its message, never the grader's stack.</summary>
    public sealed class StudentException : AssertionException
    {
        public StudentException(string message, Exception inner) : base(message, inner) { }
    }
}
