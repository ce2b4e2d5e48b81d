# Dot-sourced by Invoke-Specs.ps1 and the specs that use a package tests/pester/Restore.proj downloaded.

function Get-NuGetPackageFolder {
    <#
    .SYNOPSIS
        The folder of one package version in the NuGet packages folder; an error naming the restore command when missing.
    #>
    param(
        [Parameter(Mandatory)] [string] $Id,
        [Parameter(Mandatory)] [string] $Version
    )
    $root = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES }
            else { (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '' | Select-Object -First 1 }
    $folder = Join-Path $root.Trim() $Id.ToLowerInvariant() $Version
    if (-not (Test-Path -LiteralPath $folder -PathType Container)) {
        throw "$Id $Version is not in the NuGet packages folder ($folder). Run: dotnet restore tests/pester/Restore.proj"
    }
    $folder
}
