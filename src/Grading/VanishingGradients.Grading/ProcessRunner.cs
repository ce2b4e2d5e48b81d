using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Threading;

namespace VanishingGradients.Grading
{
    /// <summary>The outcome of a child process.</summary>
    public sealed record ProcessOutcome(int ExitCode, string Output, bool Killed);

    /// <summary>Starts child processes with captured output and kills them, with their children, when asked or when too slow.</summary>
    internal static class ProcessRunner
    {
        public static Process Start(string fileName, IEnumerable<string> arguments, string workingDirectory,
            IDictionary<string, string>? environment, StringBuilder output, bool keepInput = false)
        {
            var info = new ProcessStartInfo(fileName)
            {
                WorkingDirectory = workingDirectory,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                CreateNoWindow = true,
                Arguments = JoinArguments(arguments),
            };
            // Keep child builds and graders quiet and independent of the caller's terminal.
            info.EnvironmentVariables["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            info.EnvironmentVariables["DOTNET_NOLOGO"] = "1";
            info.EnvironmentVariables["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
            info.EnvironmentVariables["MSBUILDDISABLENODEREUSE"] = "1";
            if (environment != null)
                foreach (var pair in environment) info.EnvironmentVariables[pair.Key] = pair.Value;
            var process = new Process { StartInfo = info };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.Start();
            if (!keepInput) process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }

        /// <summary>Runs to completion or until <paramref name="timeout"/>, then kills the process tree.</summary>
        public static ProcessOutcome Run(string fileName, IEnumerable<string> arguments, string workingDirectory,
            TimeSpan timeout, IDictionary<string, string>? environment = null, CancellationToken cancellation = default)
        {
            var output = new StringBuilder();
            using var process = Start(fileName, arguments, workingDirectory, environment, output);
            var deadline = DateTime.UtcNow + timeout;
            bool killed = false;
            while (!process.WaitForExit(100))
            {
                if (DateTime.UtcNow > deadline || cancellation.IsCancellationRequested)
                {
                    Kill(process);
                    killed = true;
                    break;
                }
            }
            // WaitForExit(timeout) may return before the asynchronous readers have seen the end of the output (a failed
            // build then reported no compiler message); the parameterless overload waits for both streams to close.
            if (killed) process.WaitForExit(5000);
            else process.WaitForExit();
            lock (output) return new ProcessOutcome(killed ? -1 : process.ExitCode, output.ToString(), killed);
        }

        /// <summary>Kills the process and everything it started (Process.Kill(true) where the runtime has it).</summary>
        public static void Kill(Process process)
        {
            try
            {
                if (process.HasExited) return;
                MethodInfo? killTree = typeof(Process).GetMethod("Kill", new[] { typeof(bool) });
                if (killTree != null) killTree.Invoke(process, new object[] { true });
                else process.Kill();
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException) { /* already gone */ }
            catch (TargetInvocationException) { /* already gone */ }
        }

        /// <summary>Quotes arguments the way the .NET runtime splits them back.</summary>
        internal static string JoinArguments(IEnumerable<string> arguments)
        {
            var sb = new StringBuilder();
            foreach (string arg in arguments)
            {
                if (sb.Length > 0) sb.Append(' ');
                if (arg.Length > 0 && arg.IndexOfAny(new[] { ' ', '\t', '"', '\'', '\\' }) < 0) { sb.Append(arg); continue; }
                sb.Append('"');
                int backslashes = 0;
                foreach (char c in arg)
                {
                    if (c == '\\') { backslashes++; continue; }
                    if (c == '"') sb.Append('\\', backslashes * 2 + 1);
                    else sb.Append('\\', backslashes);
                    backslashes = 0;
                    sb.Append(c);
                }
                sb.Append('\\', backslashes * 2);
                sb.Append('"');
            }
            return sb.ToString();
        }
    }
}
