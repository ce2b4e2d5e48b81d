using System;

namespace VanishingGradients.ModuleTools
{
    /// <summary>Messages in the canonical "file(line): warning CODE: text" form, which MSBuild's Exec turns into build warnings/errors.</summary>
    internal sealed class Diagnostics
    {
        public int Errors { get; private set; }

        public void Warning(string file, int line, string code, string message) =>
            Console.Out.WriteLine($"{file}({line}): warning {code}: {message}");

        public void Error(string file, int line, string code, string message)
        {
            Errors++;
            Console.Out.WriteLine($"{file}({line}): error {code}: {message}");
        }
    }
}
