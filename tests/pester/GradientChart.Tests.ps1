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

    It 'draws for a projector by default, and at another scale on request' -ForEach @(
        @{ Arguments = @{}; Width = 1600; Height = 1000 }
        @{ Arguments = @{ Scale = 1 }; Width = 800; Height = 500 }
        @{ Arguments = @{ Width = 2400 }; Width = 2400; Height = 1500 }
    ) {
        $path = Join-Path $TestDrive 'size.png'
        Get-Activation | Export-GradientChart -Path $path -Force @Arguments
        $bytes = [System.IO.File]::ReadAllBytes($path)
        [System.Buffers.Binary.BinaryPrimitives]::ReadInt32BigEndian([byte[]] $bytes[16..19]) | Should -Be $Width
        [System.Buffers.Binary.BinaryPrimitives]::ReadInt32BigEndian([byte[]] $bytes[20..23]) | Should -Be $Height
    }

    It 'names PReLU curves by their parameter' {
        $path = Join-Path $TestDrive 'prelu.svg'
        @(
            Get-Activation -Name PReLU -Alpha 0.05 -Start -6 -End 6 -Step 0.01 -DerivativeAtZero Right
            Get-Activation -Name PReLU -Alpha 0.25 -Start -6 -End 6 -Step 0.01 -DerivativeAtZero Right
        ) | Export-GradientChart -Path $path -Layout Grid
        $svg = Get-Content -LiteralPath $path -Raw
        $svg | Should -Match 'PReLU \(a = 0\.05\)'
        $svg | Should -Match 'PReLU \(a = 0\.25\)'
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

        It 'rejects a size it cannot draw' {
            { Get-Activation | Export-GradientChart -Path (Join-Path $TestDrive 'huge.png') -Width 20000 -Height 20000 } |
                Should -Throw -ErrorId 'ExportGradientChartInvalidSize,VanishingGradients.PowerShell.ExportGradientChartCommand'
            { Get-Activation | Export-GradientChart -Path (Join-Path $TestDrive 'scale.png') -Scale 0 } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,VanishingGradients.PowerShell.ExportGradientChartCommand'
            Join-Path $TestDrive 'huge.png' | Should -Not -Exist
        }

        It 'rejects a tangent at NaN' {
            { Get-Activation | Export-GradientChart -Path (Join-Path $TestDrive 'nan.png') -TangentAt ([double]::NaN) } |
                Should -Throw -ErrorId 'ExportGradientChartTangentNotFinite,VanishingGradients.PowerShell.ExportGradientChartCommand'
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

    It 'tells series apart without colour: one marker glyph per series, in the plot and the legend' {
        $lines = Get-Activation -Name Sigmoid, Tanh -Count 200 | Show-GradientChart -Curve Value -Width 80 -NoColor
        $legend = $lines | Where-Object { $_ -match '^\s+\S\S\S (Sigmoid|Tanh)$' }
        $legend.Count | Should -Be 2
        $legend[0][3] | Should -Not -Be $legend[1][3]
        foreach ($entry in $legend) { ($lines -join '').IndexOf($entry[3]) | Should -BeLessThan ($lines -join '').IndexOf($entry) }
    }

    It 'labels the y axis with round numbers' {
        $lines = Get-Activation -Name Sigmoid -Count 100 | Show-GradientChart -Width 60 -NoColor
        $ticks = $lines | Where-Object { $_ -match '^\s*(\S+) ┤' } | ForEach-Object { [double]::Parse(($_ -split '┤')[0].Trim(), [cultureinfo]::InvariantCulture) }
        $ticks.Count | Should -BeGreaterThan 2
        foreach ($t in $ticks) { [math]::Round($t * 20) / 20 | Should -Be $t }
    }
}
