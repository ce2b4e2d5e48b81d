# Invoke-DepthExperiment: lab 5 from the shell, reproducibility, explicit cases from JSON, CSV export and errors.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Invoke-DepthExperiment' {
    Context 'the lab run over depths 3, 5, 10 and 20' {
        BeforeAll {
            $rows = Invoke-DepthExperiment -Activation Sigmoid, ReLU -Depth 3, 5, 10, 20 -Features 10 -Hidden 20 -Seed 42
        }

        It 'writes one row per layer' {
            $rows.Count | Should-Be (2 * (4 + 6 + 11 + 21))
            $rows[0] | Should-HaveType ([VanishingGradients.LayerStatistics])
            ($rows | Where-Object { $_.Activation -eq 'Sigmoid' -and $_.Depth -eq 20 }).Layer | Should -Be (1..21)
        }

        It 'shows sigmoid gradients vanishing towards the input' {
            $deep = $rows | Where-Object { $_.Activation -eq 'Sigmoid' -and $_.Depth -eq 20 }
            $deep[0].GradientNorm | Should-BeLessThan ($deep[-1].GradientNorm * 1e-6)
        }

        It 'is reproducible' {
            $again = Invoke-DepthExperiment -Activation Sigmoid, ReLU -Depth 3, 5, 10, 20 -Features 10 -Hidden 20 -Seed 42
            $again.GradientNorm | Should -Be $rows.GradientNorm
        }
    }

    It 'prints the first and last layer with -Summary' {
        $summary = Invoke-DepthExperiment -Activation Sigmoid, ReLU -Depth 10 -Features 8 -Hidden 15 -Seed 42 -Summary
        $summary.Activation | Should -Be @('Sigmoid', 'ReLU')
        $summary[0] | Should-HaveType ([VanishingGradients.DepthSummary])
        $summary[0].Ratio | Should-BeLessThan 1e-2
    }

    It 'runs every initializer asked for' {
        $rows = Invoke-DepthExperiment -Activation Tanh -Depth 10 -Initializer Xavier, He, StandardNormal
        $rows.Initializer | Sort-Object -Unique | Should -Be @('He', 'StandardNormal', 'Xavier')
    }

    It 'runs many trials, one summary each' {
        $summary = Invoke-DepthExperiment -Activation Sigmoid -Depth 10 -Features 8 -Hidden 15 -Trials 50 -Summary
        $summary.Trial | Should -Be (0..49)
        $summary.FirstLayerNorm | Sort-Object -Unique | Should-BeCollection -Count 50 -Because 'each trial draws a new network'
    }

    It 'accepts the activation by position and by its alias -Name' {
        (Invoke-DepthExperiment ReLU 3).Activation | Sort-Object -Unique | Should-Be 'ReLU'
        (Invoke-DepthExperiment -Name ReLU -Depth 3).Activation | Sort-Object -Unique | Should-Be 'ReLU'
    }

    Context 'an explicit network from JSON' {
        It 'uses the weights as given' {
            $case = Join-Path $TestDrive 'case.json'
            Set-Content -LiteralPath $case -Value '{"weights": [[[1, 0]]], "input": [1, 2], "target": [3]}'
            $row = Invoke-DepthExperiment -Activation Identity -CasePath $case
            $row.GradientNorm | Should-Be 2
        }

        It 'reports a file that is missing' {
            { Invoke-DepthExperiment -CasePath (Join-Path $TestDrive 'missing.json') } |
                Should-Throw -FullyQualifiedErrorId 'InvokeDepthExperimentCaseNotReadable,VanishingGradients.PowerShell.InvokeDepthExperimentCommand'
        }

        It 'reports shapes that do not fit' {
            $case = Join-Path $TestDrive 'bad.json'
            Set-Content -LiteralPath $case -Value '{"weights": [[[1, 0]]], "input": [1, 2, 3], "target": [3]}'
            { Invoke-DepthExperiment -CasePath $case } |
                Should-Throw -FullyQualifiedErrorId 'InvokeDepthExperimentCaseInvalid,VanishingGradients.PowerShell.InvokeDepthExperimentCommand'
        }
    }

    Context 'CSV export' {
        It 'round-trips LayerStatistics' {
            Assert-CsvRoundTrip -Record (Invoke-DepthExperiment -Activation Sigmoid, ReLU -Depth 3) -Path (Join-Path $TestDrive 'layers.csv')
        }

        It 'round-trips DepthSummary' {
            Assert-CsvRoundTrip -Record (Invoke-DepthExperiment -Depth 3, 5 -Trials 3 -Summary) -Path (Join-Path $TestDrive 'summary.csv')
        }
    }

    Context 'errors' {
        It 'rejects -Depth 0' {
            { Invoke-DepthExperiment -Depth 0 } |
                Should-Throw -FullyQualifiedErrorId 'ParameterArgumentValidationError,VanishingGradients.PowerShell.InvokeDepthExperimentCommand'
        }

        It 'rejects a network too large to hold' {
            { Invoke-DepthExperiment -Depth 3 -Hidden 100000 -Features 100000 } |
                Should-Throw -FullyQualifiedErrorId 'InvokeDepthExperimentInvalidConfiguration,VanishingGradients.PowerShell.InvokeDepthExperimentCommand'
        }

        It 'reports an unknown activation' {
            { Invoke-DepthExperiment -Activation Sigmiod -Depth 3 -ErrorAction Stop } |
                Should-Throw -FullyQualifiedErrorId 'InvokeDepthExperimentUnknownName,VanishingGradients.PowerShell.InvokeDepthExperimentCommand'
        }

        It 'rejects an unknown initializer' {
            { Invoke-DepthExperiment -Initializer Glorot } |
                Should-Throw -FullyQualifiedErrorId 'CannotConvertArgumentNoMessage,VanishingGradients.PowerShell.InvokeDepthExperimentCommand'
        }
    }
}
