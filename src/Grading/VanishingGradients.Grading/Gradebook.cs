using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace VanishingGradients.Grading
{
    /// <summary>The gradebook: one CSV row per student and exercise (RFC 4180 quoting, UTF-8).</summary>
    public static class Gradebook
    {
        public static readonly string[] Columns = { "Student", "Exercise", "Points", "MaxPoints", "Status", "Message" };

        public static string ToCsv(IEnumerable<ExerciseResult> rows)
        {
            var sb = new StringBuilder();
            sb.Append(string.Join(",", Columns)).Append("\r\n");
            foreach (var r in rows)
            {
                sb.Append(Text(r.Student)).Append(',')
                  .Append(Text(r.Exercise)).Append(',')
                  .Append(Number(r.Points)).Append(',')
                  .Append(Number(r.MaxPoints)).Append(',')
                  .Append(Text(r.Status)).Append(',')
                  .Append(Text(r.Message)).Append("\r\n");
            }
            return sb.ToString();
        }

        public static void Write(string path, IEnumerable<Scorecard> cards)
        {
            // Written beside the target and renamed over it: a reader never sees half a gradebook, and a failure keeps the old one.
            string full = Path.GetFullPath(path);
            string dir = Path.GetDirectoryName(full)!;
            Directory.CreateDirectory(dir);
            string temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                File.WriteAllText(temp, ToCsv(cards.SelectMany(c => c.Exercises)), new UTF8Encoding(false));
                if (File.Exists(full)) File.Replace(temp, full, null);
                else File.Move(temp, full);
            }
            finally { if (File.Exists(temp)) File.Delete(temp); }
        }

        public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

        /// <summary>
        /// A text field. Quoted when it holds a comma, quote, line break or edge space; a field starting with = + - @ (or tab,
        /// carriage return) gets a leading apostrophe so a spreadsheet shows student-controlled text (exception messages) instead of running it.
        /// </summary>
        internal static string Text(string? value)
        {
            string s = value ?? "";
            if (s.Length > 0 && "=+-@\t\r".IndexOf(s[0]) >= 0) s = "'" + s;
            bool quote = s.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0 || (s.Length > 0 && (char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[s.Length - 1])));
            return quote ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        }

        /// <summary>Parses gradebook CSV back into rows of fields (used by tests and by tools that merge gradebooks).</summary>
        public static List<string[]> Parse(string csv)
        {
            var rows = new List<string[]>();
            var row = new List<string>();
            var field = new StringBuilder();
            bool quoted = false, any = false;
            for (int i = 0; i < csv.Length; i++)
            {
                char c = csv[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { field.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else field.Append(c);
                    continue;
                }
                switch (c)
                {
                    case '"': quoted = true; any = true; break;
                    case ',': row.Add(field.ToString()); field.Clear(); any = true; break;
                    case '\r': break;
                    case '\n':
                        row.Add(field.ToString()); field.Clear();
                        rows.Add(row.ToArray()); row.Clear(); any = false;
                        break;
                    default: field.Append(c); any = true; break;
                }
            }
            if (any || field.Length > 0) { row.Add(field.ToString()); rows.Add(row.ToArray()); }
            return rows;
        }
    }
}
