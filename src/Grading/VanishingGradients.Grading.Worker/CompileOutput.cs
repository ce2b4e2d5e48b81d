using System.IO;

namespace VanishingGradients.Grading.Worker
{
    /// <summary>
    /// What the class compiler (<c>--compile-all</c>) leaves in its output folder for each submission NAME, read by the
    /// grading tool: this file is compiled into both (linked into VanishingGradients.Grading).
    /// </summary>
    internal static class CompileOutput
    {
        public const string Assembly = ".dll", Symbols = ".pdb", Errors = ".errors", Replaced = ".replaced";
        /// <summary>Empty, written as the submission's compile starts: a compiler that dies leaves it without a result.</summary>
        public const string Started = ".started";

        /// <summary>The compiler's exit code after a compile that overran its limit: that submission's errors say so.</summary>
        public const int GaveUpExitCode = 3;

        public static string PathOf(string output, string name, string suffix) => Path.Combine(output, name + suffix);

        /// <summary>True when the output holds the submission's assembly with its symbols, or its errors.</summary>
        public static bool Finished(string output, string name) =>
            File.Exists(PathOf(output, name, Errors)) || File.Exists(PathOf(output, name, Assembly)) && File.Exists(PathOf(output, name, Symbols));
    }
}
