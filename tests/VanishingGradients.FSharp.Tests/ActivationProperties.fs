/// Properties every activation of the catalogue must have, for any finite input.
module VanishingGradients.FSharp.Tests.ActivationProperties

open System
open NUnit.Framework
open FsCheck.FSharp
open FsCheck.FSharp.PropOperators
open VanishingGradients
open VanishingGradients.FSharp.Tests.Generators

/// The catalogue plus the parameter values the labs use or that stress a branch.
let activations: Activation list =
    List.ofSeq Activations.All
    @ [ Activations.ReLUWith DerivativeAtZero.Right
        Activations.LeakyReLUWith 0.1
        Activations.PReLU 0.05
        Activations.ELUWith 0.5
        Activations.ELUWith 2.0
        Activations.SELUWith DerivativeAtZero.Right
        Activations.ReLU6With DerivativeAtZero.Right ]

/// Where f is not twice differentiable: the kinks of the piecewise units (ELU with α = 1 is C¹ but f'' jumps from
/// 1 to 0), and Softsign's cusp of f' at 0.
let private kinks (f: Activation) =
    match f with
    | :? Rectifier | :? Elu | :? Selu | :? Step | :? Softsign -> [ 0.0 ]
    | :? ClippedLinear as c -> [ c.KinkLo; c.KinkHi ]
    | _ -> []

let private finiteInput = Arb.fromGen finite

[<TestCaseSource(nameof activations)>]
let ``value and derivative are finite for every finite input`` (f: Activation) =
    check (Prop.forAll finiteInput (fun x ->
        let v, d = f.Value x, f.Derivative x
        (Double.IsFinite v && Double.IsFinite d) |> Prop.label $"f = {v:R}, f' = {d:R}"))

[<TestCaseSource(nameof activations)>]
let ``derivative is bounded by MaxAbsDerivative`` (f: Activation) =
    // Exactly, without slack: σ' and tanh' are clamped so that rounding near 0 cannot step one ulp over the bound.
    check (Prop.forAll finiteInput (fun x ->
        let d = f.Derivative x
        abs d <= f.MaxAbsDerivative |> Prop.label $"f' = {d:R}"))

/// Step h ≈ ∛ε·max(1,|x|). A central difference errs by h²/6·|f'''| (truncation) plus about ε·|f|/h
/// (rounding of f(x±h)). Every activation here has |f| ≤ 2·max(1,|x|) and |f'''| decaying at least like 1/x²
/// off the kink, so with h scaled to |x| both terms are O(ε^(2/3)) ≈ 4e-11 whatever the magnitude of x, and
/// evaluations of f that are a few ulps off add ~1e-10. 1e-7·(1+|f'|) leaves three orders of margin yet
/// catches any wrong term or constant in a derivative (those err by 1e-3 or more at ordinary x).
let private h0 = Math.Cbrt eps

[<TestCaseSource(nameof activations)>]
let ``derivative matches a central difference`` (f: Activation) =
    check (Prop.forAll finiteInput (fun x ->
        let h = h0 * max 1.0 (abs x)
        let lo, hi = x - h, x + h
        // Skip the top of the range (x ± h overflows) and stencils that straddle a kink.
        (Double.IsFinite lo && Double.IsFinite hi && not (kinks f |> List.exists (fun k -> abs (x - k) <= h))) ==> lazy
            // Divide by the step actually taken, hi - lo, not by the rounded-away 2h.
            let numeric = (f.Value hi - f.Value lo) / (hi - lo)
            let analytic = f.Derivative x
            abs (analytic - numeric) <= 1e-7 * (1.0 + abs analytic)
            |> Prop.label $"f' = {analytic:R}, central difference = {numeric:R}"))

[<Test>]
let ``sigmoid(-x) = 1 - sigmoid(x) and sigmoid' = sigmoid(x) sigmoid(-x)`` () =
    let s = Activations.Sigmoid
    // Symmetry: both sides are within ~1.5 ulps of a number ≤ 1, so 4ε absolute is tight; only the absolute
    // error is meaningful in the tails, where 1 - σ(x) rounds to 0 while σ(-x) is still a tiny positive number.
    // The ODE σ' = σ(1-σ), written with σ(-x) for 1-σ, has no cancellation: it must hold relatively, tails
    // included, which catches a value or derivative that loses its precision in the tails (where gradients
    // vanish). Below 1e-300 the results are (nearly) subnormal and carry too few bits for that.
    check (Prop.forAll finiteInput (fun x ->
        let ode = s.Value x * s.Value(-x)
        (abs (s.Value(-x) - (1.0 - s.Value x)) <= 4.0 * eps |> Prop.label "symmetry")
        .&. (abs (s.Derivative x - ode) <= 8.0 * eps * ode + 1e-300 |> Prop.label $"σ' = {s.Derivative x:R}, σσ = {ode:R}")))

[<Test>]
let ``tanh(x) = 2 sigmoid(2x) - 1 and tanh'(x) = 4 sigmoid'(2x)`` () =
    let s, t = Activations.Sigmoid, Activations.Tanh
    // Values: 2σ(2x) - 1 loses the relative accuracy of tanh near 0, so compare absolutely (a few ulps of 1).
    // Derivatives: both are computed without cancellation, so they must agree relatively, tails included
    // (a 1 - tanh² derivative would fail here as soon as tanh rounds to ±1). Below 1e-300 results are subnormal
    // or nearly so, with too few significant bits for a relative comparison.
    let relClose a b = abs (a - b) <= 1e-14 * max (abs a) (abs b) + 1e-300
    check (Prop.forAll finiteInput (fun x ->
        (abs (t.Value x - (2.0 * s.Value(2.0 * x) - 1.0)) <= 4.0 * eps |> Prop.label "value")
        .&. (relClose (t.Derivative x) (4.0 * s.Derivative(2.0 * x)) |> Prop.label "derivative")))
