using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace VanishingGradients.Grading
{
    /// <summary>What the grader process reports about one graded test before running anything.</summary>
    public sealed record GradedTest(string Id, string Exercise, string Title, string Test, double Points, bool Hidden);

    /// <summary>One line of the grader process's results file.</summary>
    public sealed record ProtocolRecord(string Kind, string Id, string[] Fields);

    /// <summary>
    /// The line format the grader process writes and the grading tool reads: one record a line, tab-separated, with
    /// backslash escapes for tab, newline and backslash. Each line is flushed when written, so whatever the grader wrote
    /// before it was killed or crashed can still be read.
    /// <list type="bullet">
    /// <item><c>TEST id exercise title test points hidden</c>: the manifest, written first.</item>
    /// <item><c>START id</c>: a test began.</item>
    /// <item><c>END id status milliseconds message</c>: a test finished.</item>
    /// <item><c>DONE</c>: the host has finished with this submission and waits for the next.</item>
    /// </list>
    /// </summary>
    public static class GraderProtocol
    {
        public const string Test = "TEST";
        public const string Start = "START";
        public const string End = "END";

        public const string Done = "DONE";
        /// <summary>A request to a serving host (not in results files): grade the assembly, writing to the results file.</summary>
        public const string Grade = "GRADE";

        public static string FormatTest(GradedTest t) =>
            Join(Test, t.Id, t.Exercise, t.Title, t.Test, t.Points.ToString("R", CultureInfo.InvariantCulture), t.Hidden ? "1" : "0");

        public static string FormatStart(string id) => Join(Start, id);

        public static string FormatDone() => Join(Done, "");

        public static string FormatGrade(string results, string skip, string assembly) => Join(Grade, results, skip, assembly);

        public static string FormatEnd(string id, TestStatus status, long milliseconds, string message) =>
            Join(End, id, status.ToString(), milliseconds.ToString(CultureInfo.InvariantCulture), message);

        public static ProtocolRecord? Parse(string line)
        {
            if (string.IsNullOrEmpty(line)) return null;
            var parts = line.Split('\t');
            if (parts.Length < 2) return null;
            var fields = new string[parts.Length - 2];
            for (int i = 2; i < parts.Length; i++) fields[i - 2] = Unescape(parts[i]);
            return new ProtocolRecord(parts[0], Unescape(parts[1]), fields);
        }

        public static GradedTest ToGradedTest(ProtocolRecord r)
        {
            if (r.Kind != Test || r.Fields.Length < 5) throw new FormatException($"Not a TEST record: {r.Kind} {r.Id}.");
            return new GradedTest(r.Id, r.Fields[0], r.Fields[1], r.Fields[2],
                double.Parse(r.Fields[3], NumberStyles.Float, CultureInfo.InvariantCulture), r.Fields[4] == "1");
        }

        /// <summary>Reads the complete lines a growing file has gained since <paramref name="offset"/> (which it advances).</summary>
        public static List<ProtocolRecord> ReadNew(string path, ref long offset)
        {
            var records = new List<ProtocolRecord>();
            if (!File.Exists(path)) return records;
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length <= offset) return records;
            stream.Seek(offset, SeekOrigin.Begin);
            var buffer = new byte[stream.Length - offset];
            int read = 0;
            while (read < buffer.Length)
            {
                int n = stream.Read(buffer, read, buffer.Length - read);
                if (n == 0) break;
                read += n;
            }
            int lastNewline = Array.LastIndexOf(buffer, (byte)'\n', read - 1);
            if (lastNewline < 0) return records;
            string text = Encoding.UTF8.GetString(buffer, 0, lastNewline);
            offset += lastNewline + 1;
            foreach (string line in text.Split('\n'))
            {
                var record = Parse(line.TrimEnd('\r'));
                if (record != null) records.Add(record);
            }
            return records;
        }

        private static string Join(params string[] fields)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < fields.Length; i++)
            {
                if (i > 0) sb.Append('\t');
                sb.Append(Escape(fields[i] ?? ""));
            }
            return sb.ToString();
        }

        internal static string Escape(string s)
        {
            if (s.IndexOfAny(new[] { '\\', '\t', '\n', '\r' }) < 0) return s;
            return s.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r");
        }

        internal static string Unescape(string s)
        {
            if (s.IndexOf('\\') < 0) return s;
            var sb = new StringBuilder(s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] != '\\' || i == s.Length - 1) { sb.Append(s[i]); continue; }
                char c = s[++i];
                sb.Append(c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c);
            }
            return sb.ToString();
        }
    }
}
