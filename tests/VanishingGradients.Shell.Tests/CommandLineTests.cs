using System;
using System.IO;
using NUnit.Framework;

namespace VanishingGradients.Shell.Tests;

[TestFixture]
public sealed class CommandLineTests
{
    [Test]
    public void File_takes_the_remaining_arguments_for_the_script()
    {
        CommandLine line = CommandLine.Parse(new[] { "-NoModule", "-File", "build.ps1", "-Task", "Build", "-NoModule" });

        Assert.That(line.File, Is.EqualTo("build.ps1"));
        Assert.That(line.ScriptArguments, Is.EqualTo(new[] { "-Task", "Build", "-NoModule" }));
        Assert.That(line.NoModule, Is.True);
    }

    [Test]
    public void Command_joins_the_remaining_arguments()
    {
        CommandLine line = CommandLine.Parse(new[] { "-c", "Get-Activation", "-List" });

        Assert.That(line.Command, Is.EqualTo("Get-Activation -List"));
        Assert.That(line.File, Is.Null);
    }

    [Test]
    public void Pwsh_options_are_accepted_and_ignored_and_a_bare_argument_is_the_file()
    {
        CommandLine line = CommandLine.Parse(new[] { "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "--module", "m.psd1", "lab.ps1", "x" });

        Assert.That(line.Module, Is.EqualTo("m.psd1"));
        Assert.That(line.File, Is.EqualTo("lab.ps1"));
        Assert.That(line.ScriptArguments, Is.EqualTo(new[] { "x" }));
    }

    [Test]
    public void Help_needs_nothing_else()
    {
        Assert.That(CommandLine.Parse(new[] { "-Help" }).Help, Is.True);
        Assert.That(CommandLine.Parse(new[] { "-?" }).Help, Is.True);
    }

    [TestCase(new string[0], "Give a script with -File")]
    [TestCase(new[] { "-Bogus" }, "Unknown option '-Bogus'")]
    [TestCase(new[] { "-File" }, "-File needs a value")]
    [TestCase(new[] { "-Command" }, "-Command needs the PowerShell text")]
    [TestCase(new[] { "-Module", "m.psd1", "-NoModule", "-c", "1" }, "cannot be used together")]
    public void Bad_command_lines_are_explained(string[] args, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => CommandLine.Parse(args));
        Assert.That(error!.Message, Does.Contain(message));
    }

    [Test]
    public void BuildInvocation_writes_only_parameter_names_into_the_script_text()
    {
        string text = HostedShell.BuildInvocation(new[] { "-Task", "Build", "-Flag:$false", "pos", "-5", "--" }, out var values);

        Assert.That(text, Is.EqualTo("& $args[0] -Task $args[1] -Flag:$args[2] $args[3] $args[4] $args[5]"));
        Assert.That(values, Is.EqualTo(new object[] { "Build", false, "pos", "-5", "--" }));
    }
}

[TestFixture]
[NonParallelizable]
public sealed class ModuleLocatorTests
{
    private string? _saved;
    private string _dir = null!;

    [SetUp]
    public void SaveEnvironment()
    {
        _saved = Environment.GetEnvironmentVariable(ModuleLocator.EnvironmentVariable);
        _dir = Directory.CreateTempSubdirectory("vgsh-locator-").FullName;
    }

    [TearDown]
    public void RestoreEnvironment()
    {
        Environment.SetEnvironmentVariable(ModuleLocator.EnvironmentVariable, _saved);
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public void The_repository_root_is_the_outermost_folder_with_Directory_Build_props()
    {
        File.WriteAllText(Path.Combine(_dir, ModuleLocator.RootMarker), "<Project />");
        string tests = Directory.CreateDirectory(Path.Combine(_dir, "tests")).FullName;
        File.WriteAllText(Path.Combine(tests, ModuleLocator.RootMarker), "<Project />");
        string deep = Directory.CreateDirectory(Path.Combine(tests, "a", "b")).FullName;

        Assert.That(ModuleLocator.FindRepositoryRoot(deep), Is.EqualTo(_dir));
    }

    [Test]
    public void The_environment_variable_overrides_the_search_and_may_name_the_folder()
    {
        string manifest = Path.Combine(_dir, "VanishingGradients.psd1");
        File.WriteAllText(manifest, "@{}");

        Environment.SetEnvironmentVariable(ModuleLocator.EnvironmentVariable, manifest);
        Assert.That(ModuleLocator.Locate(), Is.EqualTo(manifest));

        Environment.SetEnvironmentVariable(ModuleLocator.EnvironmentVariable, _dir);
        Assert.That(ModuleLocator.Locate(), Is.EqualTo(manifest));
    }

    [Test]
    public void A_wrong_environment_variable_is_reported()
    {
        Environment.SetEnvironmentVariable(ModuleLocator.EnvironmentVariable, Path.Combine(_dir, "nope.psd1"));

        var error = Assert.Throws<FileNotFoundException>(() => ModuleLocator.Locate());
        Assert.That(error!.Message, Does.Contain(ModuleLocator.EnvironmentVariable));
    }
}
