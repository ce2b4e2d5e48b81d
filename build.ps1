<#
.SYNOPSIS
    Builds, tests, cleans and packages VanishingGradients; runs the course-kit tool.

.DESCRIPTION
    Runs under pwsh 7.4+; the repository's tool manifest pins one, so a machine with only the .NET SDK runs it as

        dotnet tool restore
        dotnet pwsh -NoProfile -File build.ps1 -Task Build

.PARAMETER Task
    Build   dotnet build of the solution (which also assembles artifacts/module/VanishingGradients).
    Test    Build, dotnet test of the solution, then the Pester specs of tests/pester (Pester 6.2.0, restored from
            NuGet by tests/pester/Restore.proj) in a pwsh of their own.
    Clean   Remove artifacts/ and every project's bin/ and obj/ (supports -WhatIf).
    Package Build, then artifacts/packages/VanishingGradients.<version>.nupkg (PowerShell Gallery layout) and
            artifacts/packages/VanishingGradients-student-kit.zip (no solutions, no hidden graders).
    Grade   dotnet run of the course-kit tool: `grade` plus -Arguments (e.g. --solutions --expect full), or, when
            folders are given, `grade-submissions` (e.g. ./submissions/alice ./submissions/bob --gradebook book.csv).
    Generate dotnet run of the course-kit tool: `generate` plus -Arguments (e.g. --check).

.PARAMETER Configuration
    The build configuration, Release by default.

.PARAMETER Arguments
    Passed on to the course-kit tool (Grade, Generate). Its options start with `--`, so they can follow the
    script's own: ./build.ps1 -Task Generate --check

.EXAMPLE
    ./build.ps1 -Task Test

.EXAMPLE
    ./build.ps1 -Task Grade --solutions --expect full
#>
[CmdletBinding(SupportsShouldProcess, PositionalBinding = $false)]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Clean', 'Package', 'Grade', 'Generate')]
    [string]$Task = 'Test',

    [ValidateNotNullOrEmpty()]
    [string]$Configuration = 'Release',

    [Parameter(ValueFromRemainingArguments)]
    [string[]]$Arguments = @()
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$Root = $PSScriptRoot
$Solution = [System.IO.Path]::Combine($Root, 'VanishingGradients.sln')
$Artifacts = [System.IO.Path]::Combine($Root, 'artifacts')
$ModuleDir = [System.IO.Path]::Combine($Artifacts, 'module', 'VanishingGradients')
$GradingCli = [System.IO.Path]::Combine($Root, 'src', 'Grading', 'vg-grade')

function Write-Step([string]$Message) {
    Write-Host "==> $Message"
}

function Invoke-Dotnet([string[]]$DotnetArguments) {
    Write-Step "dotnet $($DotnetArguments -join ' ')"
    & dotnet @DotnetArguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($DotnetArguments[0]) failed with exit code $LASTEXITCODE."
    }
}

function Invoke-Build {
    Invoke-Dotnet @('build', $Solution, '-c', $Configuration, '--nologo')
}

function Invoke-Test {
    Invoke-Build
    Invoke-Dotnet @('test', $Solution, '-c', $Configuration, '--no-build', '--nologo')

    $specs = [System.IO.Path]::Combine($Root, 'tests', 'pester')
    Invoke-Dotnet @('restore', [System.IO.Path]::Combine($specs, 'Restore.proj'), '--nologo')
    # In a pwsh of their own (the one running this script; the tool manifest's runs as dotnet + pwsh.dll): the specs
    # import the module and Pester, and one loads another SkiaSharp into its session on purpose.
    $pwsh = [System.Environment]::ProcessPath
    $pwshArguments = @(if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
    Write-Step "Invoke-Specs.ps1 (Pester)"
    & $pwsh @pwshArguments -NoProfile -NonInteractive -File (Join-Path $specs 'Invoke-Specs.ps1')
    if ($LASTEXITCODE -ne 0) {
        throw "The Pester specs failed (exit code $LASTEXITCODE)."
    }
}

function Invoke-Clean {
    # Every project's bin/ and obj/ (found from the project files, so nothing else is touched), and artifacts/.
    $projects = [System.IO.Directory]::EnumerateFiles($Root, '*.*proj', [System.IO.SearchOption]::AllDirectories) |
        Where-Object { $_ -match '\.(cs|fs)proj$' -and -not $_.StartsWith($Artifacts) }
    $targets = @($Artifacts) + @($projects | ForEach-Object {
            $dir = [System.IO.Path]::GetDirectoryName($_)
            [System.IO.Path]::Combine($dir, 'bin')
            [System.IO.Path]::Combine($dir, 'obj')
        })
    foreach ($target in $targets) {
        if ([System.IO.Directory]::Exists($target) -and $PSCmdlet.ShouldProcess($target, 'Remove directory')) {
            Write-Step "Removing $target"
            [System.IO.Directory]::Delete($target, $true)
        }
    }
}

# ---- Packaging -----------------------------------------------------------------------------------------------
# The PowerShell Gallery package (module files at the package root, metadata from the manifest; see
# module/ModuleTools.targets) and the student kit (exercises and visible graders, no solutions or hidden tests).
function New-Packages {
    Invoke-Dotnet @('pack', [System.IO.Path]::Combine($Root, 'module', 'VanishingGradients.Module.csproj'), '-c', $Configuration, '--no-build', '--nologo')
    $kit = [System.IO.Path]::Combine($Artifacts, 'packages', 'VanishingGradients-student-kit.zip')
    Invoke-Dotnet @('run', '--project', $GradingCli, '-c', $Configuration, '--', 'kit', '--out', $kit)
    Write-Step "Packages are in $([System.IO.Path]::Combine($Artifacts, 'packages'))"
}
# ---------------------------------------------------------------------------------------------------------------

# Grade with folders among the arguments grades those submissions; without, the course's own exercises/.
function Invoke-GradingCli([string]$Command) {
    if ($Command -eq 'grade' -and @($Arguments | Where-Object { -not $_.StartsWith('--') }).Count -gt 0) {
        $Command = 'grade-submissions'
    }
    Invoke-Dotnet (@('run', '--project', $GradingCli, '-c', $Configuration, '--', $Command) + $Arguments)
}

if ($Arguments.Count -gt 0 -and $Task -notin 'Grade', 'Generate') {
    throw "Unexpected arguments for -Task ${Task}: $($Arguments -join ' '). Only Grade and Generate take extra arguments."
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Clean' { Invoke-Clean }
    'Package' { Invoke-Build; New-Packages }
    'Grade' { Invoke-GradingCli 'grade' }
    'Generate' { Invoke-GradingCli 'generate' }
}
