<#
.SYNOPSIS
    Runs the Pester specs of tests/pester against the assembled module, with Pester 6.2.0 from the NuGet packages
    folder, and ends with the line "N passed, N failed".

.DESCRIPTION
    tests/run-all.sh runs this under the pwsh of the tool manifest after `dotnet restore tests/pester/Restore.proj`
    (which downloads Pester) and `dotnet build` (which assembles artifacts/module/VanishingGradients):

        dotnet pwsh -NoProfile -File tests/pester/Invoke-Specs.ps1

    Set VANISHINGGRADIENTS_MODULE to a manifest to test another copy of the module.

.PARAMETER ExcludeTag
    Tags to leave out, e.g. Slow (the specs that build and grade the course kit).
#>
[CmdletBinding()]
param(
    [string[]]$ExcludeTag = @()
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

. (Join-Path $PSScriptRoot 'NuGet.ps1')
Import-Module (Join-Path (Get-NuGetPackageFolder Pester 6.2.0) 'tools/Pester.psd1') -Force

$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Filter.ExcludeTag = $ExcludeTag
$config.Output.Verbosity = 'Detailed'
$config.Output.RenderMode = 'Plaintext'
$result = Invoke-Pester -Configuration $config

# A failure outside any test (a BeforeAll, a file that does not parse) counts as one failure, so it cannot hide.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
"$($result.PassedCount) passed, $failed failed"
exit ([int]($failed -gt 0 -or $result.Result -ne 'Passed'))
