# Get-Activation: the curves of lab 1, piped inputs, the catalogue, CSV export and the errors a user can run into.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Get-Activation' {
    Context 'the lab 1 grid' {
        BeforeAll {
            $points = Get-Activation -Name Sigmoid -Start -5 -End 5 -Count 100
        }

        It 'gives 100 points from -5 to 5' {
            $points.Count | Should-Be 100
            $points[0].Input | Should-Be -5
            $points[-1].Input | Should-Be 5
        }

        It 'prints the numbers of the lab' {
            $values = $points.Value | Measure-Object -Maximum -Minimum
            [math]::Round($values.Maximum, 3) | Should-Be 0.993
            [math]::Round($values.Minimum, 3) | Should-Be 0.007
            $slopes = $points.Derivative | Measure-Object -Maximum -Minimum
            [math]::Round($slopes.Maximum, 3) | Should-Be 0.25
            [math]::Round($slopes.Minimum, 3) | Should-Be 0.007
        }

        It 'writes ActivationPoint objects' {
            $points[0] | Should-HaveType ([VanishingGradients.ActivationPoint])
            $points[0].Name | Should-Be 'Sigmoid'
        }
    }

    It 'makes a half-open grid with -Step, as arange does' {
        $points = Get-Activation -Name LeakyReLU -Alpha 0.1 -Start -6 -End 6 -Step 0.01
        $points.Count | Should-Be 1200
        $points[0].Derivative | Should-Be 0.1
        $points[-1].Input | Should-BeLessThan 6
    }

    It 'streams a -Step grid too fine to hold: the first points arrive and the pipeline stops' {
        # 1e12 points (8 TB as one array): only streaming can answer, and Select-Object -First stops it.
        $points = Get-Activation -Name ReLU -Start -1 -End 1 -Step 1e-12 | Select-Object -First 3
        $delta = (-1.0 + 1e-12) - -1.0   # numpy's arange: start + i·δ, δ the step as rounded at the second point
        $points.Input | Should -Be @(-1.0, (-1.0 + $delta), (-1.0 + 2 * $delta))
        [BitConverter]::DoubleToInt64Bits($points[0].Value) | Should-Be 0 -Because 'ReLU of a negative input is +0.0, as numpy gives'
    }

    It 'evaluates several activations, one after the other' {
        $points = Get-Activation -Name Tanh, ReLU -Start -5 -End 5 -Count 100
        $points.Count | Should-Be 200
        ($points | Select-Object -First 100).Name | Sort-Object -Unique | Should-Be 'Tanh'
    }

    Context 'pipeline input' {
        It 'binds numbers by value' {
            $points = -3..3 | Get-Activation -Name ReLU
            $points.Input | Should -Be @(-3, -2, -1, 0, 1, 2, 3)
            $points.Derivative | Should -Be @(0, 0, 0, 0, 1, 1, 1)
        }

        It 'binds the Input property of other records' {
            $grid = Get-Activation -Name Identity -Start 0 -End 1 -Count 3
            ($grid | Get-Activation -Name Sigmoid).Input | Should -Be @(0, 0.5, 1)
        }

        It 'binds an X property' {
            $points = [pscustomobject]@{ X = 0 } | Get-Activation -Name Sigmoid
            $points.Derivative | Should-Be 0.25
        }

        It 'streams, so Select-Object -First stops it early without an error' {
            $first = Get-Activation -Name Sigmoid -Count 1000000 -ErrorVariable problems | Select-Object -First 3
            $first | Should-BeCollection -Count 3
            $problems | Should-BeCollection -Count 0
        }
    }

    It 'follows -DerivativeAtZero at the kink of ReLU' {
        (0 | Get-Activation -Name ReLU).Derivative | Should-Be 0
        (0 | Get-Activation -Name ReLU -DerivativeAtZero Right).Derivative | Should-Be 1
    }

    It 'checks the identity tanh(x) = 2 sigmoid(2x) - 1' {
        foreach ($x in -2, 0.5, 3) {
            $tanh = Get-Activation -Name Tanh -Input $x
            $sigmoid = Get-Activation -Name Sigmoid -Input (2 * $x)
            $tanh.Value | Should-BeLessThan (2 * $sigmoid.Value - 1 + 1e-12)
            $tanh.Value | Should-BeGreaterThan (2 * $sigmoid.Value - 1 - 1e-12)
        }
    }

    Context 'the catalogue' {
        It 'lists every activation with -List' {
            $catalogue = Get-Activation -List
            $catalogue.Name | Should-ContainCollection 'Sigmoid'
            $catalogue.Name | Should-ContainCollection 'GELU'
            ($catalogue | Where-Object Name -EQ 'Sigmoid').MaxDerivative | Should-Be 0.25
            ($catalogue | Where-Object Name -EQ 'Tanh').ZeroCentred | Should-BeTrue
        }

        It 'restricts the list to the names given' {
            (Get-Activation -List -Name Sigmoid, Tanh).Name | Should -Be @('Sigmoid', 'Tanh')
        }
    }

    Context 'CSV export' {
        It 'round-trips ActivationPoint' {
            Assert-CsvRoundTrip -Record (Get-Activation -Name Sigmoid, ReLU -Count 11) -Path (Join-Path $TestDrive 'points.csv')
        }

        It 'round-trips ActivationInfo' {
            Assert-CsvRoundTrip -Record (Get-Activation -List) -Path (Join-Path $TestDrive 'catalogue.csv')
        }

        It 'has the columns Name, Input, Value, Derivative, Parameter' {
            $path = Join-Path $TestDrive 'columns.csv'
            Get-Activation -Count 2 | Export-Csv -LiteralPath $path
            (Import-Csv -LiteralPath $path)[0].PSObject.Properties.Name | Should -Be @('Name', 'Input', 'Value', 'Derivative', 'Parameter')
        }
    }

    Context 'errors' {
        It 'reports an unknown name and suggests the closest one' {
            $err = { Get-Activation -Name Sigmiod -Count 3 -ErrorAction Stop } |
                Should-Throw -FullyQualifiedErrorId 'GetActivationUnknownName,VanishingGradients.PowerShell.GetActivationCommand'
            $err.Exception.Message | Should-BeLikeString '*Did you mean Sigmoid*'
            $err.CategoryInfo.Category | Should-Be 'ObjectNotFound'
        }

        It 'still evaluates the valid names next to an unknown one' {
            $points = Get-Activation -Name Sigmiod, Tanh -Count 3 -ErrorAction SilentlyContinue -ErrorVariable problems
            $points.Name | Sort-Object -Unique | Should-Be 'Tanh'
            $problems.Count | Should-Be 1
        }

        It 'rejects an empty grid' {
            { Get-Activation -Start 5 -End -5 } |
                Should-Throw -FullyQualifiedErrorId 'GetActivationInvalidGrid,VanishingGradients.PowerShell.GetActivationCommand'
        }

        It 'rejects a step of zero' {
            { Get-Activation -Start -5 -End 5 -Step 0 } |
                Should-Throw -FullyQualifiedErrorId 'GetActivationInvalidGrid,VanishingGradients.PowerShell.GetActivationCommand'
        }

        It 'rejects -Count <Count>' -ForEach @(@{ Count = 0 }, @{ Count = -5 }, @{ Count = 1e12 }) {
            { Get-Activation -Count $Count } |
                Should-Throw -FullyQualifiedErrorId 'ParameterArgumentValidationError,VanishingGradients.PowerShell.GetActivationCommand'
        }

        It 'rejects -Alpha <Alpha> for <Name> with <Id>' -ForEach @(
            @{ Name = 'Tanh'; Alpha = 0.1; Id = 'InvalidParameter' }, @{ Name = 'LeakyReLU'; Alpha = 3; Id = 'AlphaOutOfRange' },
            @{ Name = 'ELU'; Alpha = 1e300; Id = 'AlphaOutOfRange' }, @{ Name = 'ELU'; Alpha = [double]::NaN; Id = 'AlphaNotFinite' }) {
            { Get-Activation -Name $Name -Alpha $Alpha } |
                Should-Throw -FullyQualifiedErrorId "GetActivation$Id,VanishingGradients.PowerShell.GetActivationCommand"
        }

        It 'takes the name of a piped object' {
            ([pscustomobject]@{ Name = 'Tanh' } | Get-Activation -Start 0 -End 1 -Count 3).Name | Should -Be @('Tanh', 'Tanh', 'Tanh')
            ([pscustomobject]@{ Name = 'Tanh'; Input = 0.5 } | Get-Activation).Name | Should-Be 'Tanh'
        }

        It 'reports a bad grid of one piped object and goes on with the next' {
            $points = [pscustomobject]@{ Name = 'Tanh'; Start = 1; End = 0 }, [pscustomobject]@{ Name = 'ReLU'; Count = 2 } |
                Get-Activation -ErrorAction SilentlyContinue -ErrorVariable problems
            $points.Name | Should -Be @('ReLU', 'ReLU')
            $problems[0].FullyQualifiedErrorId | Should-Be 'GetActivationInvalidGrid,VanishingGradients.PowerShell.GetActivationCommand'
        }

        It 'reports NaN input and goes on with the rest' {
            $points = 1, [double]::NaN, 2 | Get-Activation -ErrorAction SilentlyContinue -ErrorVariable problems
            $points.Input | Should -Be @(1, 2)
            $problems[0].FullyQualifiedErrorId | Should-Be 'GetActivationInputNotFinite,VanishingGradients.PowerShell.GetActivationCommand'
        }

        It 'stops on NaN input with -ErrorAction Stop' {
            { [double]::NaN | Get-Activation -ErrorAction Stop } |
                Should-Throw -FullyQualifiedErrorId 'GetActivationInputNotFinite,VanishingGradients.PowerShell.GetActivationCommand'
        }
    }
}
