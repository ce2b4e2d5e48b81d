using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace VanishingGradients.Shell;

/// <summary>
/// The PSHost the engine talks to. It only records <c>exit N</c> (SetShouldExit); nested prompts are not
/// supported because vgsh runs one script or command and ends.
/// </summary>
internal sealed class ShellHost : PSHost
{
    private static readonly Version HostVersion =
        typeof(ShellHost).Assembly.GetName().Version ?? new Version(0, 0);

    private readonly ShellHostUserInterface _ui;

    public ShellHost(ShellHostUserInterface ui) => _ui = ui;

    public override string Name => "vgsh";

    public override Version Version => HostVersion;

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => _ui;

    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    /// <summary>The code passed to <c>exit</c>, or null when the script did not call it.</summary>
    public int? ExitCode { get; private set; }

    public void ResetExitCode() => ExitCode = null;

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

    public override void EnterNestedPrompt() =>
        throw new PSNotSupportedException("vgsh does not support nested prompts (debugger, $host.EnterNestedPrompt()).");

    public override void ExitNestedPrompt() =>
        throw new PSNotSupportedException("vgsh does not support nested prompts.");

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }
}

/// <summary>
/// Writes the host's streams to two TextWriters: formatted output to <see cref="Output"/>, and errors,
/// warnings, verbose and debug messages (with pwsh's prefixes) to <see cref="Error"/>, so stdout stays data.
/// Console colours are ignored; colour comes only from ANSI escapes, when SupportsVirtualTerminal is on.
/// </summary>
internal sealed class ShellHostUserInterface : PSHostUserInterface
{
    private readonly ShellRawUserInterface _rawUI;
    private readonly TextReader _input;
    private readonly bool _renderProgress;
    private bool _progressVisible;
    private DateTime _lastProgress;

    public ShellHostUserInterface(TextWriter output, TextWriter error, TextReader input, int? width, bool renderProgress,
        bool supportsVirtualTerminal)
    {
        SupportsVirtualTerminal = supportsVirtualTerminal;
        Output = output;
        Error = error;
        _input = input;
        _renderProgress = renderProgress;
        _rawUI = new ShellRawUserInterface(width);
    }

    public TextWriter Output { get; set; }

    public TextWriter Error { get; set; }

    /// <summary>While set, normal output goes to <see cref="Error"/>: used to render a terminating error
    /// through Out-Default (the error view) without it landing on stdout.</summary>
    public bool OutputToError { get; set; }

    public override PSHostRawUserInterface RawUI => _rawUI;

    public override bool SupportsVirtualTerminal { get; }

    private TextWriter Out => OutputToError ? Error : Output;

    public override void Write(string value)
    {
        ClearProgress();
        Out.Write(Decorate(value));
    }

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);

    public override void WriteLine(string value)
    {
        ClearProgress();
        Out.WriteLine(Decorate(value));
    }

    public override void WriteErrorLine(string value) => WriteToError(null, string.Empty, value);

    public override void WriteWarningLine(string message) => WriteToError(FormatStyle.Warning, "WARNING: ", message);

    public override void WriteVerboseLine(string message) => WriteToError(FormatStyle.Verbose, "VERBOSE: ", message);

    public override void WriteDebugLine(string message) => WriteToError(FormatStyle.Debug, "DEBUG: ", message);

    /// <summary>A single overwriting line, only when stderr is a terminal: CI logs get no progress noise.</summary>
    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        if (!_renderProgress)
        {
            return;
        }

        if (record.RecordType == ProgressRecordType.Completed)
        {
            ClearProgress();
            return;
        }

        // Redrawing on every record slows tight loops down; ten frames a second is plenty.
        DateTime now = DateTime.UtcNow;
        if (_progressVisible && now - _lastProgress < TimeSpan.FromMilliseconds(100))
        {
            return;
        }

        _lastProgress = now;
        var line = new StringBuilder(record.Activity);
        if (!string.IsNullOrEmpty(record.StatusDescription))
        {
            line.Append(": ").Append(record.StatusDescription);
        }

        if (record.PercentComplete >= 0)
        {
            line.Append(CultureInfo.InvariantCulture, $" [{record.PercentComplete,3}%]");
        }

        int width = Math.Max(1, _rawUI.BufferSize.Width - 1);
        string text = line.Length > width ? line.ToString(0, width) : line.ToString().PadRight(width);
        Error.Write('\r' + text);
        Error.Flush();
        _progressVisible = true;
    }

    public override string ReadLine()
    {
        ClearProgress();
        return _input.ReadLine() ?? throw NoInput();
    }

    public override SecureString ReadLineAsSecureString()
    {
        var secure = new SecureString();
        foreach (char c in ReadLine())
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        WriteCaption(caption, message);
        var answers = new Dictionary<string, PSObject>(StringComparer.OrdinalIgnoreCase);
        foreach (FieldDescription field in descriptions)
        {
            Write(field.Name + ": ");
            bool secure = field.ParameterTypeFullName == typeof(SecureString).FullName;
            object answer = secure ? ReadLineAsSecureString() : ReadLine();
            answers[field.Name] = PSObject.AsPSObject(answer);
        }

        return answers;
    }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        WriteCaption(caption, message);
        var labels = new List<string>();
        foreach (ChoiceDescription choice in choices)
        {
            labels.Add(choice.Label.Replace("&", string.Empty, StringComparison.Ordinal));
        }

        string options = string.Join(" / ", labels);
        while (true)
        {
            Write(defaultChoice >= 0 && defaultChoice < labels.Count
                ? $"[{options}] (default is \"{labels[defaultChoice]}\"): "
                : $"[{options}]: ");
            string answer = ReadLine().Trim();
            if (answer.Length == 0 && defaultChoice >= 0)
            {
                return defaultChoice;
            }

            for (int i = 0; i < choices.Count; i++)
            {
                if (answer.Equals(labels[i], StringComparison.OrdinalIgnoreCase) || answer.Equals(HotKey(choices[i].Label), StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            WriteErrorLine($"'{answer}' is not one of: {options}.");
        }
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new PSNotSupportedException("vgsh cannot prompt for credentials; pass a PSCredential object instead.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        PromptForCredential(caption, message, userName, targetName);

    private static string HotKey(string label)
    {
        int amp = label.IndexOf('&', StringComparison.Ordinal);
        return amp >= 0 && amp + 1 < label.Length ? label.Substring(amp + 1, 1) : string.Empty;
    }

    private static PSInvalidOperationException NoInput() =>
        new("vgsh needs input from stdin here, but stdin is at its end (non-interactive run).");

    private void WriteCaption(string caption, string message)
    {
        if (!string.IsNullOrEmpty(caption))
        {
            WriteLine(caption);
        }

        if (!string.IsNullOrEmpty(message))
        {
            WriteLine(message);
        }
    }

    /// <summary>Writes a stream's line in pwsh's colour for it ($PSStyle.Formatting), only when on a terminal.</summary>
    private void WriteToError(FormatStyle? style, string prefix, string message)
    {
        ClearProgress();
        string line = prefix + message;
        if (style is FormatStyle colour && SupportsVirtualTerminal)
        {
            line = GetFormatStyleString(colour) + line + GetFormatStyleString(FormatStyle.Reset);
        }

        Error.WriteLine(Decorate(line));
    }

    /// <summary>PowerShell 7 writes ANSI escapes (table headers, errors) and leaves it to the host to strip
    /// them when it has no terminal or $PSStyle.OutputRendering is PlainText.</summary>
    private string Decorate(string text) => GetOutputString(text, SupportsVirtualTerminal);

    private void ClearProgress()
    {
        if (_progressVisible)
        {
            _progressVisible = false;
            Error.Write('\r' + new string(' ', Math.Max(1, _rawUI.BufferSize.Width - 1)) + '\r');
        }
    }
}

/// <summary>
/// Just enough of a console for the formatter: BufferSize.Width decides how wide tables are. A fixed width
/// (tests, redirected output) keeps output deterministic; otherwise the terminal's current width is used.
/// </summary>
internal sealed class ShellRawUserInterface : PSHostRawUserInterface
{
    /// <summary>Width used when output is not a terminal (pwsh uses 120 in that case too).</summary>
    public const int DefaultWidth = 120;

    private readonly int? _fixedWidth;

    public ShellRawUserInterface(int? fixedWidth) => _fixedWidth = fixedWidth;

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    public override Coordinates CursorPosition { get; set; }

    public override Coordinates WindowPosition { get; set; }

    public override int CursorSize { get; set; } = 25;

    public override Size BufferSize
    {
        get => new(Width, 9999);
        set { }
    }

    public override Size WindowSize
    {
        get => new(Width, 50);
        set { }
    }

    public override Size MaxWindowSize => WindowSize;

    public override Size MaxPhysicalWindowSize => WindowSize;

    public override bool KeyAvailable => false;

    public override string WindowTitle { get; set; } = "vgsh";

    private int Width => _fixedWidth ?? TerminalWidth();

    public override KeyInfo ReadKey(ReadKeyOptions options) =>
        throw new PSNotSupportedException("vgsh does not read single keys; it is not an interactive console.");

    public override void FlushInputBuffer()
    {
    }

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) =>
        throw new PSNotSupportedException("vgsh does not support reading the screen buffer.");

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) =>
        throw new PSNotSupportedException("vgsh does not support writing the screen buffer.");

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) =>
        throw new PSNotSupportedException("vgsh does not support writing the screen buffer.");

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) =>
        throw new PSNotSupportedException("vgsh does not support scrolling the screen buffer.");

    private static int TerminalWidth()
    {
        if (Console.IsOutputRedirected)
        {
            return DefaultWidth;
        }

        try
        {
            int width = Console.WindowWidth;
            return width > 0 ? width : DefaultWidth;
        }
        catch (IOException)
        {
            return DefaultWidth;
        }
    }
}
