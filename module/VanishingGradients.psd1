@{
    # The build writes the version from Directory.Build.props (VersionPrefix) in place of the token below.
    RootModule           = 'VanishingGradients.PowerShell.dll'
    ModuleVersion        = '@VERSION@'
    GUID                 = '5d0f1c52-7f0e-4b9e-9a59-3c1f6a0e2b71'
    Author               = 'VanishingGradients developers'
    CompanyName          = 'VanishingGradients'
    Copyright            = '(c) VanishingGradients developers. MIT licence.'
    Description          = 'Activation functions, their derivatives and the vanishing-gradient problem, from the shell: activation curves, gradient decay, depth experiments, charts, and a course kit.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('VanishingGradients.Format.ps1xml')
    CmdletsToExport      = @('Get-Activation', 'Measure-GradientDecay', 'Invoke-DepthExperiment', 'Invoke-TrainingExperiment', 'New-RandomGenerator', 'Export-GradientChart', 'Show-GradientChart', 'Invoke-ExerciseGrader')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('MachineLearning', 'NeuralNetworks', 'Activation', 'Gradient', 'Education', 'Linux', 'Windows', 'MacOS')
            # No ProjectUri or LicenseUri: the project has no public address yet; LICENSE and ThirdPartyNotices.txt ship in the module.
            ReleaseNotes = 'First release: Get-Activation, Measure-GradientDecay, Invoke-DepthExperiment, Invoke-TrainingExperiment (SGD and momentum on deep networks, checked against numpy), New-RandomGenerator, Export-GradientChart, Show-GradientChart, Invoke-ExerciseGrader.'
        }
    }
}
