# Dot-sourced by every spec in BeforeAll: imports the assembled module and defines the shared assertions.
# Run the specs from the repository root after `dotnet build` with Pester 6 (tests/pester/Invoke-Specs.ps1 does it all):
#     dotnet pwsh -NoProfile -File tests/pester/Invoke-Specs.ps1
# Set VANISHINGGRADIENTS_MODULE to test another copy of the module (for example one installed from the package).
#
# The specs use Pester 6's assertions (Should-Be, Should-HaveType, Should-Throw -FullyQualifiedErrorId, Should-All ...)
# except where the order of a sequence matters: Should-BeCollection and Should-BeEquivalent accept any order, so
# ordered sequences are compared with `Should -Be @(...)`, which compares item by item.

$ModuleManifest = if ($env:VANISHINGGRADIENTS_MODULE) { $env:VANISHINGGRADIENTS_MODULE }
                  else { Join-Path $PSScriptRoot '../../artifacts/module/VanishingGradients/VanishingGradients.psd1' }
Import-Module $ModuleManifest -Force -ErrorAction Stop

function Assert-CsvRoundTrip {
    <#
    .SYNOPSIS
        Exports records with Export-Csv, imports them back, and checks that every column and every value survived.
    #>
    param(
        [Parameter(Mandatory)] [object[]] $Record,
        [Parameter(Mandatory)] [string] $Path
    )
    $Record | Export-Csv -LiteralPath $Path
    $back = @(Import-Csv -LiteralPath $Path)
    $columns = @($Record[0].PSObject.Properties.Name)

    $back.Count | Should-Be $Record.Count
    @($back[0].PSObject.Properties.Name) | Should -Be $columns
    for ($i = 0; $i -lt $Record.Count; $i++) {
        foreach ($column in $columns) {
            $expected = $Record[$i].$column
            $actual = $back[$i].$column
            if ($null -eq $expected) {
                $actual | Should-BeEmptyString -Because "row $i, $column was null"
            }
            elseif ($expected -is [double]) {
                # Export-Csv formats numbers in the current culture; they must parse back to the same double.
                [double]::Parse($actual, [cultureinfo]::CurrentCulture) | Should-Be $expected -Because "row $i, $column"
            }
            else {
                $actual | Should-BeString -CaseSensitive $expected.ToString() -Because "row $i, $column"
            }
        }
    }
}
