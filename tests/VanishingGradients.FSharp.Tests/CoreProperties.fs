/// Properties of softmax, the decay table and the depth experiment.
module VanishingGradients.FSharp.Tests.CoreProperties

open System
open NUnit.Framework
open FsCheck.FSharp
open FsCheck.FSharp.PropOperators
open VanishingGradients
open VanishingGradients.FSharp.Tests.Generators

let private vector values = Gen.nonEmptyListOf values |> Gen.map Array.ofList

[<Test>]
let ``softmax is a probability vector for any finite input`` () =
    // Each p_i and the running sum carry one rounding each: n·ε bounds the drift of the sum from 1.
    check (Prop.forAll (Arb.fromGen (vector finite)) (fun x ->
        let p = Softmax.Evaluate x
        let total = Array.sum p
        (Array.forall (fun pi -> pi >= 0.0 && pi <= 1.0) p && abs (total - 1.0) <= float p.Length * eps)
        |> Prop.label $"sum = {total:R}"))

[<Test>]
let ``softmax is invariant to adding a constant`` () =
    // Logits in [-40, 40] and shifts up to ±1000: an implementation that does not subtract the maximum
    // overflows here. Rounding x_i + c moves each exponent by about ε·1040, so p_i by ~1e-12 relatively.
    let shift = Gen.choose (-1_000_000, 1_000_000) |> Gen.map (fun k -> float k / 1e3)
    check (Prop.forAll (Arb.fromGen (Gen.zip (vector ordinary) shift)) (fun (x, c) ->
        let p, q = Softmax.Evaluate x, Softmax.Evaluate(Array.map ((+) c) x)
        let differ = Array.map2 (fun a b -> abs (a - b) > 1e-11 * max a b) p q |> Array.tryFindIndex id
        differ.IsNone |> Prop.label $"p and shifted p differ at {differ}"))

/// The catalogue entries whose gradient can only shrink: max |f'| ≤ 1.
let contracting = Activations.All |> Seq.filter (fun a -> a.MaxAbsDerivative <= 1.0) |> List.ofSeq

[<TestCaseSource(nameof contracting)>]
let ``decay table is non-increasing and within the attenuation bound`` (f: Activation) =
    let steps = Gen.choose (1, 200)
    check (Prop.forAll (Arb.fromGen (Gen.zip finite steps)) (fun (x, n) ->
        let products = GradientDecay.Cumulative(f, x, n) |> Seq.map (fun row -> abs row.CumulativeGradient) |> List.ofSeq
        // |g| ≤ max |f'| ≤ 1, so no step may grow the product, not even by an ulp.
        let growth = products |> List.pairwise |> List.tryFindIndex (fun (a, b) -> b > a)
        // |g|^n by repeated multiplication vs (max |f'|)^n by Math.Pow: about n roundings apart at most.
        let last, bound = List.last products, GradientDecay.Bound(f, n).Bound
        (growth.IsNone |> Prop.label $"grows after step {growth}")
        .&. (last <= bound * (1.0 + 2.0 * float n * eps) |> Prop.label $"|g^n| = {last:R} > bound {bound:R}")))

let private experiment seed =
    DepthExperiment(
        Activations = [| Activations.Sigmoid; Activations.ReLU |],
        Depths = [| 1; 4 |],
        Initializers = [| Initializer.Xavier; Initializer.HeUniform |],
        Features = 5,
        Hidden = 6,
        BatchSize = 2,
        Trials = 2,
        Seed = seed)

let private norms (e: DepthExperiment) =
    e.Run() |> Seq.map (fun row -> row.GradientNorm, row.WeightGradientNorm, row.ActivationMean) |> List.ofSeq

[<Test>]
let ``a depth experiment is reproducible from its seed`` () =
    let seed = Arb.fromGen (Gen.choose (Int32.MinValue, Int32.MaxValue))
    checkCases 100 (Prop.forAll seed (fun s ->
        // Two separate instances: nothing may be carried over through shared state.
        let first, second = List.ofSeq ((experiment s).Run()), List.ofSeq ((experiment s).Run())
        first.Length = 2 * 2 * (2 + 5) * 2 && first = second))

[<Test>]
let ``a different seed gives different numbers`` () =
    // Without this, an experiment that ignored its seed would pass the reproducibility property.
    Assert.That(norms (experiment 1), Is.Not.EqualTo(norms (experiment 2)))

[<Test>]
let ``one generator stream split over several experiments gives the rows of one experiment`` () =
    // The design of -Generator: each network continues the stream, so splitting the depths over calls changes nothing.
    let case = Gen.zip (Gen.choose (0, Int32.MaxValue)) (Gen.subListOf [ 1; 2; 3; 5 ] |> Gen.filter (List.isEmpty >> not))
    checkCases 50 (Prop.forAll (Arb.fromGen case) (fun (seed, depths) ->
        let run (g: Random) ds =
            DepthExperiment(Depths = Array.ofList ds, Features = 3, Hidden = 4, BatchSize = 3, Generator = g, BatchNorm = true).Run()
            |> List.ofSeq
        let whole = run (NumpyRandom(uint32 seed)) depths
        let g = NumpyRandom(uint32 seed)
        // Run's order is activation, then depth: split by activation as well as by depth.
        let split =
            [ for a in [ Activations.Sigmoid; Activations.ReLU ] do
                for d in depths do
                    yield! DepthExperiment(Activations = [| a |], Depths = [| d |], Features = 3, Hidden = 4, BatchSize = 3,
                                           Generator = g, BatchNorm = true).Run() ]
        (whole = split |> Prop.label "split differs")
        .&. (whole |> List.forall (fun r -> Double.IsFinite r.GradientNorm && r.Remedy = "BatchNorm") |> Prop.label "not finite or unlabelled")))
