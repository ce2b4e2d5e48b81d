using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace VanishingGradients.Shell;

/// <summary>How a <see cref="HostedShell"/> is set up. Every property is optional.</summary>
public sealed class HostedShellOptions
{
    /// <summary>Module (.psd1/.psm1/.dll) imported before the first run; null runs the bare engine.</summary>
    public string? ModulePath { get; init; }

    /// <summary>Where formatted output goes as it is produced; null captures it into <see cref="ShellResult.Output"/>.</summary>
    public TextWriter? Output { get; init; }

    /// <summary>Where errors, warnings, verbose and debug lines go; null captures them into <see cref="ShellResult.ErrorOutput"/>.</summary>
    public TextWriter? Error { get; init; }

    /// <summary>Answers to prompts ($Host.UI.ReadLine, -Confirm); null means there is no input.</summary>
    public TextReader? Input { get; init; }

    /// <summary>Keep the objects a run outputs in <see cref="ShellResult.Objects"/>. Off for long console runs.</summary>
    public bool CaptureObjects { get; init; } = true;

    /// <summary>Line width for tables. Null: 120 when capturing, else the terminal's width (120 when redirected).</summary>
    public int? Width { get; init; }

    /// <summary>Colour tables and errors with ANSI escapes, as pwsh does in a terminal. Off: plain text.</summary>
    public bool UseAnsi { get; init; }

    /// <summary>Draw progress as one overwriting line on <see cref="Error"/>. Only sensible for a terminal.</summary>
    public bool RenderProgress { get; init; }
}

/// <summary>What one <see cref="HostedShell.Run"/> or <see cref="HostedShell.RunFile"/> produced.</summary>
public sealed class ShellResult
{
    internal ShellResult(string output, string errorOutput, IReadOnlyList<PSObject?> objects,
        IReadOnlyList<ErrorRecord> errors, int exitCode, bool hadErrors)
    {
        Output = output;
        ErrorOutput = errorOutput;
        Objects = objects;
        Errors = errors;
        ExitCode = exitCode;
        HadErrors = hadErrors;
    }

    /// <summary>Output as Out-Default rendered it (tables, lists, host writes); empty when streamed to a writer.</summary>
    public string Output { get; }

    /// <summary>Errors (pwsh's concise view), "WARNING: ", "VERBOSE: " and "DEBUG: " lines; empty when streamed.</summary>
    public string ErrorOutput { get; }

    /// <summary>The objects written to the output stream, before formatting (empty unless CaptureObjects).</summary>
    public IReadOnlyList<PSObject?> Objects { get; }

    /// <summary>Every error written, non-terminating ones and the terminating one (last) alike.</summary>
    public IReadOnlyList<ErrorRecord> Errors { get; }

    /// <summary>The process exit code pwsh would give: <c>exit N</c> gives N; a terminating or parse error 1;
    /// -Command whose last statement failed 1; a stopped run 130; otherwise 0.</summary>
    public int ExitCode { get; }

    /// <summary>True when any error was written or the run ended with a terminating error.</summary>
    public bool HadErrors { get; }

    /// <summary>A summary for assertion messages.</summary>
    public override string ToString() =>
        $"ExitCode={ExitCode} HadErrors={HadErrors}{Environment.NewLine}--- output ---{Environment.NewLine}{Output}" +
        $"--- error output ---{Environment.NewLine}{ErrorOutput}";
}

/// <summary>
/// Runs PowerShell scripts and commands in-process on the PowerShell 7.6 engine, through vgsh's console host,
/// optionally with a module imported. Output is rendered by Out-Default exactly as pwsh would render it.
/// One runspace per instance: state (variables, imported modules) carries over between runs.
/// Runs are serialised; <see cref="Stop"/> may be called from any thread.
/// </summary>
public sealed class HostedShell : IDisposable
{
    /// <summary>Exit code for a bad -File argument (as pwsh).</summary>
    public const int ExitCodeBadFile = 64;

    /// <summary>Exit code of a run stopped by <see cref="Stop"/> (Ctrl+C), as Unix shells report SIGINT.</summary>
    public const int ExitCodeStopped = 130;

    // pwsh's -File binding: "-Name" is a parameter name, "-Name:value" a name with its value; anything else
    // (including "-5" and "--") is a positional value.
    private static readonly Regex ParameterArgument =
        new(@"^-(?<name>[\p{L}_][\p{L}\p{N}_-]*)(?<colon>:(?<value>.*))?$", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private static readonly CmdletInfo CaptureCmdlet = new("Copy-ShellOutput", typeof(CaptureCommand));

    private readonly HostedShellOptions _options;
    private readonly ShellHostUserInterface _ui;
    private readonly ShellHost _host;
    private readonly object _runLock = new();
    private Runspace? _runspace;
    private PowerShell? _running;
    private bool _disposed;

    /// <summary>A shell that captures its output, with <paramref name="modulePath"/> imported (null: no module).</summary>
    public HostedShell(string? modulePath = null)
        : this(new HostedShellOptions { ModulePath = modulePath })
    {
    }

    /// <summary>A shell set up by <paramref name="options"/>.</summary>
    public HostedShell(HostedShellOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        bool capturing = options.Output is null;
        _ui = new ShellHostUserInterface(
            options.Output ?? TextWriter.Null,
            options.Error ?? TextWriter.Null,
            options.Input ?? TextReader.Null,
            options.Width ?? (capturing ? ShellRawUserInterface.DefaultWidth : null),
            options.RenderProgress,
            options.UseAnsi);
        _host = new ShellHost(_ui);
    }

    /// <summary>Runs PowerShell source text, like <c>pwsh -Command</c>, in the global scope.</summary>
    public ShellResult Run(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        // Parsed here first: the engine's own parse exception for AddScript text carries no position, so
        // pwsh's error view would show nothing useful.
        Parser.ParseInput(command, out _, out ParseError[] parseErrors);
        return Execute(ps =>
        {
            if (parseErrors.Length > 0)
            {
                throw new ParseException(parseErrors);
            }

            ps.AddScript(command);
        }, isFile: false);
    }

    /// <summary>
    /// Runs a .ps1 file with arguments, like <c>pwsh -File path args</c>: "-Name value" binds parameters,
    /// $PSScriptRoot and $args work, and <c>exit N</c> in the script gives exit code N.
    /// </summary>
    public ShellResult RunFile(string path, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(arguments);
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            return UsageError(path, $"The argument '{path}' is not recognized as the name of a script file. " +
                "Check the spelling of the name, or if a path was included, verify that the path is correct and try again.");
        }

        if (!fullPath.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase))
        {
            return UsageError(path, $"Processing -File '{path}' failed because the file does not have a '.ps1' extension. " +
                "Specify a valid PowerShell script file name, and then try again.");
        }

        // Run as `& 'path' @args`; the script's own parse errors come from the engine, with their position.
        string invocation = BuildInvocation(arguments, out List<object> values);
        return Execute(ps =>
        {
            // A stale value from an earlier run must not pass for this script's `exit`.
            ps.Runspace.SessionStateProxy.PSVariable.Remove("LASTEXITCODE");
            ps.AddScript(invocation).AddArgument(fullPath);
            foreach (object value in values)
            {
                ps.AddArgument(value);
            }
        }, isFile: true);
    }

    /// <summary>Stops the running pipeline, if any (Ctrl+C). Returns at once; the run ends with exit code 130.</summary>
    public void Stop() => Volatile.Read(ref _running)?.BeginStop(null, null);

    /// <summary>Closes the runspace.</summary>
    public void Dispose()
    {
        lock (_runLock)
        {
            _disposed = true;
            _runspace?.Dispose();
            _runspace = null;
        }
    }

    /// <summary>
    /// Script text that runs the script whose path is $args[0] with pwsh -File's argument rules: "-Name" names
    /// a parameter (its value, if any, is the next argument), "-Name:value" gives both ("$true"/"$false" become
    /// booleans), anything else is a positional value. Names, checked by <see cref="ParameterArgument"/>, are
    /// written into the text; values are passed as $args[i], so no value is ever parsed as code.
    /// </summary>
    internal static string BuildInvocation(IEnumerable<string> arguments, out List<object> values)
    {
        values = new List<object>();
        var text = new StringBuilder("& $args[0]");
        foreach (string argument in arguments)
        {
            Match match = ParameterArgument.Match(argument);
            if (!match.Success)
            {
                values.Add(argument);
                text.Append(" $args[").Append(values.Count).Append(']');
                continue;
            }

            text.Append(" -").Append(match.Groups["name"].Value);
            if (match.Groups["colon"].Success)
            {
                string value = match.Groups["value"].Value;
                values.Add(value.ToLowerInvariant() switch { "$true" => true, "$false" => false, _ => value });
                text.Append(":$args[").Append(values.Count).Append(']');
            }
        }

        return text.ToString();
    }

    private ShellResult UsageError(string path, string message)
    {
        lock (_runLock)
        {
            using Capture capture = BeginCapture();
            capture.Errors.Add(new ErrorRecord(new ArgumentException(message), "HostedShell.BadFile", ErrorCategory.InvalidArgument, path));
            _ui.WriteErrorLine(message);
            return capture.Finish(ExitCodeBadFile);
        }
    }

    /// <param name="addCommands">Adds the user's pipeline; may throw, which counts as a terminating error.</param>
    /// <param name="isFile">-File (the exit code comes from `exit N`) rather than -Command.</param>
    private ShellResult Execute(Action<PowerShell> addCommands, bool isFile)
    {
        lock (_runLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using Capture capture = BeginCapture();
            int exitCode = _runspace is null ? OpenRunspace(capture) : 0;
            if (exitCode == 0)
            {
                exitCode = Invoke(capture, addCommands, isFile);
            }

            return capture.Finish(exitCode);
        }
    }

    /// <summary>Opens the runspace and imports the module; returns the exit code (0 when all went well).</summary>
    private int OpenRunspace(Capture capture)
    {
        Runspace runspace = RunspaceFactory.CreateRunspace(_host, InitialSessionState.CreateDefault2());
        try
        {
            runspace.Open();
        }
        catch (Exception e)
        {
            runspace.Dispose();
            capture.Errors.Add(ToErrorRecord(e));
            _ui.WriteErrorLine("vgsh: cannot start the PowerShell engine: " + e.Message);
            return 1;
        }

        _runspace = runspace;
        if (_options.ModulePath is null)
        {
            return 0;
        }

        int exitCode = Invoke(capture, ps => ps
            .AddCommand("Import-Module")
            .AddParameter("Name", Path.GetFullPath(_options.ModulePath))
            .AddParameter("ErrorAction", ActionPreference.Stop), isFile: false);
        if (exitCode != 0)
        {
            // Drop the half-initialised runspace so the next run tries the import again.
            _runspace.Dispose();
            _runspace = null;
        }

        return exitCode;
    }

    /// <summary>
    /// Runs `commands | Copy-ShellOutput` with errors merged into the output; Copy-ShellOutput hands each
    /// object to Out-Default, which is how pwsh prints a command line: objects through their format views,
    /// errors in the error view. Returns the exit code.
    /// </summary>
    private int Invoke(Capture capture, Action<PowerShell> addCommands, bool isFile)
    {
        using PowerShell ps = PowerShell.Create();
        ps.Runspace = _runspace;
        _host.ResetExitCode();
        try
        {
            addCommands(ps);
            foreach (Command command in ps.Commands.Commands)
            {
                command.MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
            }

            ps.AddCommand(CaptureCmdlet).AddParameter(nameof(CaptureCommand.Sink), capture);
            Volatile.Write(ref _running, ps);
            ps.Invoke();
            if (ps.InvocationStateInfo.State == PSInvocationState.Stopped)
            {
                return _host.ExitCode ?? ExitCodeStopped;
            }
        }
        catch (PipelineStoppedException)
        {
            return _host.ExitCode ?? ExitCodeStopped;
        }
        catch (Exception e)
        {
            ErrorRecord error = ToErrorRecord(e);
            capture.Errors.Add(error);
            RenderError(error);
            return _host.ExitCode ?? 1;
        }
        finally
        {
            Volatile.Write(ref _running, null);
        }

        if (_host.ExitCode is int exitCode)
        {
            return exitCode;
        }

        // pwsh's rule: 1 when the last statement failed ($? is false). For -File that statement is the script
        // itself, which fails when it calls `exit N` (N != 0: $LASTEXITCODE holds N) or cannot bind its arguments.
        if (capture.LastStatementSucceeded)
        {
            return 0;
        }

        return isFile && _runspace!.SessionStateProxy.PSVariable.GetValue("LASTEXITCODE") is int code && code != 0 ? code : 1;
    }

    private static ErrorRecord ToErrorRecord(Exception e) => e is IContainsErrorRecord withRecord
        ? withRecord.ErrorRecord
        : new ErrorRecord(e, "HostedShell.UnhandledException", ErrorCategory.NotSpecified, null);

    /// <summary>Prints an error record through Out-Default (pwsh's error view), onto the error writer.</summary>
    private void RenderError(ErrorRecord record)
    {
        _ui.OutputToError = true;
        try
        {
            using PowerShell ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddCommand("Out-Default").Invoke(new object[] { record });
        }
        catch (Exception e)
        {
            // The runspace itself is broken: the message alone still helps.
            _ui.WriteErrorLine(record.ToString());
            _ui.WriteErrorLine("(vgsh could not format this error: " + e.Message + ")");
        }
        finally
        {
            _ui.OutputToError = false;
        }
    }

    private Capture BeginCapture() => new(this);

    /// <summary>
    /// Collects one run's objects and errors, and points the host at fresh StringWriters when the options
    /// did not give writers.
    /// </summary>
    internal sealed class Capture : IDisposable
    {
        private readonly HostedShell _shell;
        private readonly StringWriter? _output;
        private readonly StringWriter? _error;

        internal Capture(HostedShell shell)
        {
            _shell = shell;
            if (shell._options.Output is null)
            {
                _output = new StringWriter();
                shell._ui.Output = _output;
            }

            if (shell._options.Error is null)
            {
                _error = new StringWriter();
                shell._ui.Error = _error;
            }
        }

        internal List<PSObject?> Objects { get; } = new();

        internal List<ErrorRecord> Errors { get; } = new();

        internal bool LastStatementSucceeded { get; set; } = true;

        internal bool CaptureObjects => _shell._options.CaptureObjects;

        internal ShellResult Finish(int exitCode) =>
            new(_output?.ToString() ?? string.Empty, _error?.ToString() ?? string.Empty,
                Objects.ToArray(), Errors.ToArray(), exitCode, Errors.Count > 0);

        /// <summary>Detaches the StringWriters so output written between runs is not kept.</summary>
        public void Dispose()
        {
            _shell._ui.Output = _shell._options.Output ?? TextWriter.Null;
            _shell._ui.Error = _shell._options.Error ?? TextWriter.Null;
        }
    }

    /// <summary>
    /// Last stage of every pipeline: records what flows by and passes it to Out-Default, which it runs as a
    /// steppable pipeline so that it can flush Out-Default even when the pipeline is torn down by a terminating
    /// error or `exit` (Out-Default holds table rows back to size the columns; a plain last stage would lose them).
    /// Added by CmdletInfo, never registered in the session, so scripts cannot see it.
    /// </summary>
    internal sealed class CaptureCommand : PSCmdlet, IDisposable
    {
        private SteppablePipeline? _outDefault;

        [Parameter(ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        [Parameter(Mandatory = true)]
        public Capture Sink { get; set; } = null!;

        protected override void BeginProcessing()
        {
            _outDefault = ScriptBlock.Create("Out-Default").GetSteppablePipeline(CommandOrigin.Internal);
            _outDefault.Begin(this);
        }

        protected override void ProcessRecord()
        {
            if (InputObject?.BaseObject is ErrorRecord error)
            {
                // Merged from the error stream (or, rarely, an ErrorRecord written as output; both print as errors).
                Sink.Errors.Add(error);
                if (error.FullyQualifiedErrorId is "NativeCommandError" or "NativeCommandErrorMessage")
                {
                    // A native program's stderr line: pwsh's console passes it straight to stderr, and so do we
                    // (Out-Default would print it on stdout).
                    Host.UI.WriteErrorLine(error.Exception.Message);
                    return;
                }
            }
            else if (Sink.CaptureObjects)
            {
                Sink.Objects.Add(InputObject);
            }

            // The same PSObject goes on, so Out-Default still knows a merged error came from the error stream.
            _outDefault!.Process(InputObject);
        }

        protected override void EndProcessing()
        {
            // The user's script has finished here, so $? is what its last statement left.
            Sink.LastStatementSucceeded = SessionState.PSVariable.GetValue("?") is not false;
            Flush();
        }

        /// <summary>Called on teardown too, when EndProcessing never ran.</summary>
        public void Dispose()
        {
            try
            {
                Flush();
            }
            catch (Exception e) when (e is PipelineStoppedException or InvalidOperationException)
            {
                // Stopped (Ctrl+C): nothing more may be written, and nothing needs to be.
            }
        }

        private void Flush()
        {
            SteppablePipeline? outDefault = _outDefault;
            _outDefault = null;
            if (outDefault is not null)
            {
                outDefault.End();
                outDefault.Dispose();
            }
        }
    }
}
