# Invoke-TrainingExperiment: the training the labs describe, from the shell: rows, the lesson, reproducibility, errors.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Invoke-TrainingExperiment' {
    Context 'the labs'' comparison' {
        BeforeAll {
            $sigmoid = Invoke-TrainingExperiment Sigmoid -Epochs 60
            $relu = Invoke-TrainingExperiment ReLU -Initializer He -Epochs 60
        }

        It 'writes one row per epoch and layer, input side first' {
            $sigmoid.Count | Should -Be (60 * 11)
            $sigmoid[0] | Should -BeOfType ([VanishingGradients.TrainingStatistics])
            ($sigmoid | Where-Object Epoch -EQ 1).Layer | Should -Be (1..11)
        }

        It 'shows the deep sigmoid network stalling while ReLU with He learns' {
            $sigmoid[-1].Loss | Should -BeGreaterThan 0.08
            $relu[-1].Loss | Should -BeLessThan ($sigmoid[-1].Loss / 2)
        }

        It 'shows the sigmoid network''s front layer hardly moving' {
            $first = $sigmoid | Where-Object Epoch -EQ 1
            $first[0].RelativeUpdate | Should -BeLessThan ($first[-1].RelativeUpdate * 1e-4)
        }

        It 'is reproducible' {
            (Invoke-TrainingExperiment Sigmoid -Epochs 60).Loss | Should -Be $sigmoid.Loss
        }
    }

    It 'labels every configuration: activations, initializers, remedies and depths' {
        $rows = Invoke-TrainingExperiment Sigmoid, Tanh -Depth 3, 4 -Remedy None, BatchNorm -Epochs 2
        $rows.Count | Should -Be (2 * 2 * (4 + 5) * 2)
        ($rows | Select-Object Activation, Remedy, Depth -Unique).Count | Should -Be 8
    }

    It 'takes activation names from the pipeline' {
        $rows = 'Sigmoid', 'ReLU' | Invoke-TrainingExperiment -Depth 3 -Epochs 1
        $rows.Activation | Sort-Object -Unique | Should -Be @('ReLU', 'Sigmoid')
    }

    It 'takes the Name of piped objects, such as Get-Activation -List rows' {
        $rows = Get-Activation -List | Where-Object Name -In 'Tanh', 'ReLU' | Invoke-TrainingExperiment -Depth 3 -Epochs 1
        $rows.Activation | Sort-Object -Unique | Should -Be @('ReLU', 'Tanh')
    }

    It 'continues a generator: the task once, then every configuration''s weights' {
        $g = New-RandomGenerator -Seed 42
        $first = Invoke-TrainingExperiment Sigmoid -Generator $g -Epochs 1
        $seeded = Invoke-TrainingExperiment Sigmoid -Seed 42 -Epochs 1
        $first.Loss | Should -Be $seeded.Loss
        $g.NormalsDrawn | Should -BeGreaterThan 640
    }

    It 'round-trips TrainingStatistics through CSV' {
        Assert-CsvRoundTrip -Record (Invoke-TrainingExperiment -Depth 3 -Epochs 2) -Path (Join-Path $TestDrive 'training.csv')
    }

    It 'stops early without an error when the pipeline is stopped' {
        $rows = Invoke-TrainingExperiment -Epochs 1000000 | Select-Object -First 3
        $rows.Count | Should -Be 3
    }

    Context 'errors' {
        It 'rejects a learning rate that is not positive' {
            { Invoke-TrainingExperiment -LearningRate 0 } |
                Should -Throw -ErrorId 'InvokeTrainingExperimentInvalidConfiguration,VanishingGradients.PowerShell.InvokeTrainingExperimentCommand'
        }

        It 'rejects momentum of 1' {
            { Invoke-TrainingExperiment -Momentum 1 } |
                Should -Throw -ErrorId 'InvokeTrainingExperimentInvalidConfiguration,VanishingGradients.PowerShell.InvokeTrainingExperimentCommand'
        }

        It 'refuses batch normalisation with a last batch of one sample' {
            { Invoke-TrainingExperiment -BatchNorm -Samples 33 -BatchSize 16 } |
                Should -Throw -ErrorId 'InvokeTrainingExperimentInvalidConfiguration,VanishingGradients.PowerShell.InvokeTrainingExperimentCommand'
        }

        It 'reports an unknown activation and trains the others' {
            $rows = Invoke-TrainingExperiment Sigmiod, Tanh -Depth 3 -Epochs 1 -ErrorVariable bad -ErrorAction SilentlyContinue
            $bad[0].FullyQualifiedErrorId | Should -Be 'InvokeTrainingExperimentUnknownName,VanishingGradients.PowerShell.InvokeTrainingExperimentCommand'
            $rows.Activation | Sort-Object -Unique | Should -Be 'Tanh'
        }

        It 'reports a diverging configuration and goes on with the next' {
            $rows = Invoke-TrainingExperiment ReLU, Tanh -Initializer StandardNormal -LearningRate 5 -Momentum 0.99 -Epochs 20 -ErrorVariable bad -ErrorAction SilentlyContinue
            $bad.FullyQualifiedErrorId | Should -Contain 'InvokeTrainingExperimentDiverged,VanishingGradients.PowerShell.InvokeTrainingExperimentCommand'
            $rows | Where-Object { [double]::IsNaN($_.Loss) -or [double]::IsNaN($_.RelativeUpdate) } | Should -BeNullOrEmpty
        }
    }
}
