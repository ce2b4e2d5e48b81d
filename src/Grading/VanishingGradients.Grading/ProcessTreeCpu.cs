using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace VanishingGradients.Grading
{
    /// <summary>CPU time of a process and everything it started, read from Linux's /proc (the sandboxed worker sits a few
    /// processes below the one the host started: setpriv, bwrap, prlimit, dotnet).</summary>
    public static class ProcessTreeCpu
    {
        private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux the runtime supports

        /// <summary>User + system seconds of <paramref name="pid"/> and its descendants (with their reaped children), or null where /proc cannot tell.</summary>
        public static double? Seconds(int pid)
        {
            if (!OperatingSystem.IsLinux() || !File.Exists($"/proc/{pid}/stat")) return null;
            long ticks = 0;
            var pending = new Stack<int>();
            pending.Push(pid);
            while (pending.Count > 0)
            {
                int p = pending.Pop();
                try
                {
                    string stat = File.ReadAllText($"/proc/{p}/stat");
                    // After "pid (comm) ": state ppid ... utime stime cutime cstime are fields 14-17, here 11-14.
                    var fields = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');
                    for (int f = 11; f <= 14; f++) ticks += long.Parse(fields[f], CultureInfo.InvariantCulture);
                    foreach (string task in Directory.EnumerateDirectories($"/proc/{p}/task"))
                        foreach (string child in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                            pending.Push(int.Parse(child, CultureInfo.InvariantCulture));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException) { /* gone meanwhile */ }
            }
            return ticks / TicksPerSecond;
        }
    }
}
