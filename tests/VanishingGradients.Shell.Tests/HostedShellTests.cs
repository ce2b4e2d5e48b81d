using System;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using NUnit.Framework;

namespace VanishingGradients.Shell.Tests;

/// <summary>In-process runs through vgsh's host, without the VanishingGradients module.</summary>
[TestFixture]
public sealed class HostedShellTests
{
    private HostedShell _shell = null!;
    private string _dir = null!;

    [OneTimeSetUp]
    public void CreateShell()
    {
        _shell = new HostedShell();
        _dir = Directory.CreateTempSubdirectory("vgsh-tests-").FullName;
    }

    [OneTimeTearDown]
    public void DisposeShell()
    {
        _shell.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public void Objects_are_rendered_through_their_format_view_like_pwsh()
    {
        ShellResult result = _shell.Run("[pscustomobject]@{A=1;B=2}");

        Assert.That(Lines(result.Output), Is.EqualTo("\nA B\n- -\n1 2\n\n"));
        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.HadErrors, Is.False);
        Assert.That(result.ErrorOutput, Is.Empty);
    }

    [Test]
    public void Output_has_no_ansi_escapes_unless_asked_for()
    {
        ShellResult result = _shell.Run("[pscustomobject]@{Name='relu'}; Get-Command nope");

        Assert.That(result.Output + result.ErrorOutput, Does.Not.Contain("\u001b["));
    }

    [Test]
    public void With_ansi_on_warnings_are_coloured_as_pwsh_colours_them()
    {
        using var shell = new HostedShell(new HostedShellOptions { UseAnsi = true });

        ShellResult result = shell.Run("$Host.UI.WriteWarningLine('careful')");

        Assert.That(result.ErrorOutput, Is.EqualTo($"{PSStyle.Instance.Formatting.Warning}WARNING: careful{PSStyle.Instance.Reset}{Environment.NewLine}"));
    }

    [Test]
    public void Raw_objects_are_captured()
    {
        ShellResult result = _shell.Run("[pscustomobject]@{A=1;B=2}; 'text'");

        Assert.That(result.Objects, Has.Count.EqualTo(2));
        Assert.That(result.Objects[0]!.Properties["A"].Value, Is.EqualTo(1));
        Assert.That(result.Objects[1]!.BaseObject, Is.EqualTo("text"));
    }

    [Test]
    public void Non_terminating_errors_go_to_the_error_channel()
    {
        ShellResult result = _shell.Run("Get-Command does-not-exist; 'after'");

        Assert.That(Lines(result.Output), Is.EqualTo("after\n"));
        Assert.That(result.ErrorOutput, Does.StartWith("Get-Command: The term 'does-not-exist' is not recognized"));
        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(result.Errors[0].FullyQualifiedErrorId, Does.StartWith("CommandNotFoundException"));
        Assert.That(result.HadErrors, Is.True);
        Assert.That(result.ExitCode, Is.Zero, "the last statement succeeded, so pwsh -Command exits 0");
    }

    [Test]
    public void A_failed_last_statement_gives_exit_code_1()
    {
        Assert.That(_shell.Run("Get-Command does-not-exist").ExitCode, Is.EqualTo(1));
    }

    [TestCase("exit 3", 3)]
    [TestCase("'a'; exit 0; 'b'", 0)]
    [TestCase("throw 'boom'", 1)]
    [TestCase("[int]::Parse('x')", 1)]
    [TestCase("1 +", 1)]
    public void Exit_codes_follow_pwsh(string command, int expected)
    {
        Assert.That(_shell.Run(command).ExitCode, Is.EqualTo(expected));
    }

    [Test]
    public void A_terminating_error_is_shown_in_the_concise_view_after_the_output_before_it()
    {
        ShellResult result = _shell.Run("[pscustomobject]@{A=1;B=2}; throw 'boom'; 'never'");

        Assert.That(Lines(result.Output), Is.EqualTo("\nA B\n- -\n1 2\n\n"), "table rows held back by Out-Default are not lost");
        Assert.That(Lines(result.ErrorOutput), Is.EqualTo("Exception: boom\n"));
        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(result.Errors[0].Exception.Message, Is.EqualTo("boom"));
        Assert.That(result.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public void Output_before_exit_is_not_lost()
    {
        ShellResult result = _shell.Run("[pscustomobject]@{A=1;B=2}; exit 4");

        Assert.That(Lines(result.Output), Is.EqualTo("\nA B\n- -\n1 2\n\n"));
        Assert.That(result.ExitCode, Is.EqualTo(4));
    }

    [Test]
    public void A_parse_error_shows_message_and_position()
    {
        ShellResult result = _shell.Run("'ok'\n1 +");

        Assert.That(result.Output, Is.Empty, "nothing runs when the text does not parse");
        Assert.That(result.ErrorOutput, Does.StartWith("ParserError:"));
        Assert.That(result.ErrorOutput, Does.Contain("   2 |  1 +"));
        Assert.That(result.ErrorOutput, Does.Contain("You must provide a value expression following the '+' operator."));
        Assert.That(result.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public void Warnings_verbose_and_host_writes_are_shown_with_prefixes()
    {
        ShellResult result = _shell.Run("""
            function Test-Streams {
                [CmdletBinding()] param()
                $PSCmdlet.WriteWarning('careful')
                $PSCmdlet.WriteVerbose('details')
                $PSCmdlet.WriteInformation('silent by default', @())
                $Host.UI.WriteLine('from the host')
            }
            Test-Streams -Verbose
            """);

        Assert.That(Lines(result.ErrorOutput), Is.EqualTo("WARNING: careful\nVERBOSE: details\n"));
        Assert.That(Lines(result.Output), Is.EqualTo("from the host\n"));
    }

    [Test]
    public void Information_is_shown_when_its_preference_is_Continue()
    {
        ShellResult result = _shell.Run("""
            function Test-Info { [CmdletBinding()] param() $PSCmdlet.WriteInformation('hello', @()) }
            Test-Info -InformationAction Continue
            """);

        Assert.That(Lines(result.Output), Is.EqualTo("hello\n"));
    }

    [Test]
    public void Progress_is_not_written_when_not_rendering_it()
    {
        ShellResult result = _shell.Run("""
            function Test-Progress { [CmdletBinding()] param() $PSCmdlet.WriteProgress([System.Management.Automation.ProgressRecord]::new(1, 'Working', 'step')); 'done' }
            Test-Progress
            """);

        Assert.That(Lines(result.Output), Is.EqualTo("done\n"));
        Assert.That(result.ErrorOutput, Is.Empty);
    }

    [Test]
    [Platform(Exclude = "Win")]
    public void A_native_program_s_stderr_goes_to_the_error_channel()
    {
        ShellResult result = _shell.Run("sh -c 'echo out; echo err >&2'");

        Assert.That(Lines(result.Output), Is.EqualTo("out\n"));
        Assert.That(Lines(result.ErrorOutput), Is.EqualTo("err\n"));
    }

    [Test]
    public void Session_state_carries_over_between_runs()
    {
        using var shell = new HostedShell();
        shell.Run("$answer = 42; function Get-Answer { $answer }");

        Assert.That(Lines(shell.Run("Get-Answer").Output), Is.EqualTo("42\n"));
    }

    [Test]
    public void RunFile_binds_named_switch_and_positional_arguments_and_sets_PSScriptRoot()
    {
        string script = WriteScript("args.ps1", """
            param([string]$Task = 'Test', [switch]$Flag, [int]$N = 1)
            "Task=$Task Flag=$Flag N=$N Root=$PSScriptRoot Args=$($args -join '|')"
            """);

        ShellResult result = _shell.RunFile(script, "-Task", "Build", "-Flag", "-N:3", "extra", "two words", "-5");

        Assert.That(Lines(result.Output), Is.EqualTo($"Task=Build Flag=True N=3 Root={_dir} Args=extra|two words|-5\n"));
        Assert.That(result.ExitCode, Is.Zero);
    }

    [Test]
    public void RunFile_turns_colon_true_and_false_into_booleans()
    {
        string script = WriteScript("switch.ps1", "param([switch]$Flag) \"Flag=$Flag\"");

        Assert.That(Lines(_shell.RunFile(script, "-Flag:$false").Output), Is.EqualTo("Flag=False\n"));
        Assert.That(Lines(_shell.RunFile(script, "-Flag:$true").Output), Is.EqualTo("Flag=True\n"));
    }

    [Test]
    public void RunFile_values_are_never_parsed_as_code()
    {
        string script = WriteScript("echo.ps1", "param($Value) \"[$Value]\"");

        ShellResult result = _shell.RunFile(script, "-Value", "$(exit 9)'; exit 8 #");

        Assert.That(Lines(result.Output), Is.EqualTo("[$(exit 9)'; exit 8 #]\n"));
        Assert.That(result.ExitCode, Is.Zero);
    }

    [TestCase("exit 7", 7)]
    [TestCase("exit 0", 0)]
    [TestCase("throw 'eight'", 1)]
    [TestCase("Get-Command nope; 'still fine'", 0)]
    [TestCase("bash -c 'exit 5'; 'natives do not decide'", 0)]
    public void RunFile_exit_codes_follow_pwsh_File(string body, int expected)
    {
        string script = WriteScript("exit.ps1", body);

        Assert.That(_shell.RunFile(script).ExitCode, Is.EqualTo(expected));
    }

    [Test]
    public void RunFile_reports_the_script_name_and_line_of_a_terminating_error()
    {
        string script = WriteScript("fails.ps1", "'first'\nthrow 'eight'");

        ShellResult result = _shell.RunFile(script);

        Assert.That(Lines(result.Output), Is.EqualTo("first\n"));
        Assert.That(result.ErrorOutput, Does.StartWith($"Exception: {script}:2"));
        Assert.That(result.ErrorOutput, Does.Contain("eight"));
    }

    [Test]
    public void RunFile_with_a_bad_argument_names_the_script_and_exits_1()
    {
        string script = WriteScript("typed.ps1", "param([int]$N) $N");

        ShellResult result = _shell.RunFile(script, "-N", "notanint");

        Assert.That(result.ErrorOutput, Does.StartWith("typed.ps1: Cannot process argument transformation on parameter 'N'."));
        Assert.That(result.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public void RunFile_with_a_parse_error_shows_the_file_and_line()
    {
        string script = WriteScript("broken.ps1", "'fine'\nif (");

        ShellResult result = _shell.RunFile(script);

        Assert.That(result.ErrorOutput, Does.StartWith($"ParserError: {script}:2"));
        Assert.That(result.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public void RunFile_rejects_a_missing_file_or_one_that_is_not_ps1()
    {
        string text = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(text, "'x'");

        ShellResult missing = _shell.RunFile(Path.Combine(_dir, "missing.ps1"));
        ShellResult notScript = _shell.RunFile(text);

        Assert.That(missing.ExitCode, Is.EqualTo(HostedShell.ExitCodeBadFile));
        Assert.That(missing.ErrorOutput, Does.Contain("is not recognized as the name of a script file"));
        Assert.That(notScript.ExitCode, Is.EqualTo(HostedShell.ExitCodeBadFile));
        Assert.That(notScript.ErrorOutput, Does.Contain("does not have a '.ps1' extension"));
    }

    [Test]
    public void A_module_is_imported_before_the_first_run()
    {
        string module = WriteScript("Tiny.psm1", "function Get-Tiny { 'tiny' }");
        using var shell = new HostedShell(module);

        ShellResult result = shell.Run("Get-Tiny");

        Assert.That(Lines(result.Output), Is.EqualTo("tiny\n"));
    }

    [Test]
    public void A_module_that_fails_to_import_gives_a_clear_error_and_exit_code_1()
    {
        using var shell = new HostedShell(Path.Combine(_dir, "Missing", "Missing.psd1"));

        ShellResult result = shell.Run("'never'");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Is.Empty);
        Assert.That(result.ErrorOutput, Does.StartWith("Import-Module:"));
        Assert.That(result.ErrorOutput, Does.Contain("Missing.psd1"));
    }

    [Test]
    public void Streamed_runs_write_to_the_given_writers()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var shell = new HostedShell(new HostedShellOptions { Output = output, Error = error, CaptureObjects = false });

        ShellResult result = shell.Run("'out'; Get-Command nope");

        Assert.That(Lines(output.ToString()), Is.EqualTo("out\n"));
        Assert.That(error.ToString(), Does.StartWith("Get-Command:"));
        Assert.That(result.Output, Is.Empty);
        Assert.That(result.Objects, Is.Empty);
        Assert.That(result.Errors, Has.Count.EqualTo(1));
    }

    [Test]
    public void Width_decides_where_tables_are_cut()
    {
        using var shell = new HostedShell(new HostedShellOptions { Width = 30 });

        ShellResult result = shell.Run("[pscustomobject]@{Name='x'; Text=('y' * 100)}");

        foreach (string line in Lines(result.Output).Split('\n'))
        {
            Assert.That(line.Length, Is.LessThanOrEqualTo(30), line);
        }
    }

    [Test]
    public void Stop_ends_a_running_pipeline_with_exit_code_130()
    {
        using var shell = new HostedShell();
        shell.Run("'warm up'");
        Task<ShellResult> run = Task.Run(() => shell.Run("while ($true) { }"));

        // Stop is a no-op until the pipeline has started, so keep asking (as a user pressing Ctrl+C would).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!run.Wait(200) && DateTime.UtcNow < deadline)
        {
            shell.Stop();
        }

        Assert.That(run.IsCompleted, Is.True, "the loop did not stop");
        Assert.That(run.Result.ExitCode, Is.EqualTo(HostedShell.ExitCodeStopped));
    }

    private string WriteScript(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
