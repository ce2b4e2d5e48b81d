# Importing the module and finding one's way around it: manifest, exported commands, formats, help, completion.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'The VanishingGradients module' {
    It 'imports without warnings' {
        Import-Module $ModuleManifest -Force -WarningVariable warnings
        $warnings | Should-BeCollection -Count 0
    }

    It 'has a valid manifest with Gallery metadata' {
        $manifest = Test-ModuleManifest -Path $ModuleManifest
        $manifest.Version | Should-BeGreaterThan ([version] '0.0')
        $manifest.CompatiblePSEditions | Should-ContainCollection 'Core'
        $manifest.PrivateData.PSData.Tags | Should-ContainCollection 'MachineLearning'
        # No address that points at nothing: the URIs come back only when the project has a public home.
        $manifest.PrivateData.PSData.ContainsKey('ProjectUri') | Should-BeFalse
        $manifest.PrivateData.PSData.ContainsKey('LicenseUri') | Should-BeFalse
        foreach ($cmdlet in $manifest.ExportedCmdlets.Keys) {
            $manifest.PrivateData.PSData.ReleaseNotes | Should-BeLikeString "*$cmdlet*"
        }
    }

    It 'exports the lab cmdlets' {
        $commands = (Get-Command -Module VanishingGradients).Name
        $commands | Should-ContainCollection 'Get-Activation'
        $commands | Should-ContainCollection 'Measure-GradientDecay'
        $commands | Should-ContainCollection 'Invoke-DepthExperiment'
    }

    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb
        foreach ($command in Get-Command -Module VanishingGradients) {
            $approved | Should-ContainCollection $command.Verb -Because "$($command.Name) should use an approved verb"
        }
    }

    It 'declares an output type for every cmdlet' {
        foreach ($command in Get-Command -Module VanishingGradients) {
            @($command.OutputType).Count | Should-BeGreaterThan 0 -Because "$($command.Name) should declare [OutputType]"
        }
    }
}

Describe 'Help' {
    BeforeDiscovery {
        $cmdlets = @('Get-Activation', 'Measure-GradientDecay', 'Invoke-DepthExperiment') | ForEach-Object { @{ Command = $_ } }
    }

    It 'has at least two examples for <Command>' -ForEach $cmdlets {
        @((Get-Help $Command -Examples).examples.example).Count | Should-BeGreaterThanOrEqual 2
    }

    It 'describes every parameter of <Command>' -ForEach $cmdlets {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        foreach ($name in (Get-Command $Command).Parameters.Keys | Where-Object { $_ -notin $common }) {
            (Get-Help $Command -Parameter $name).description.Text -join '' | Should-NotBeWhiteSpaceString -Because "-$name needs help text"
        }
    }

    It 'finds the about topic' {
        $topic = Get-Help about_VanishingGradients
        $topic.Category | Should-Be 'HelpFile'
    }
}

Describe 'Tab completion' {
    It 'completes activation names' {
        $line = 'Get-Activation -Name Si'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Be @('Sigmoid', 'SiLU')
    }

    It 'completes initializer names' {
        $line = 'Invoke-DepthExperiment -Initializer He'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should-ContainCollection 'He'
        $completions | Should-ContainCollection 'HeUniform'
    }
}

Describe 'Default views' {
    It 'formats <Command> as a table without error' -ForEach @(
        @{ Command = 'Get-Activation -Count 3' }
        @{ Command = 'Get-Activation -List' }
        @{ Command = 'Measure-GradientDecay' }
        @{ Command = 'Measure-GradientDecay -Bound -Steps 3' }
        @{ Command = 'Measure-GradientDecay -Gain -1, -2' }
        @{ Command = 'Invoke-DepthExperiment -Depth 3' }
        @{ Command = 'Invoke-DepthExperiment -Depth 3 -Summary' }
    ) {
        $output = & ([scriptblock]::Create($Command)) 2>&1
        $output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object ToString |
            Should-BeCollection -Count 0
        $text = $output | Out-String -Width 120
        # A table view: a header line, a line of dashes under it, then rows.
        $text | Should-MatchString '(?m)^-+( +-+)+\s*$'
    }
}
