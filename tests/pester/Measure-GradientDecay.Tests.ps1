# Measure-GradientDecay: the products of labs 3 and 4, the attenuation bound, the gain sweep, CSV export and errors.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Measure-GradientDecay' {
    It 'reproduces the decay table of lab 3' {
        $steps = Measure-GradientDecay -Name Sigmoid -Input 0 -Steps 6
        $steps.Step | Should -Be @(1, 2, 3, 4, 5, 6)
        $steps.CumulativeGradient | Should -Be @(0.25, 0.0625, 0.015625, 0.00390625, 0.0009765625, 0.000244140625)
        $steps[0] | Should-HaveType ([VanishingGradients.DecayStep])
    }

    It 'uses x = 0 and six steps by default' {
        $steps = Measure-GradientDecay
        $steps.Count | Should-Be 6
        $steps.Input | Sort-Object -Unique | Should-Be 0
    }

    It 'reports only the steps asked for when given several' {
        (Measure-GradientDecay -Steps 10, 1, 5).Step | Should -Be @(1, 5, 10)
    }

    It 'decays faster at a saturated input' {
        $atZero = Measure-GradientDecay -Input 0 -Steps 10 | Select-Object -Last 1
        $atFour = Measure-GradientDecay -Input 4 -Steps 10 | Select-Object -Last 1
        $atFour.CumulativeGradient | Should-BeLessThan ($atZero.CumulativeGradient * 1e-10)
    }

    Context 'pipeline input' {
        It 'binds numbers by value, one table per input' {
            $steps = 0, 2 | Measure-GradientDecay -Steps 3
            $steps.Input | Should -Be @(0, 0, 0, 2, 2, 2)
        }

        It 'binds the Input property of Get-Activation output' {
            $steps = Get-Activation -Name Identity -Start 0 -End 1 -Count 2 | Measure-GradientDecay -Steps 1
            $steps.Input | Should -Be @(0, 1)
        }
    }

    It 'gives the attenuation bound with -Bound' {
        $bounds = Measure-GradientDecay -Name Sigmoid, Tanh, ReLU -Bound -Steps 1, 3, 5, 10, 20
        $bounds.Count | Should-Be 15
        ($bounds | Where-Object Name -EQ 'Sigmoid').Bound |
            Should -Be @(0.25, 0.015625, 9.765625e-4, 9.5367431640625e-7, 9.094947017729282e-13)
        ($bounds | Where-Object Name -NE 'Sigmoid').Bound | Sort-Object -Unique | Should-Be 1
        $bounds[0] | Should-HaveType ([VanishingGradients.AttenuationBound])
    }

    It 'sweeps the gain at x = 1 with -Gain' {
        $rows = Measure-GradientDecay -Name Sigmoid -Gain -0.5, -7, -9
        $rows.Input | Sort-Object -Unique | Should-Be 1
        $rows[0] | Should-HaveType ([VanishingGradients.ScaledGradient])
        [math]::Abs($rows[2].Derivative) | Should-BeLessThan ([math]::Abs($rows[0].Derivative))
    }

    Context 'CSV export' {
        It 'round-trips <Type>' -ForEach @(
            @{ Type = 'DecayStep'; Command = { Measure-GradientDecay -Name Sigmoid, Tanh -Input 0, 1 -Steps 4 } }
            @{ Type = 'AttenuationBound'; Command = { Measure-GradientDecay -Name Sigmoid, ReLU -Bound -Steps 1, 10 } }
            @{ Type = 'ScaledGradient'; Command = { Measure-GradientDecay -Name Sigmoid -Gain -1, -5, -9 } }
        ) {
            Assert-CsvRoundTrip -Record (& $Command) -Path (Join-Path $TestDrive "$Type.csv")
        }
    }

    Context 'errors' {
        It 'reports an unknown name' {
            { Measure-GradientDecay -Name Sigmiod -ErrorAction Stop } |
                Should-Throw -FullyQualifiedErrorId 'MeasureGradientDecayUnknownName,VanishingGradients.PowerShell.MeasureGradientDecayCommand'
        }

        It 'rejects -Steps 0' {
            { Measure-GradientDecay -Steps 0 } |
                Should-Throw -FullyQualifiedErrorId 'ParameterArgumentValidationError,VanishingGradients.PowerShell.MeasureGradientDecayCommand'
        }

        It 'rejects -Alpha for an activation without a parameter' {
            { Measure-GradientDecay -Name Sigmoid -Alpha 0.1 } |
                Should-Throw -FullyQualifiedErrorId 'MeasureGradientDecayInvalidParameter,VanishingGradients.PowerShell.MeasureGradientDecayCommand'
        }

        It 'reports an infinite input and goes on' {
            $steps = [double]::PositiveInfinity, 0 | Measure-GradientDecay -Steps 1 -ErrorAction SilentlyContinue -ErrorVariable problems
            $steps.Input | Should-Be 0
            $problems[0].FullyQualifiedErrorId |
                Should-Be 'MeasureGradientDecayInputNotFinite,VanishingGradients.PowerShell.MeasureGradientDecayCommand'
        }

        It 'reports a gain that overflows' {
            { Measure-GradientDecay -Gain 1e308 -Input 1e308 -ErrorAction Stop } |
                Should-Throw -FullyQualifiedErrorId 'MeasureGradientDecayGainOverflow,VanishingGradients.PowerShell.MeasureGradientDecayCommand'
        }
    }
}
