<#
.SYNOPSIS
    Walks through labs 1-5 of the course and prints the numbers each lab prints.
.DESCRIPTION
    Imports the module built at artifacts/module/VanishingGradients unless it is already loaded. From the repository
    root, with the pwsh of the tool manifest:
        dotnet tool restore && dotnet build && dotnet pwsh -NoProfile -File examples/labs.ps1
#>
[CmdletBinding()]
param(
    # The input where the tangent of lab 2 is drawn (the lab tries 0, then 2).
    [double] $TangentAt = 2.0
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Command Get-Activation -ErrorAction SilentlyContinue)) {
    Import-Module (Join-Path $PSScriptRoot '../artifacts/module/VanishingGradients/VanishingGradients.psd1')
}

function Write-Heading([string] $Text) { '', $Text, ('=' * $Text.Length) }
function Get-Max([double[]] $Values) { [System.Linq.Enumerable]::Max($Values) }
function Get-Min([double[]] $Values) { [System.Linq.Enumerable]::Min($Values) }

# ---------------------------------------------------------------- 1. activation functions
Write-Heading '1. Activation functions and their derivatives'
Get-Activation -List | Out-Default

$sigmoid = Get-Activation -Name Sigmoid -Start -5 -End 5 -Count 100
'100 points on [-5, 5]:'
'  max x {0:N1}, min x {1:N1}' -f (Get-Max $sigmoid.Input), (Get-Min $sigmoid.Input)
'  max sigmoid {0:N3}, min sigmoid {1:N3}' -f (Get-Max $sigmoid.Value), (Get-Min $sigmoid.Value)
'  max sigmoid gradient {0:N3}, min sigmoid gradient {1:N3}' -f (Get-Max $sigmoid.Derivative), (Get-Min $sigmoid.Derivative)

$wide = Get-Activation -Name Sigmoid, ReLU -Start -10 -End 10 -Count 400
foreach ($name in 'Sigmoid', 'ReLU') {
    $d = ($wide | Where-Object Name -EQ $name).Derivative
    '400 points on [-10, 10]: {0,-7} gradient ranges over [{1:N4}, {2:N4}]' -f $name, (Get-Min $d), (Get-Max $d)
}
$practice = Get-Activation -Name Tanh, ReLU -Start -5 -End 5 -Count 100
foreach ($name in 'Tanh', 'ReLU') {
    $d = ($practice | Where-Object Name -EQ $name).Derivative
    '100 points on [-5, 5]:  {0,-7} gradient ranges over [{1:N4}, {2:N4}]' -f $name, (Get-Min $d), (Get-Max $d)
}

'Identities at x = -2, 0.5, 3:'
foreach ($x in -2, 0.5, 3) {
    $t = Get-Activation -Name Tanh -Input $x
    $s = Get-Activation -Name Sigmoid -Input (2 * $x)
    '  tanh({0,4}) = {1,10:N7}   2*sigmoid(2x)-1 = {2,10:N7}   tanh''(x) = {3:N7}   4*sigmoid''(2x) = {4:N7}' -f `
        $x, $t.Value, (2 * $s.Value - 1), $t.Derivative, (4 * $s.Derivative)
}

$p = [VanishingGradients.Softmax]::Evaluate([double[]](2.0, 1.0, 0.1))
'Softmax of (2, 1, 0.1): {0}; the outputs sum to {1}' -f (($p | ForEach-Object { '{0:N4}' -f $_ }) -join ', '), [System.Linq.Enumerable]::Sum($p)

# ---------------------------------------------------------------- 2. tangent line
Write-Heading '2. Tangent line of sigmoid'
foreach ($x0 in 0, $TangentAt) {
    $p = Get-Activation -Name Sigmoid -Input $x0
    'x_tan = {0}: sigmoid = {1:N4}, slope = {2:N4}; line over [{3}, {4}]: y = {1:N4} + {2:N4}(x - {0})' -f `
        $x0, $p.Value, $p.Derivative, ($x0 - 1.7), ($x0 + 1.7)
}

# ---------------------------------------------------------------- 3. products of small numbers
Write-Heading '3. Multiplying small numbers: gradient decay'
Measure-GradientDecay -Name Sigmoid -Input 0 -Steps 6 | Out-Default
'A larger |x| decays faster (x = 2):'
Measure-GradientDecay -Name Sigmoid -Input 2 -Steps 6 | Out-Default
'The attenuation bound (max f'')^k:'
Measure-GradientDecay -Name Sigmoid, Tanh, ReLU -Bound -Steps 1, 3, 5, 10, 20 | Out-Default

# ---------------------------------------------------------------- 4. scaled input
Write-Heading '4. Vanishing gradient from a scaled input: f(x) = sigmoid(-r*x) at x = 1'
$r = (Get-Activation -Name Identity -Start 0.5 -End 9 -Count 1000).Input
$sweep = Measure-GradientDecay -Name Sigmoid -Input 1 -Gain ($r | ForEach-Object { -$_ })
$sweep | Where-Object { $_.Gain -in -0.5, -9 -or [math]::Abs(($_.Gain * 4) % 4) -lt 0.0043 } | Out-Default
'Zoom on r in [7, 9]: |f''(1)| falls from {0:E3} to {1:E3}' -f `
    [math]::Abs(($sweep | Where-Object { $_.Gain -le -7 })[0].Derivative), [math]::Abs($sweep[-1].Derivative)

# ---------------------------------------------------------------- 5. depth experiment
Write-Heading '5. Depth experiment: gradient norms layer by layer'
'Sigmoid and ReLU at depths 3, 5, 10, 20 (10 features, hidden 20, seed 42), first and last layer:'
Invoke-DepthExperiment -Activation Sigmoid, ReLU -Depth 3, 5, 10, 20 -Features 10 -Hidden 20 -Seed 42 -Summary | Out-Default

'Depth 10, 8 features, hidden 15, seed 42: every layer'
$ten = Invoke-DepthExperiment -Activation Sigmoid, ReLU -Depth 10 -Features 8 -Hidden 15 -Seed 42
$ten | Out-Default
foreach ($name in 'Sigmoid', 'ReLU') {
    $rows = $ten | Where-Object Activation -EQ $name
    $ratio = if ($rows[-1].GradientNorm -eq 0) { 'undefined (the output unit is inactive: every gradient is 0)' }
             else { '{0:E3}' -f ($rows[0].GradientNorm / $rows[-1].GradientNorm) }
    '{0,-7} layer 1: {1:E3}   layer {2}: {3:E3}   ratio first/last: {4}' -f `
        $name, $rows[0].GradientNorm, $rows[-1].Layer, $rows[-1].GradientNorm, $ratio
}
'Over 200 networks (seed 42, trials 0-199), the median first/last ratio:'
foreach ($name in 'Sigmoid', 'ReLU') {
    $ratios = [double[]](Invoke-DepthExperiment -Activation $name -Depth 10 -Features 8 -Hidden 15 -Seed 42 -Trials 200 -Summary |
        Where-Object { $null -ne $_.Ratio } | ForEach-Object Ratio)
    [array]::Sort($ratios)
    '  {0,-7} {1:E3}  ({2} of 200 networks with a live output unit)' -f $name, $ratios[[int][math]::Floor($ratios.Length / 2)], $ratios.Length
}

'With a linear output unit every network has a gradient; ReLU keeps its order of magnitude, sigmoid does not:'
Invoke-DepthExperiment -Activation Sigmoid, ReLU -Depth 10 -Features 8 -Hidden 15 -Seed 42 -LinearOutput -Summary | Out-Default

'The exercise: Sigmoid, Tanh, ReLU, LeakyReLU and ELU on the same networks (depth 10, 8 features, hidden 15, seed 42):'
Invoke-DepthExperiment -Activation Sigmoid, Tanh, ReLU, LeakyReLU, ELU -Depth 10 -Features 8 -Hidden 15 -Seed 42 -Summary | Out-Default

'Theoretical maximum attenuation of a 10-layer tanh network:'
Measure-GradientDecay -Name Tanh -Bound -Steps 10, 10 | Out-Default

'Initialisation: spread of activations per layer (tanh, depth 20, hidden 20; layers 1, 5, 10, 15, 20):'
foreach ($init in 'Xavier', 'He', 'StandardNormal') {
    $stats = Invoke-DepthExperiment -Activation Tanh -Initializer $init -Depth 20 -Features 20 -Hidden 20 -BatchSize 64 -Seed 42 |
        Where-Object Layer -In 1, 5, 10, 15, 20
    '  {0,-15} std: {1}' -f $init, (($stats | ForEach-Object { '{0:N3}' -f $_.ActivationStd }) -join '  ')
}

'Remedy: residual connections keep the sigmoid gradient alive (depth 20, seed 42):'
Invoke-DepthExperiment -Activation Sigmoid -Depth 20 -Seed 42 -Summary | Out-Default
Invoke-DepthExperiment -Activation Sigmoid -Depth 20 -Seed 42 -Summary -Residual | Out-Default
