using System;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;

namespace VanishingGradients.Shell.Tests;

/// <summary>Runs the real vgsh process (`dotnet vgsh.dll ...`), as a user would.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ProcessTests
{
    private static readonly string Vgsh = Path.Combine(AppContext.BaseDirectory, "vgsh.dll");

    [Test]
    public void Command_prints_a_table_on_stdout_and_returns_the_exit_code()
    {
        (int exitCode, string stdout, string stderr) = RunVgsh(null, "-NoModule", "-Command", "[pscustomobject]@{A=1;B=2}; exit 3");

        Assert.That(stdout.Replace("\r\n", "\n"), Is.EqualTo("\nA B\n- -\n1 2\n\n"));
        Assert.That(stderr, Is.Empty);
        Assert.That(exitCode, Is.EqualTo(3));
    }

    [Test]
    public void A_terminating_error_goes_to_stderr_with_exit_code_1()
    {
        (int exitCode, string stdout, string stderr) = RunVgsh(null, "-NoModule", "-c", "throw 'boom'");

        Assert.That(stdout, Is.Empty);
        Assert.That(stderr.Trim(), Is.EqualTo("Exception: boom"));
        Assert.That(exitCode, Is.EqualTo(1));
    }

    [Test]
    public void A_missing_module_tells_the_user_to_build_and_exits_2()
    {
        string missing = Path.Combine(Path.GetTempPath(), "vgsh-no-such-dir", "VanishingGradients.psd1");

        (int exitCode, _, string stderr) = RunVgsh(missing, "-c", "1");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(ModuleLocator.EnvironmentVariable));
    }

    [Test]
    public void A_bad_command_line_exits_64_with_a_hint()
    {
        (int exitCode, _, string stderr) = RunVgsh(null, "-Frobnicate");

        Assert.That(exitCode, Is.EqualTo(64));
        Assert.That(stderr, Does.Contain("Unknown option '-Frobnicate'").And.Contain("vgsh -Help"));
    }

    private static (int ExitCode, string Stdout, string Stderr) RunVgsh(string? modulePath, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Vgsh);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[ModuleLocator.EnvironmentVariable] = modulePath;
        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(2)), Is.True, "vgsh did not finish");
        return (process.ExitCode, stdout, stderr.Result);
    }
}
