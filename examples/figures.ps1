<#
.SYNOPSIS
    Renders every figure of the labs with Export-GradientChart, then checks each image file.
.DESCRIPTION
    Each figure is one pipeline: a cmdlet computes the lab's numbers, Export-GradientChart draws them, 1600 pixels
    wide or more (scale 2), fit for a projector. Runs in pwsh
    with the module imported (the one built at artifacts/module/VanishingGradients unless one is loaded already):
        dotnet pwsh -NoProfile -File examples/figures.ps1 [-OutputFolder <folder>]
    Existing figures are overwritten. examples/labs.ps1 prints the numbers of the same experiments.
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

# Lab 004: ReLU and PReLU as its numpy cells draw them (a = 0.05, arange(-6, 6, 0.01)) and torch.nn.PReLU's default
# a = 0.25, all with that lab's f'(0) = 1 (its test is v >= 0; this module's default is f'(0) = 0); then the
# arange(-4, 4, 0.01) grid.
$lab004 = @{ Start = -6; End = 6; Step = 0.01; DerivativeAtZero = 'Right' }
@(
    Get-Activation -Name ReLU @lab004
    Get-Activation -Name PReLU -Alpha 0.05 @lab004
    Get-Activation -Name PReLU -Alpha 0.25 @lab004
) | Export-GradientChart -Path (Out-Figure 'lab004-prelu.png') -Layout Grid -Force `
    -Title "Lab 004: ReLU and PReLU on arange(-6, 6, 0.01), with f′(0) = 1 (v >= 0)"
@(
    Get-Activation -Name ReLU -Start -4 -End 4 -Step 0.01 -DerivativeAtZero Right
    Get-Activation -Name PReLU -Alpha 0.05 -Start -4 -End 4 -Step 0.01 -DerivativeAtZero Right
) | Export-GradientChart -Path (Out-Figure 'lab004-prelu-4.png') -Layout Grid -Force `
    -Title "Lab 004: ReLU and PReLU (a = 0.05) on arange(-4, 4, 0.01), with f′(0) = 1 (v >= 0)"

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

# ---------------------------------------------------------------- lab 4: the scaled input f(x) = sigmoid(-r*x)
# f(r) = sigmoid(-r) and f'(r) = -r*sigmoid(-r)*(1 - sigmoid(-r)) at x = 1: negative gains -r, for r over the lab's
# linspace(0.5, 9, 1000) and then linspace(7, 9, 1000) (Identity returns its inputs, so it builds the grid).
foreach ($grid in @(@{ Start = 0.5; Name = 'scaled-input.png' }, @{ Start = 7; Name = 'scaled-input-zoom.png' })) {
    $r = (Get-Activation -Name Identity -Start $grid.Start -End 9 -Count 1000).Input
    Measure-GradientDecay -Name Sigmoid -Input 1 -Gain ($r | ForEach-Object { -$_ }) |
        Export-GradientChart -Path (Out-Figure $grid.Name) -Force
}

# ---------------------------------------------------------------- lab 5: depth experiment
# The first depth cell draw for draw (labs.ps1 prints its numbers): one stream seeded with 42 gives x, y, then the
# sigmoid networks of depths 3, 5, 10, 20 and the ReLU networks of the same depths.
$stream = New-RandomGenerator -Seed 42
$x = $stream.Randn(10, 1)
$y = $stream.Randn(1, 1)
Invoke-DepthExperiment -Generator $stream -Input $x -Target $y -Activation Sigmoid, ReLU -Depth 3, 5, 10, 20 |
    Export-GradientChart -Path (Out-Figure 'depth.png') -Force
# The second depth cell: seed 42 again before each run, weights first, then x and y; bars, one network per panel.
@(foreach ($name in 'Sigmoid', 'ReLU') { Invoke-DepthExperiment -Activation $name -Depth 10 -Features 8 -Hidden 15 -Generator (New-RandomGenerator -Seed 42) }) |
    Export-GradientChart -Path (Out-Figure 'depth10-bars.png') -Force
# With -Seed each network is seeded on its own (weights, then x, then y): the second cell's order, not the first's.
# A linear output unit shows the hidden layers of networks whose ReLU output unit is inactive.
Invoke-DepthExperiment -Activation Sigmoid, ReLU -Depth 3, 5, 10, 20 -Features 10 -Hidden 20 -Seed 42 -LinearOutput |
    Export-GradientChart -Path (Out-Figure 'depth-linear-output.png') -Title 'Gradient norm per layer, linear output unit, each network seeded with 42' -Force
Invoke-DepthExperiment -Activation Sigmoid, ReLU -Depth 10 -Features 8 -Hidden 15 -Seed 42 -LinearOutput |
    Export-GradientChart -Path (Out-Figure 'depth10-bars-linear-output.png') -Title 'Gradient norm per layer, depth 10, linear output unit' -Force

# The networks of labs.ps1's initialisation table: a batch of 64, so each layer's statistics are over 64 x 20 values.
Invoke-DepthExperiment -Activation Sigmoid, ReLU -Initializer Xavier, He, StandardNormal -Depth 10, 20, 50 -Features 10 -Hidden 20 -BatchSize 64 -Seed 42 |
    Export-GradientChart -Path (Out-Figure 'initialisation.png') -Kind ActivationStatistics -Force

# The networks of labs.ps1's remedies table, on one axis.
@(
    Invoke-DepthExperiment -Activation Sigmoid -Remedy None, Residual, BatchNorm -Depth 20 -BatchSize 32 -LinearOutput -Seed 42
    Invoke-DepthExperiment -Activation Tanh -Depth 20 -BatchSize 32 -LinearOutput -Seed 42
    Invoke-DepthExperiment -Activation ReLU, LeakyReLU, ELU -Initializer He -Depth 20 -BatchSize 32 -LinearOutput -Seed 42
) | Export-GradientChart -Path (Out-Figure 'remedies.png') -Layout Overlay -Force `
    -Title 'Remedies: gradient norm per layer, 20 hidden layers, batch of 32, linear output unit'

# ---------------------------------------------------------------- training
# The runs of labs.ps1's training table: loss curves on one axis, then how far every layer moves per epoch.
$training = @(
    Invoke-TrainingExperiment Sigmoid
    Invoke-TrainingExperiment ReLU -Initializer He
    Invoke-TrainingExperiment Sigmoid -Remedy Residual, BatchNorm
)
$training | Export-GradientChart -Path (Out-Figure 'training-loss.png') -Force
$training | Export-GradientChart -Path (Out-Figure 'training-updates.png') -Kind LayerUpdate -Force

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
        '{0,-32} {1,5} x {2,-5} {3,8:N0} bytes  {4}' -f $name, $width, $height, $bytes.Length, $(if ($ok) { 'ok' } else { 'BLANK?' })
    }
    else {
        $text = [System.Text.Encoding]::UTF8.GetString($bytes)
        $ok = $text.Contains('</svg>') -and $text.Contains('<text')
        '{0,-32} {1,13} {2,8:N0} bytes  {3}' -f $name, 'svg', $bytes.Length, $(if ($ok) { 'ok' } else { 'BROKEN?' })
    }
    if (-not $ok) { $bad++ }
}
if ($bad -gt 0) { throw "$bad figure(s) look blank or broken in $folder." }
"All figures are in $folder."
