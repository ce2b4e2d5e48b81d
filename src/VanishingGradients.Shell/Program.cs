using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace VanishingGradients.Shell;

/// <summary>vgsh's command line: a pwsh-like subset (-File, -Command, -Module, -NoModule).</summary>
internal static class Program
{
    /// <summary>Bad command line, as pwsh.</summary>
    internal const int ExitCodeUsage = 64;

    /// <summary>The module to import is missing.</summary>
    internal const int ExitCodeNoModule = 2;

    internal const string Usage = """
        vgsh - run PowerShell scripts with the VanishingGradients module on the PowerShell 7.6 engine.

        Usage:
          vgsh [options] -File <script.ps1> [script arguments]
          vgsh [options] -Command <text>...      (-Command - reads the text from stdin)

        Options:
          -File, -f <path>     Run a script; the remaining arguments go to it ("-Name value" binds parameters).
          -Command, -c <text>  Run PowerShell text; the remaining arguments are joined with spaces.
          -Module <path>       Import this module instead of the assembled VanishingGradients module.
          -NoModule            Import no module (only the engine's core cmdlets are available).
          -Help, -h, -?        Show this help.
          -NoProfile, -NoLogo, -NonInteractive, -ExecutionPolicy <p>  Accepted for pwsh compatibility; ignored.

        The module defaults to artifacts/module/VanishingGradients/VanishingGradients.psd1 under the repository
        root (the folder with Directory.Build.props); the environment variable VG_MODULE_PATH overrides it.
        Exit code: the script's `exit N`; 1 for a terminating or parse error; 2 when the module is not built;
        64 for a bad command line; 130 when stopped with Ctrl+C.
        """;

    private static int Main(string[] args)
    {
        CommandLine line;
        try
        {
            line = CommandLine.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"vgsh: {e.Message} Run 'vgsh -Help' for usage.");
            return ExitCodeUsage;
        }

        if (line.Help)
        {
            Console.Out.WriteLine(Usage);
            return 0;
        }

        string? modulePath;
        try
        {
            modulePath = line.NoModule ? null : line.Module ?? ModuleLocator.Locate();
            if (modulePath is not null && !File.Exists(modulePath) && !Directory.Exists(modulePath))
            {
                throw new FileNotFoundException($"The module '{modulePath}' does not exist.");
            }
        }
        catch (FileNotFoundException e)
        {
            Console.Error.WriteLine("vgsh: " + e.Message);
            return ExitCodeNoModule;
        }

        string? command = line.Command;
        if (command == "-")
        {
            command = Console.In.ReadToEnd();
        }

        using var shell = new HostedShell(new HostedShellOptions
        {
            ModulePath = modulePath,
            Output = Console.Out,
            Error = Console.Error,
            Input = Console.In,
            CaptureObjects = false,
            RenderProgress = !Console.IsErrorRedirected,
            UseAnsi = !Console.IsOutputRedirected && !Console.IsErrorRedirected
                && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
        });

        // First Ctrl+C stops the pipeline; a second one while it is still stopping ends the process.
        bool stopping = false;
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = !stopping;
            stopping = true;
            shell.Stop();
        };

        ShellResult result = line.File is not null
            ? shell.RunFile(line.File, line.ScriptArguments.ToArray())
            : shell.Run(command!);
        return result.ExitCode;
    }
}

/// <summary>The parsed command line.</summary>
internal sealed record CommandLine(
    string? File, IReadOnlyList<string> ScriptArguments, string? Command, string? Module, bool NoModule, bool Help)
{
    private static readonly string[] Ignored = { "-noprofile", "-nologo", "-noninteractive" };

    /// <summary>Parses pwsh-style options; option names are case-insensitive and may start with - or --.</summary>
    /// <exception cref="ArgumentException">The message says what is wrong.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        string? file = null, command = null, module = null;
        bool noModule = false, help = false;
        var scriptArguments = new List<string>();

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string option = arg.StartsWith("--", StringComparison.Ordinal) ? arg[1..] : arg;
            switch (option.ToLowerInvariant())
            {
                case "-file" or "-f":
                    file = ValueOf(args, ref i, arg);
                    scriptArguments.AddRange(args.Skip(i + 1));
                    i = args.Count;
                    break;
                case "-command" or "-c":
                    if (i + 1 >= args.Count)
                    {
                        throw new ArgumentException($"{arg} needs the PowerShell text to run.");
                    }

                    command = string.Join(' ', args.Skip(i + 1));
                    i = args.Count;
                    break;
                case "-module":
                    module = ValueOf(args, ref i, arg);
                    break;
                case "-nomodule":
                    noModule = true;
                    break;
                case "-help" or "-h" or "-?" or "/?":
                    help = true;
                    break;
                case "-executionpolicy" or "-ep":
                    ValueOf(args, ref i, arg);
                    break;
                case var ignored when Ignored.Contains(ignored):
                    break;
                case var other when other.StartsWith('-'):
                    throw new ArgumentException($"Unknown option '{arg}'.");
                default:
                    // pwsh treats the first bare argument as the script file.
                    file = arg;
                    scriptArguments.AddRange(args.Skip(i + 1));
                    i = args.Count;
                    break;
            }
        }

        if (!help && file is null && command is null)
        {
            throw new ArgumentException("Give a script with -File <path> or PowerShell text with -Command <text>.");
        }

        if (noModule && module is not null)
        {
            throw new ArgumentException("-Module and -NoModule cannot be used together.");
        }

        return new CommandLine(file, scriptArguments, command, module, noModule, help);
    }

    private static string ValueOf(IReadOnlyList<string> args, ref int i, string option)
    {
        if (i + 1 >= args.Count || string.IsNullOrEmpty(args[i + 1]))
        {
            throw new ArgumentException($"{option} needs a value.");
        }

        return args[++i];
    }
}
