<#
.SYNOPSIS
    Walks through labs 1-5 of the course and prints the numbers each lab prints.
.DESCRIPTION
    Imports the module built at artifacts/module/VanishingGradients unless it is already loaded. From the repository
    root, with the pwsh of the tool manifest:
        dotnet tool restore && dotnet build && dotnet pwsh -NoProfile -File examples/labs.ps1
    Every number goes through one formatter, so the output has one exponent style (9.537e-07) and no binary noise
    (0.3, not 0.30000000000000004). examples/figures.ps1 draws the same experiments with the same parameters.
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
# Escape sequences are for terminals; a redirected transcript gets plain text.
if ($PSStyle -and [Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }

$invariant = [System.Globalization.CultureInfo]::InvariantCulture

# A number as the labs print it: $Digits significant digits (0: as many as the double needs), exponents as e-07.
function Format-Number([double] $Value, [int] $Digits = 4) {
    if ($Value -eq 0) { return '0' }
    $text = if ($Digits -le 0) { $Value.ToString('R', $invariant) } else { $Value.ToString("G$Digits", $invariant) }
    $text.Replace('E', 'e')
}

# Rows (ordered dictionaries of text) as an aligned table: columns as wide as their widest cell, nothing cut off.
# Columns whose cells all look like numbers are right-aligned.
function Write-Table([System.Collections.Specialized.OrderedDictionary[]] $Rows, [string] $Indent = '  ') {
    $names = @($Rows[0].Keys)
    $width = @{}; $numeric = @{}
    foreach ($n in $names) {
        $width[$n] = Get-Max (@($n.Length) + @($Rows | ForEach-Object { "$($_[$n])".Length }))
        $numeric[$n] = -not ($Rows | Where-Object { "$($_[$n])" -notmatch '^-?[\d.]+(e[+-]\d+)?$' })
    }
    $cell = { param($n, $text) if ($numeric[$n]) { $text.PadLeft($width[$n]) } else { $text.PadRight($width[$n]) } }
    $Indent + (($names | ForEach-Object { & $cell $_ $_ }) -join '  ').TrimEnd()
    $Indent + (($names | ForEach-Object { '-' * $width[$_] }) -join '  ')
    foreach ($row in $Rows) { $Indent + (($names | ForEach-Object { & $cell $_ "$($row[$_])" }) -join '  ').TrimEnd() }
}

function Write-Heading([string] $Text) { '', $Text, ('=' * $Text.Length) }
function Get-Max([double[]] $Values) { [System.Linq.Enumerable]::Max($Values) }
function Get-Min([double[]] $Values) { [System.Linq.Enumerable]::Min($Values) }

# The ratio of the first to the last layer's gradient norm, or why there is none.
function Format-Ratio($Summary) {
    if ($null -ne $Summary.Ratio) { return Format-Number $Summary.Ratio }
    if ($Summary.LastLayerNorm -eq 0) { return 'undefined: the output unit is inactive, every gradient is 0' }
    'undefined'
}

# One table row per network summary (Invoke-DepthExperiment -Summary).
function ConvertTo-SummaryRow($Summary, [switch] $Remedy) {
    $row = [ordered]@{ Activation = $Summary.Activation; Initializer = $Summary.Initializer }
    if ($Remedy) { $row['Structural remedy'] = $Summary.Remedy }
    $row.Depth = $Summary.Depth
    $row['Layer 1 norm'] = Format-Number $Summary.FirstLayerNorm
    $row['Last layer norm'] = Format-Number $Summary.LastLayerNorm
    $row['Ratio first/last'] = Format-Ratio $Summary
    $row
}

# ---------------------------------------------------------------- 1. activation functions
Write-Heading '1. Activation functions and their derivatives'
Write-Table @(Get-Activation -List | ForEach-Object {
        [ordered]@{
            Name = $_.Name; 'f(x)' = $_.Formula; "f'(x)" = $_.DerivativeFormula; Range = $_.Range
            "max |f'|" = Format-Number $_.MaxDerivative; 'Zero-centred' = "$($_.ZeroCentred)"; Saturates = "$($_.Saturates)"; Introduced = $_.Introduced
        }
    })

$sigmoid = Get-Activation -Name Sigmoid -Start -5 -End 5 -Count 100
''
'100 points on [-5, 5]:'
'  max x {0:N1}, min x {1:N1}' -f (Get-Max $sigmoid.Input), (Get-Min $sigmoid.Input)
'  max sigmoid {0:N3}, min sigmoid {1:N3}' -f (Get-Max $sigmoid.Value), (Get-Min $sigmoid.Value)
'  max sigmoid gradient {0:N3}, min sigmoid gradient {1:N3}' -f (Get-Max $sigmoid.Derivative), (Get-Min $sigmoid.Derivative)

$wide = Get-Activation -Name Sigmoid, ReLU -Start -10 -End 10 -Count 400
$practice = Get-Activation -Name Tanh, ReLU -Start -5 -End 5 -Count 100
''
'Gradient ranges on the labs'' grids:'
Write-Table @(
    foreach ($grid in @(@{ Text = '400 points on [-10, 10]'; Rows = $wide; Names = 'Sigmoid', 'ReLU' }, @{ Text = '100 points on [-5, 5]'; Rows = $practice; Names = 'Tanh', 'ReLU' })) {
        foreach ($name in $grid.Names) {
            $d = ($grid.Rows | Where-Object Name -EQ $name).Derivative
            [ordered]@{ Grid = $grid.Text; Activation = $name; "min f'" = Format-Number (Get-Min $d); "max f'" = Format-Number (Get-Max $d) }
        }
    })

''
'Identities: tanh(x) = 2*sigmoid(2x) - 1, hence tanh''(x) = 4*sigmoid''(2x):'
Write-Table @(foreach ($x in -2, 0.5, 3) {
        $t = Get-Activation -Name Tanh -Input $x
        $s = Get-Activation -Name Sigmoid -Input (2 * $x)
        [ordered]@{
            x = Format-Number $x; 'tanh(x)' = $t.Value.ToString('F7', $invariant); '2*sigmoid(2x)-1' = (2 * $s.Value - 1).ToString('F7', $invariant)
            "tanh'(x)" = $t.Derivative.ToString('F7', $invariant); "4*sigmoid'(2x)" = (4 * $s.Derivative).ToString('F7', $invariant)
        }
    })

$p = [VanishingGradients.Softmax]::Evaluate([double[]](2.0, 1.0, 0.1))
''
'Softmax of (2, 1, 0.1): {0}; the outputs sum to {1}' -f (($p | ForEach-Object { $_.ToString('F4', $invariant) }) -join ', '), (Format-Number ([System.Linq.Enumerable]::Sum($p)))

# Lab 004 takes ReLU'(0) = PReLU'(0) = 1 (its test is v >= 0); this module's default is the other one-sided slope, 0.
''
'Lab 004''s rectifiers: ReLU and PReLU (a = 0.05 in its numpy cells, torch''s default a = 0.25 in torch.nn.PReLU).'
'NOTE: lab 004 takes f''(0) = 1 (its test is v >= 0); this module''s default is f''(0) = 0 (the labs'' x > 0 test),'
'so the rows below ask for -DerivativeAtZero Right. Only x = 0 itself differs:'
Write-Table @(foreach ($spec in @(@{ Name = 'ReLU' }, @{ Name = 'PReLU'; Alpha = 0.05 }, @{ Name = 'PReLU'; Alpha = 0.25 })) {
        $label = if ($spec.Alpha) { 'PReLU (a = {0})' -f (Format-Number $spec.Alpha) } else { 'ReLU' }
        $lab004 = Get-Activation @spec -Input -2, 0, 2 -DerivativeAtZero Right
        $default = Get-Activation @spec -Input 0
        [ordered]@{
            Activation = $label; 'f(-2)' = Format-Number $lab004[0].Value; "f'(-2)" = Format-Number $lab004[0].Derivative
            "f'(0), lab 004" = Format-Number $lab004[1].Derivative; "f'(0), default" = Format-Number $default.Derivative; "f'(2)" = Format-Number $lab004[2].Derivative
        }
    })
$grid6 = @(Get-Activation -Name PReLU -Alpha 0.05 -Start -6 -End 6 -Step 0.01 -DerivativeAtZero Right)
$grid4 = @(Get-Activation -Name PReLU -Alpha 0.05 -Start -4 -End 4 -Step 0.01 -DerivativeAtZero Right)
'  arange(-6, 6, 0.01): {0} points from {1} to {2}; arange(-4, 4, 0.01): {3} points from {4} to {5}' -f `
    $grid6.Count, (Format-Number $grid6[0].Input), (Format-Number $grid6[-1].Input), $grid4.Count, (Format-Number $grid4[0].Input), (Format-Number $grid4[-1].Input)

# ---------------------------------------------------------------- 2. tangent line
Write-Heading '2. Tangent line of sigmoid'
foreach ($x0 in 0, $TangentAt) {
    $p = Get-Activation -Name Sigmoid -Input $x0
    'x_tan = {0}: sigmoid = {1}, slope = {2}; over [{3}, {4}]: y = {1} + {2}(x - {0})' -f `
        (Format-Number $x0), $p.Value.ToString('F4', $invariant), $p.Derivative.ToString('F4', $invariant),
        (Format-Number ($x0 - 1.7)), (Format-Number ($x0 + 1.7))
}

# ---------------------------------------------------------------- 3. products of small numbers
Write-Heading '3. Multiplying small numbers: gradient decay'
'Cumulative product of sigmoid''(x) over 6 steps, at x = 0 (the lab''s table) and at x = 2 (a larger |x| decays faster):'
$at0 = Measure-GradientDecay -Name Sigmoid -Input 0 -Steps 6
$at2 = Measure-GradientDecay -Name Sigmoid -Input 2 -Steps 6
Write-Table @(for ($k = 0; $k -lt 6; $k++) {
        [ordered]@{ Step = $at0[$k].Step; 'x = 0' = Format-Number $at0[$k].CumulativeGradient 0; 'x = 2' = Format-Number $at2[$k].CumulativeGradient 6 }
    })
'  (the local gradient is {0} at x = 0 and {1} at x = 2)' -f (Format-Number $at0[0].LocalGradient), (Format-Number $at2[0].LocalGradient 6)

''
'The attenuation bound (max |f''|)^k after k layers:'
$bounds = Measure-GradientDecay -Name Sigmoid, Tanh, ReLU -Bound -Steps 1, 3, 5, 10, 20
Write-Table @(foreach ($k in 1, 3, 5, 10, 20) {
        $row = [ordered]@{ k = $k }
        foreach ($b in $bounds | Where-Object Layers -EQ $k) { $row["{0} ({1})^k" -f $b.Name, (Format-Number $b.MaxDerivative)] = Format-Number $b.Bound 0 }
        $row
    })
$sig = Get-Activation -Name Sigmoid -List
$tanh = Get-Activation -Name Tanh -List
$sig10 = ($bounds | Where-Object { $_.Name -eq 'Sigmoid' -and $_.Layers -eq 10 }).Bound
''
'Why tanh behaves better than sigmoid although both saturate:'
'  max |f''| is {0} for tanh (at x = 0) against {1} for sigmoid. The bound per layer is therefore {0} for tanh: a layer' -f `
    (Format-Number $tanh.MaxDerivative), (Format-Number $sig.MaxDerivative)
'  of units near 0 passes the gradient on almost whole, where a sigmoid layer keeps at most {0} of it. After 10 layers' -f `
    (Format-Number $sig.MaxDerivative)
'  the bounds are {0}^10 = {1} for tanh and {2}^10 = {3} for sigmoid.' -f `
    (Format-Number $tanh.MaxDerivative), (Format-Number ([math]::Pow($tanh.MaxDerivative, 10))), (Format-Number $sig.MaxDerivative), (Format-Number $sig10)
'  tanh is also zero-centred ({0}), so the next layer''s inputs are not all positive.' -f `
    $(if ($tanh.ZeroCentred) { 'tanh(0) = 0' } else { 'no' })

# ---------------------------------------------------------------- 4. scaled input
Write-Heading '4. Vanishing gradient from a scaled input: f(x) = sigmoid(-r*x) at x = 1'
"At x = 1: f(r) = sigmoid(-r) and f'(r) = -r*sigmoid(-r)*(1 - sigmoid(-r)), negative for every r > 0."
$points = Measure-GradientDecay -Name Sigmoid -Input 1 -Gain -0.5, -1, -2, -3, -5, -7, -9
Write-Table @($points | ForEach-Object { [ordered]@{ r = Format-Number (-$_.Gain); 'f(r)' = Format-Number $_.Value; "f'(r)" = Format-Number $_.Derivative } })
# The lab's two grids: 1000 values of r on [0.5, 9], then 1000 on [7, 9] (Identity returns its inputs).
$sweep = Measure-GradientDecay -Name Sigmoid -Input 1 -Gain ((Get-Activation -Name Identity -Start 0.5 -End 9 -Count 1000).Input | ForEach-Object { -$_ })
$zoom = Measure-GradientDecay -Name Sigmoid -Input 1 -Gain ((Get-Activation -Name Identity -Start 7 -End 9 -Count 1000).Input | ForEach-Object { -$_ })
$steepest = $sweep[0]
foreach ($point in $sweep) { if ($point.Derivative -lt $steepest.Derivative) { $steepest = $point } }
"On linspace(0.5, 9, 1000) f'(r) is steepest at r = {0} ({1}), then rises towards 0: r multiplies the derivative, but" -f `
    (Format-Number (-$steepest.Gain) 3), (Format-Number $steepest.Derivative)
"sigmoid'(-r) shrinks faster. Zoomed on linspace(7, 9, 1000): f'(r) goes from {0} to {1}." -f `
    (Format-Number $zoom[0].Derivative), (Format-Number $zoom[-1].Derivative)

# ---------------------------------------------------------------- 5. depth experiment
Write-Heading '5. Depth experiment: gradient norms layer by layer'
# The first depth cell, draw for draw: seed 42 once, x = randn(10, 1), y = randn(1, 1), then sigmoid networks of depth
# 3, 5, 10 and 20 and ReLU networks of the same depths, all from the one continuing stream, all on the same x and y.
'The first depth cell (10 features, hidden 20): np.random.seed(42) once, then x, y and the eight networks from one stream:'
$stream = New-RandomGenerator -Seed 42
$x = $stream.Randn(10, 1)
$y = $stream.Randn(1, 1)
$cell1 = Invoke-DepthExperiment -Generator $stream -Input $x -Target $y -Activation Sigmoid, ReLU -Depth 3, 5, 10, 20 -Summary
Write-Table @($cell1 | ForEach-Object { ConvertTo-SummaryRow $_ })

# The second depth cell: np.random.seed(42) before each run; all weights, then x = randn(8, 1), then y = randn(1, 1).
''
'The second depth cell (depth 10, 8 features, hidden 15): np.random.seed(42) before each run, every layer:'
$ten = foreach ($name in 'Sigmoid', 'ReLU') { Invoke-DepthExperiment -Activation $name -Depth 10 -Features 8 -Hidden 15 -Generator (New-RandomGenerator -Seed 42) }
Write-Table @($ten | ForEach-Object {
        [ordered]@{ Activation = $_.Activation; Layer = $_.Layer; Units = $_.Units; 'Gradient norm' = Format-Number $_.GradientNorm; 'Weight gradient norm' = Format-Number $_.WeightGradientNorm }
    })
foreach ($name in 'Sigmoid', 'ReLU') {
    $rows = @($ten | Where-Object Activation -EQ $name)
    $summary = [pscustomobject]@{ FirstLayerNorm = $rows[0].GradientNorm; LastLayerNorm = $rows[-1].GradientNorm
        Ratio = if ($rows[-1].GradientNorm -ne 0) { $rows[0].GradientNorm / $rows[-1].GradientNorm } }
    '  {0,-7} layer 1: {1}   layer {2}: {3}   ratio first/last: {4}' -f `
        $name, (Format-Number $rows[0].GradientNorm), $rows[-1].Layer, (Format-Number $rows[-1].GradientNorm), (Format-Ratio $summary)
}
''
'Over 200 networks (seed 42, trials 0-199): the first/last ratio over the networks whose output unit is live:'
Write-Table @(Invoke-DepthExperiment -Activation Sigmoid, ReLU -Depth 10 -Features 8 -Hidden 15 -Seed 42 -Trials 200 -Summary | ForEach-Object {
        [ordered]@{
            Activation = $_.Activation; 'Live networks' = '{0} of {1}' -f $_.LiveTrials, $_.Trials
            'Median ratio' = Format-Number $_.Ratio; 'Quartiles' = '{0} to {1}' -f (Format-Number $_.RatioLowerQuartile), (Format-Number $_.RatioUpperQuartile)
            '95% interval of the median' = '{0} to {1}' -f (Format-Number $_.RatioMedianLow), (Format-Number $_.RatioMedianHigh)
        }
    })

''
'With a linear output unit every network has a gradient; ReLU keeps its order of magnitude, sigmoid does not:'
Write-Table @(Invoke-DepthExperiment -Activation Sigmoid, ReLU -Depth 10 -Features 8 -Hidden 15 -Seed 42 -LinearOutput -Summary |
        ForEach-Object { ConvertTo-SummaryRow $_ })

''
'The exercise: Sigmoid, Tanh, ReLU, LeakyReLU and ELU on the same networks (depth 10, 8 features, hidden 15, seed 42):'
Write-Table @(Invoke-DepthExperiment -Activation Sigmoid, Tanh, ReLU, LeakyReLU, ELU -Depth 10 -Features 8 -Hidden 15 -Seed 42 -Summary |
        ForEach-Object { ConvertTo-SummaryRow $_ })

''
'Theoretical maximum attenuation of a 10-layer tanh network: (max |tanh''|)^10 = {0}^10 = {1}' -f `
    (Format-Number $tanh.MaxDerivative), (Format-Number (Measure-GradientDecay -Name Tanh -Bound -Steps 10, 10).Bound)
'  (sigmoid: {0}^10 = {1}). The bound says tanh need not attenuate; the table above shows how much it does.' -f `
    (Format-Number $sig.MaxDerivative), (Format-Number $sig10)

# The same networks as figures.ps1's initialisation.png: sigmoid and ReLU, 10, 20 and 50 hidden layers of 20 units,
# a batch of 64 inputs so that each layer's mean and spread are over 64 x 20 activations.
''
'Initialisation: standard deviation of the activations at the first, middle and last hidden layer'
'(sigmoid and ReLU, 10, 20 and 50 hidden layers of 20 units, batch of 64, seed 42; as in initialisation.png):'
$init = Invoke-DepthExperiment -Activation Sigmoid, ReLU -Initializer Xavier, He, StandardNormal -Depth 10, 20, 50 -Features 10 -Hidden 20 -BatchSize 64 -Seed 42
# The hidden layers of one network, input side first (the output unit is left out).
function Get-Hidden($Rows, $Activation, $Depth, $Initializer) {
    @($Rows | Where-Object { $_.Activation -eq $Activation -and $_.Depth -eq $Depth -and $_.Initializer -eq $Initializer -and $_.Layer -le $Depth })
}
Write-Table @(foreach ($activation in 'Sigmoid', 'ReLU') { foreach ($depth in 10, 20, 50) { foreach ($initializer in 'Xavier', 'He', 'StandardNormal') {
                $rows = Get-Hidden $init $activation $depth $initializer
                [ordered]@{
                    Activation = $activation; Depth = $depth; Initializer = $initializer
                    'std, layer 1' = Format-Number $rows[0].ActivationStd 3; 'std, middle' = Format-Number $rows[[int][math]::Floor(($depth - 1) / 2)].ActivationStd 3
                    'std, last hidden' = Format-Number $rows[-1].ActivationStd 3; 'last/first' = Format-Number ($rows[-1].ActivationStd / $rows[0].ActivationStd) 3
                    "units with |f'| < 1e-3" = '{0:P0}' -f [System.Linq.Enumerable]::Average([double[]] $rows.SaturatedFraction)
                }
            } } })
foreach ($activation in 'Sigmoid', 'ReLU') {
    $steadiest = foreach ($depth in 10, 20, 50) {
        $drift = @{}
        foreach ($initializer in 'Xavier', 'He', 'StandardNormal') {
            $rows = Get-Hidden $init $activation $depth $initializer
            $drift[$initializer] = [math]::Abs([math]::Log($rows[-1].ActivationStd / $rows[0].ActivationStd))
        }
        $best = 'Xavier', 'He', 'StandardNormal' | Where-Object { $drift[$_] -eq (Get-Min $drift.Values) }
        '{0} at {1} layers' -f $best, $depth
    }
    '  {0}: the steadiest spread (last/first nearest 1) is {1}.' -f $activation, ($steadiest -join ', ')
}

# ---------------------------------------------------------------- remedies
# Every remedy the chapter names, on networks of the same shape and seed: a batch of 32 inputs, because batch
# normalisation needs more than one sample, and a linear output unit, so that no ReLU network hides behind an
# inactive output unit. figures.ps1 draws the same networks in remedies.png.
''
'Remedies side by side (20 hidden layers of 20 units, 10 features, batch of 32, linear output unit, seed 42):'
$remedies = @(
    Invoke-DepthExperiment -Activation Sigmoid -Remedy None, Residual, BatchNorm -Depth 20 -BatchSize 32 -LinearOutput -Seed 42 -Summary
    Invoke-DepthExperiment -Activation Tanh -Depth 20 -BatchSize 32 -LinearOutput -Seed 42 -Summary
    Invoke-DepthExperiment -Activation ReLU, LeakyReLU, ELU -Initializer He -Depth 20 -BatchSize 32 -LinearOutput -Seed 42 -Summary
)
Write-Table @($remedies | ForEach-Object {
        $tried = if ($_.Remedy -ne 'None') { "$($_.Remedy) (sigmoid)" -replace 'BatchNorm', 'batch normalisation' -replace 'Residual', 'residual connections' }
                 elseif ($_.Activation -eq 'Sigmoid') { 'none: the baseline' }
                 elseif ($_.Initializer -eq 'He') { "$($_.Activation) with He initialisation" }
                 else { "$($_.Activation) instead of sigmoid" }
        $row = ConvertTo-SummaryRow $_ -Remedy
        $row.Insert(0, 'Remedy tried', $tried)
        $row
    })
'  Residual connections and batch normalisation lift sigmoid''s first-layer gradient by {0} and {1} orders of magnitude;' -f `
    ([math]::Round([math]::Log10($remedies[1].FirstLayerNorm / $remedies[0].FirstLayerNorm))), ([math]::Round([math]::Log10($remedies[2].FirstLayerNorm / $remedies[0].FirstLayerNorm)))
'  tanh and the ReLU family with He initialisation keep it within a factor of {0} of the last layer''s.' -f `
    (Format-Number (Get-Max ($remedies[3..($remedies.Count - 1)] | ForEach-Object { [math]::Max($_.Ratio, 1 / $_.Ratio) })) 2)

# ---------------------------------------------------------------- training
# What the chapter only describes: the same deep networks trained. Mini-batch SGD with momentum 0.9 on a seeded
# teacher task (64 samples of 10 features, y = v·tanh(U·x)), 10 hidden layers of 20 units and a linear output unit.
# Predicting the mean of y leaves a loss near 0.09. tests/fixtures/make_training_fixtures.py runs the same steps in
# numpy; figures.ps1 draws these runs in training-loss.png and training-updates.png.
Write-Heading 'Training: do the front layers learn?'
'10 hidden layers of 20 units, SGD with momentum 0.9, learning rate 0.01, batches of 16, 100 epochs, seed 42:'
$training = @(
    Invoke-TrainingExperiment Sigmoid
    Invoke-TrainingExperiment ReLU -Initializer He
    Invoke-TrainingExperiment Sigmoid -Remedy Residual, BatchNorm
)
$trained = @($training | Group-Object Activation, Initializer, Remedy | Sort-Object { [array]::IndexOf($training, $_.Group[0]) } | ForEach-Object {
        $rows = $_.Group
        $epoch1 = @($rows | Where-Object Epoch -EQ 1)
        $loss = { param($e) Format-Number ($rows | Where-Object { $_.Epoch -eq $e -and $_.Layer -eq 1 }).Loss 3 }
        [ordered]@{
            Network                      = '{0}, {1}, {2}' -f $rows[0].Activation, $rows[0].Initializer, ($rows[0].Remedy -replace 'None', 'no remedy' -replace 'BatchNorm', 'batch norm' -replace 'Residual', 'residual')
            'Loss epoch 1'               = & $loss 1
            'epoch 10'                   = & $loss 10
            'epoch 100'                  = & $loss 100
            'Layer 1 moved (epoch 1)'    = Format-Number $epoch1[0].RelativeUpdate 2
            'Output layer moved'         = Format-Number $epoch1[-1].RelativeUpdate 2
        }
    })
Write-Table $trained
'  "moved" is ‖ΔW‖/‖W‖ over the first epoch. The sigmoid network''s first layer moves about {0} times less than its output' -f `
    (Format-Number ($training[10].RelativeUpdate / $training[0].RelativeUpdate) 1)
'  layer and its loss stalls near Var(y)/2; ReLU with He, residual connections and batch normalisation move every layer and learn.'
