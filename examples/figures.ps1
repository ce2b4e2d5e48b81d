<#
.SYNOPSIS
    Renders every figure of the labs with Export-GradientChart, then checks each image file.
.DESCRIPTION
    Each figure is one pipeline: a cmdlet computes the lab's numbers, Export-GradientChart draws them. Runs in pwsh
    with the module imported (the one built at artifacts/module/VanishingGradients unless one is loaded already):
        dotnet pwsh -NoProfile -File examples/figures.ps1 [-OutputFolder <folder>]
    Existing figures are overwritten.
.PARAMETER OutputFolder
    Where the images go; created when missing.
#>
[CmdletBinding()]
param(
    [string] $OutputFolder = './artifacts/figures'
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Command Export-GradientChart -ErrorAction SilentlyContinue)) {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, '..', 'artifacts', 'module', 'VanishingGradients', 'VanishingGradients.psd1'))
}
$folder = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputFolder)
$null = [System.IO.Directory]::CreateDirectory($folder)
function Out-Figure([string] $Name) { [System.IO.Path]::Combine($folder, $Name) }

# ---------------------------------------------------------------- lab 1: activations and their derivatives
Get-Activation -Name Sigmoid -Start -5 -End 5 -Count 100 |
    Export-GradientChart -Path (Out-Figure 'sigmoid.png') -Force

# How the sigmoid compresses [-5, 5]: x, sigmoid(x) and its gradient in three panels, then on one axis.
Get-Activation -Name Sigmoid -Start -5 -End 5 -Count 100 |
    Export-GradientChart -Path (Out-Figure 'compression.png') -Kind Compression -Force
Get-Activation -Name Sigmoid -Start -5 -End 5 -Count 100 |
    Export-GradientChart -Path (Out-Figure 'compression-overlay.png') -Kind Compression -Layout Overlay -Force

Get-Activation -Name Sigmoid, ReLU -Start -10 -End 10 -Count 400 |
    Export-GradientChart -Path (Out-Figure 'sigmoid-relu.png') -Layout Grid -Force
Get-Activation -Name Tanh, ReLU -Start -5 -End 5 -Count 100 |
    Export-GradientChart -Path (Out-Figure 'tanh-relu.png') -Force

$six = Get-Activation -Name Sigmoid, Tanh, ReLU, LeakyReLU, ELU, GELU -Start -5 -End 5 -Count 400
$six | Export-GradientChart -Path (Out-Figure 'activations-grid.png') -Layout Grid -Force
$six | Export-GradientChart -Path (Out-Figure 'activations-overlay.png') -Force
$six | Export-GradientChart -Path (Out-Figure 'derivatives-overlay.png') -Curve Derivative -Force

# ---------------------------------------------------------------- lab 2: the tangent line at x_tan
Get-Activation -Name Sigmoid -Start -5 -End 5 -Count 100 |
    Export-GradientChart -Path (Out-Figure 'tangent.png') -TangentAt 2 -Force

# ---------------------------------------------------------------- lab 3: multiplying small numbers
Measure-GradientDecay -Name Sigmoid -Input 0, 2 -Steps 20 |
    Export-GradientChart -Path (Out-Figure 'decay.png') -Force
Measure-GradientDecay -Name Sigmoid -Input 0, 2 -Steps 20 |
    Export-GradientChart -Path (Out-Figure 'decay.svg') -Force
Measure-GradientDecay -Name Sigmoid, Tanh, ReLU -Bound -Steps 20 |
    Export-GradientChart -Path (Out-Figure 'bound.png') -Force

# ---------------------------------------------------------------- lab 4: the scaled input
# 1000 gains on [0.5, 9] (Identity returns its inputs), then the lab's zoom into [7, 9].
$gains = (Get-Activation -Name Identity -Start 0.5 -End 9 -Count 1000).Input
Measure-GradientDecay -Name Sigmoid -Input 1 -Gain $gains |
    Export-GradientChart -Path (Out-Figure 'scaled-input.png') -Force
Measure-GradientDecay -Name Sigmoid -Input 1 -Gain ($gains | Where-Object { $_ -ge 7 }) |
    Export-GradientChart -Path (Out-Figure 'scaled-input-zoom.png') -Title 'Derivative of Sigmoid(r·x) at x = 1, zoomed into r in [7, 9]' -Force

# ---------------------------------------------------------------- lab 5: depth experiment
Invoke-DepthExperiment -Activation Sigmoid, ReLU -Depth 3, 5, 10, 20 -Features 10 -Hidden 20 |
    Export-GradientChart -Path (Out-Figure 'depth.png') -Force
Invoke-DepthExperiment -Activation Sigmoid, ReLU -Depth 10 -Features 8 -Hidden 15 -Seed 42 |
    Export-GradientChart -Path (Out-Figure 'depth10-bars.png') -Force
# The labs' ReLU output unit is inactive for seed 42 (every gradient 0); a linear output shows the hidden layers.
Invoke-DepthExperiment -Activation Sigmoid, ReLU -Depth 3, 5, 10, 20 -Features 10 -Hidden 20 -LinearOutput |
    Export-GradientChart -Path (Out-Figure 'depth-linear-output.png') -Title 'Gradient norm per layer, linear output unit' -Force
Invoke-DepthExperiment -Activation Sigmoid, ReLU -Depth 10 -Features 8 -Hidden 15 -Seed 42 -LinearOutput |
    Export-GradientChart -Path (Out-Figure 'depth10-bars-linear-output.png') -Title 'Gradient norm per layer, depth 10, linear output unit' -Force
Invoke-DepthExperiment -Initializer Xavier, He, StandardNormal -Depth 10, 20, 50 |
    Export-GradientChart -Path (Out-Figure 'initialisation.png') -Kind ActivationStatistics -Force

# ---------------------------------------------------------------- check what was written
# A PNG's width and height are the two big-endian integers at bytes 16-23 (the IHDR chunk). A chart that drew
# nothing compresses to a few kilobytes of white, so a small file means a blank image.
$bad = 0
$files = [System.IO.Directory]::GetFiles($folder)
[System.Array]::Sort($files)
foreach ($file in $files) {
    $bytes = [System.IO.File]::ReadAllBytes($file)
    $name = [System.IO.Path]::GetFileName($file)
    if ($name.EndsWith('.png')) {
        $width = [System.Buffers.Binary.BinaryPrimitives]::ReadInt32BigEndian([byte[]] $bytes[16..19])
        $height = [System.Buffers.Binary.BinaryPrimitives]::ReadInt32BigEndian([byte[]] $bytes[20..23])
        $ok = $bytes.Length -gt 10KB -and $bytes[1] -eq 0x50
        '{0,-26} {1,5} x {2,-5} {3,8:N0} bytes  {4}' -f $name, $width, $height, $bytes.Length, $(if ($ok) { 'ok' } else { 'BLANK?' })
    }
    else {
        $text = [System.Text.Encoding]::UTF8.GetString($bytes)
        $ok = $text.Contains('</svg>') -and $text.Contains('<text')
        '{0,-26} {1,13} {2,8:N0} bytes  {3}' -f $name, 'svg', $bytes.Length, $(if ($ok) { 'ok' } else { 'BROKEN?' })
    }
    if (-not $ok) { $bad++ }
}
if ($bad -gt 0) { throw "$bad figure(s) look blank or broken in $folder." }
"All figures are in $folder."
