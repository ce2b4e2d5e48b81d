# Export-GradientChart and Show-GradientChart: the labs' figures from piped results, as image files and as text.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Export-GradientChart' {
    It 'saves the sigmoid curve as a PNG' {
        $path = Join-Path $TestDrive 'sigmoid.png'
        Get-Activation -Name Sigmoid -Start -5 -End 5 -Count 100 | Export-GradientChart -Path $path
        $header = Get-Content -LiteralPath $path -AsByteStream -TotalCount 4
        $header | Should -Be @(0x89, 0x50, 0x4E, 0x47)
    }

    It 'saves an SVG with a tangent line' {
        $path = Join-Path $TestDrive 'tangent.svg'
        Get-Activation -Name Sigmoid -Count 100 | Export-GradientChart -Path $path -Curve Value -TangentAt 2
        Get-Content -LiteralPath $path -Raw | Should-MatchString '<svg'
    }

    It 'charts every record type of the module' -ForEach @(
        @{ Type = 'DecayStep'; Command = { Measure-GradientDecay -Steps 6 } }
        @{ Type = 'AttenuationBound'; Command = { Measure-GradientDecay -Name Sigmoid, ReLU -Bound -Steps 10 } }
        @{ Type = 'ScaledGradient'; Command = { Measure-GradientDecay -Gain -1, -5, -9 } }
        @{ Type = 'LayerStatistics'; Command = { Invoke-DepthExperiment -Activation Sigmoid, ReLU -Depth 3, 5 } }
    ) {
        $file = & $Command | Export-GradientChart -Path (Join-Path $TestDrive "$Type.png") -PassThru
        $file | Should-HaveType ([System.IO.FileInfo])
        $file.Length | Should-BeGreaterThan 0
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.png'
        Get-Activation | Export-GradientChart -Path $path -WhatIf
        Test-Path -LiteralPath $path | Should-BeFalse -Because '-WhatIf writes nothing'
    }

    It 'replaces a file only with -Force' {
        $path = Join-Path $TestDrive 'twice.png'
        Get-Activation | Export-GradientChart -Path $path
        { Get-Activation | Export-GradientChart -Path $path } |
            Should-Throw -FullyQualifiedErrorId 'ExportGradientChartFileExists,VanishingGradients.PowerShell.ExportGradientChartCommand'
        $before = (Get-Item -LiteralPath $path).Length
        Get-Activation -Name Tanh, ReLU, ELU | Export-GradientChart -Path $path -Force
        (Get-Item -LiteralPath $path).Length | Should-NotBe $before -Because 'the new chart replaced the old one'
    }

    Context 'errors' {
        It 'rejects an extension other than .png or .svg' {
            { Get-Activation | Export-GradientChart -Path (Join-Path $TestDrive 'chart.gif') } |
                Should-Throw -FullyQualifiedErrorId 'ExportGradientChartUnsupportedFormat,VanishingGradients.PowerShell.ExportGradientChartCommand'
        }

        It 'rejects a folder that does not exist' {
            { Get-Activation | Export-GradientChart -Path (Join-Path $TestDrive 'missing/chart.png') } |
                Should-Throw -FullyQualifiedErrorId 'ExportGradientChartDirectoryNotFound,VanishingGradients.PowerShell.ExportGradientChartCommand'
        }

        It 'rejects a kind that does not fit the records' {
            { Get-Activation | Export-GradientChart -Path (Join-Path $TestDrive 'kind.png') -Kind Decay } |
                Should-Throw -FullyQualifiedErrorId 'ExportGradientChartKindMismatch,VanishingGradients.PowerShell.ExportGradientChartCommand'
        }

        It 'reports objects it cannot chart' {
            { 'not a record' | Export-GradientChart -Path (Join-Path $TestDrive 'text.png') -ErrorAction Stop } |
                Should-Throw -FullyQualifiedErrorId 'ExportGradientChartUnsupportedInput,VanishingGradients.PowerShell.ExportGradientChartCommand'
        }
    }
}

Describe 'Show-GradientChart' {
    It 'draws the decay table as lines of text' {
        $lines = Measure-GradientDecay -Name Sigmoid -Input 0 -Steps 6 | Show-GradientChart -Width 60 -NoColor
        $lines.Count | Should-BeGreaterThan 4
        $lines | Should-All { $_ -is [string] }
    }

    It 'draws only the curves asked for' {
        $points = Get-Activation -Name Tanh, ReLU -Count 100
        $chart = @{}
        foreach ($curve in 'Both', 'Value', 'Derivative') {
            $chart[$curve] = ($points | Show-GradientChart -Curve $curve -Width 60 -Height 10 -NoColor) -join "`n"
        }
        $chart.Derivative | Should-NotBe $chart.Value
        $chart.Derivative | Should-NotBe $chart.Both
        $chart.Value | Should-NotBe $chart.Both
    }

    It 'rejects records of two types together' {
        { @(Get-Activation -Count 3) + @(Measure-GradientDecay -Steps 3) | Show-GradientChart } |
            Should-Throw -FullyQualifiedErrorId 'ShowGradientChartMixedInput,VanishingGradients.PowerShell.ShowGradientChartCommand'
    }
}
