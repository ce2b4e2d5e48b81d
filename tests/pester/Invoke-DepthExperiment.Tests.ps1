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
            $rows.Count | Should -Be (2 * (4 + 6 + 11 + 21))
            $rows[0] | Should -BeOfType ([VanishingGradients.LayerStatistics])
            ($rows | Where-Object { $_.Activation -eq 'Sigmoid' -and $_.Depth -eq 20 }).Layer | Should -Be (1..21)
        }

        It 'shows sigmoid gradients vanishing towards the input' {
            $deep = $rows | Where-Object { $_.Activation -eq 'Sigmoid' -and $_.Depth -eq 20 }
            $deep[0].GradientNorm | Should -BeLessThan ($deep[-1].GradientNorm * 1e-6)
        }

        It 'is reproducible' {
            $again = Invoke-DepthExperiment -Activation Sigmoid, ReLU -Depth 3, 5, 10, 20 -Features 10 -Hidden 20 -Seed 42
            $again.GradientNorm | Should -Be $rows.GradientNorm
        }
    }

    It 'prints the first and last layer with -Summary' {
        $summary = Invoke-DepthExperiment -Activation Sigmoid, ReLU -Depth 10 -Features 8 -Hidden 15 -Seed 42 -Summary
        $summary.Activation | Should -Be @('Sigmoid', 'ReLU')
        $summary[0] | Should -BeOfType ([VanishingGradients.DepthSummary])
        $summary[0].Ratio | Should -BeLessThan 1e-2
    }

    It 'compares initializers on the same draws' {
        $rows = Invoke-DepthExperiment -Activation Tanh -Depth 10 -Initializer Xavier, He, StandardNormal
        $rows.Initializer | Sort-Object -Unique | Should -Be @('He', 'StandardNormal', 'Xavier')
    }

    It 'summarises many trials per configuration' {
        $summary = @(Invoke-DepthExperiment -Activation Sigmoid -Depth 10 -Features 8 -Hidden 15 -Trials 50 -Summary)
        $summary.Count | Should -Be 1
        $summary[0] | Should -BeOfType ([VanishingGradients.TrialSummary])
        $summary[0].Trials | Should -Be 50
        $summary[0].RatioMedianLow | Should -BeLessOrEqual $summary[0].Ratio
        $summary[0].RatioMedianHigh | Should -BeGreaterOrEqual $summary[0].Ratio
    }

    Context 'the labs'' depth cells, draw for draw' {
        It 'continues one generator over x, y and eight networks (first cell)' {
            $g = New-RandomGenerator -Seed 42
            $x = $g.Randn(10, 1)
            $y = $g.Randn(1, 1)
            $summary = Invoke-DepthExperiment -Generator $g -Input $x -Target $y -Activation Sigmoid, ReLU -Depth 3, 5, 10, 20 -Summary
            $summary.Count | Should -Be 8
            [math]::Round($summary[0].FirstLayerNorm, 7) | Should -Be 0.0045232
            ($summary | Where-Object Activation -EQ 'ReLU' | Where-Object { $null -eq $_.Ratio }) | Should -BeNullOrEmpty
        }

        It 'gives the second cell with a fresh generator or -Seed' {
            $fresh = Invoke-DepthExperiment Sigmoid -Depth 10 -Features 8 -Hidden 15 -Generator (New-RandomGenerator 42) -Summary
            $seeded = Invoke-DepthExperiment Sigmoid -Depth 10 -Features 8 -Hidden 15 -Seed 42 -Summary
            $fresh.FirstLayerNorm | Should -Be $seeded.FirstLayerNorm
            [math]::Round($fresh.FirstLayerNorm, 12) | Should -Be 7.5744E-08
        }
    }

    It 'computes the weight-gradient norms unless told to skip them' {
        $with = Invoke-DepthExperiment Sigmoid -Depth 3 -Hidden 30 -BatchSize 16 -Seed 1
        $without = Invoke-DepthExperiment Sigmoid -Depth 3 -Hidden 30 -BatchSize 16 -Seed 1 -SkipWeightGradientNorm
        $with.WeightGradientNorm | ForEach-Object { [double]::IsFinite($_) -and $_ -gt 0 } | Should -Not -Contain $false
        $without.WeightGradientNorm | ForEach-Object { [double]::IsNaN($_) } | Should -Not -Contain $false
        $without.GradientNorm | Should -Be $with.GradientNorm
    }

    Context 'remedies' {
        It 'labels every remedy in one result' {
            $summary = Invoke-DepthExperiment Sigmoid -Depth 20 -BatchSize 8 -Remedy None, Residual, BatchNorm -Summary
            $summary.Remedy | Should -Be @('None', 'Residual', 'BatchNorm')
            $summary[2].Ratio | Should -BeGreaterThan ($summary[0].Ratio * 1e6)
        }

        It 'refuses batch normalisation over a batch of one' {
            { Invoke-DepthExperiment -BatchNorm } |
                Should -Throw -ErrorId 'InvokeDepthExperimentInvalidConfiguration,VanishingGradients.PowerShell.InvokeDepthExperimentCommand'
        }

        It 'takes the input from the pipeline' {
            $rows = 1..6 | Invoke-DepthExperiment Tanh -Depth 2 -Hidden 4 -Features 3 -Target 0.5, -0.5 -BatchNorm
            $rows.Units | Should -Be @(4, 4, 1)
            $rows.Remedy | Sort-Object -Unique | Should -Be 'BatchNorm'
        }
    }

    It 'accepts the activation by position and by its alias -Name' {
        (Invoke-DepthExperiment ReLU 3).Activation | Sort-Object -Unique | Should -Be 'ReLU'
        (Invoke-DepthExperiment -Name ReLU -Depth 3).Activation | Sort-Object -Unique | Should -Be 'ReLU'
    }

    Context 'an explicit network from JSON' {
        It 'uses the weights as given' {
            $case = Join-Path $TestDrive 'case.json'
            Set-Content -LiteralPath $case -Value '{"weights": [[[1, 0]]], "input": [1, 2], "target": [3]}'
            $row = Invoke-DepthExperiment -Activation Identity -CasePath $case
            $row.GradientNorm | Should -Be 2
        }

        It 'reports a file that is missing' {
            { Invoke-DepthExperiment -CasePath (Join-Path $TestDrive 'missing.json') } |
                Should -Throw -ErrorId 'InvokeDepthExperimentCaseNotFound,VanishingGradients.PowerShell.InvokeDepthExperimentCommand'
        }

        It 'runs every case a wildcard matches, and takes brackets literally with -LiteralCasePath' {
            $json = '{"weights": [[[1, 0]]], "input": [1, 2], "target": [3]}'
            Set-Content -LiteralPath (Join-Path $TestDrive 'w[1].json') -Value $json
            Set-Content -LiteralPath (Join-Path $TestDrive 'w2.json') -Value $json
            @(Invoke-DepthExperiment -Activation Identity -CasePath (Join-Path $TestDrive 'w*.json')).Count | Should-Be 2
            @(Invoke-DepthExperiment -Activation Identity -LiteralCasePath (Join-Path $TestDrive 'w[1].json')).Count | Should-Be 1
            { Invoke-DepthExperiment -CasePath (Join-Path $TestDrive 'none*.json') } |
                Should -Throw -ErrorId 'InvokeDepthExperimentCaseNotFound,VanishingGradients.PowerShell.InvokeDepthExperimentCommand'
        }

        It 'reports a network whose gradient is undefined and goes on with the others' {
            $rows = Invoke-DepthExperiment -Activation Tanh, ReLU -Depth 3 -Input (@(1e308) * 10) -Trials 10 -ErrorAction SilentlyContinue -ErrorVariable problems
            $problems.Count | Should -BeGreaterThan 0
            $problems[0].FullyQualifiedErrorId | Should-Be 'InvokeDepthExperimentOverflow,VanishingGradients.PowerShell.InvokeDepthExperimentCommand'
            $rows.Count | Should-Be ((20 - $problems.Count) * 4)
        }

        It 'reports shapes that do not fit' {
            $case = Join-Path $TestDrive 'bad.json'
            Set-Content -LiteralPath $case -Value '{"weights": [[[1, 0]]], "input": [1, 2, 3], "target": [3]}'
            { Invoke-DepthExperiment -CasePath $case } |
                Should -Throw -ErrorId 'InvokeDepthExperimentCaseInvalid,VanishingGradients.PowerShell.InvokeDepthExperimentCommand'
        }
    }

    Context 'CSV export' {
        It 'round-trips LayerStatistics' {
            Assert-CsvRoundTrip -Record (Invoke-DepthExperiment -Activation Sigmoid, ReLU -Depth 3) -Path (Join-Path $TestDrive 'layers.csv')
        }

        It 'round-trips DepthSummary' {
            Assert-CsvRoundTrip -Record (Invoke-DepthExperiment -Depth 3, 5 -Summary) -Path (Join-Path $TestDrive 'summary.csv')
        }

        It 'round-trips TrialSummary' {
            Assert-CsvRoundTrip -Record (Invoke-DepthExperiment -Depth 3, 5 -Trials 10 -Summary) -Path (Join-Path $TestDrive 'trials.csv')
        }
    }

    Context 'errors' {
        It 'rejects -Depth 0' {
            { Invoke-DepthExperiment -Depth 0 } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,VanishingGradients.PowerShell.InvokeDepthExperimentCommand'
        }

        It 'rejects a network too large to hold' {
            { Invoke-DepthExperiment -Depth 3 -Hidden 100000 -Features 100000 } |
                Should -Throw -ErrorId 'InvokeDepthExperimentInvalidConfiguration,VanishingGradients.PowerShell.InvokeDepthExperimentCommand'
        }

        It 'reports an unknown activation' {
            { Invoke-DepthExperiment -Activation Sigmiod -Depth 3 -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvokeDepthExperimentUnknownName,VanishingGradients.PowerShell.InvokeDepthExperimentCommand'
        }

        It 'rejects an unknown initializer' {
            { Invoke-DepthExperiment -Initializer Glorot } |
                Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,VanishingGradients.PowerShell.InvokeDepthExperimentCommand'
        }
    }
}
