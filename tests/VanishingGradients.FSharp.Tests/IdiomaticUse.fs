/// The core as an F# user sees it: pipelines, object-initialiser syntax, pattern matching on the catalogue.
module VanishingGradients.FSharp.Tests.IdiomaticUse

open NUnit.Framework
open VanishingGradients

/// NUnit's Is.EqualTo has overloads for 'T and for seq<'T>, which F# cannot choose between for a list.
let private shouldEqual (expected: 'T) (actual: 'T) = Assert.That(actual, Is.EqualTo(box expected))

[<Test>]
let ``only sigmoid, step and hard sigmoid shrink every gradient`` () =
    let shrinking =
        Activations.All
        |> Seq.filter (fun a -> a.MaxAbsDerivative < 1.0)
        |> Seq.map (fun a -> a.Name)
        |> List.ofSeq
    shrinking |> shouldEqual [ "Sigmoid"; "Step"; "HardSigmoid" ]

[<Test>]
let ``lab 1 numbers from a pipeline`` () =
    let x = Grid.Linspace(-5.0, 5.0, 100)
    let s = x |> Activations.Sigmoid.Values
    let ds = x |> Activations.Sigmoid.Derivatives
    let round3 (v: float) = System.Math.Round(v, 3)
    [ Array.max s; Array.min s; Array.max ds; Array.min ds ] |> List.map round3
    |> shouldEqual [ 0.993; 0.007; 0.25; 0.007 ]

[<Test>]
let ``evaluate into caller-owned buffers`` () =
    // float[] converts to ReadOnlySpan/Span at the call, but only once its element type is known: an
    // un-annotated Array.zeroCreate would not compile here. An empty Span skips that output.
    let x = Grid.Arange(-4.0, 4.0, 0.01)
    let buffer () = Array.zeroCreate<float> x.Length
    let values, derivatives = buffer (), buffer ()
    Activations.Tanh.Evaluate(x, values, derivatives)
    values |> shouldEqual (Activations.Tanh.Values x)
    derivatives |> shouldEqual (Activations.Tanh.Derivatives x)
    let onlyDerivatives = buffer ()
    Activations.Tanh.Evaluate(x, System.Span.Empty, onlyDerivatives)
    onlyDerivatives |> shouldEqual derivatives

[<Test>]
let ``lab 3 decay table`` () =
    let products =
        GradientDecay.Cumulative(Activations.Sigmoid, 0.0, 6) |> Seq.map (fun row -> row.CumulativeGradient) |> List.ofSeq
    products |> shouldEqual [ 0.25; 0.0625; 0.015625; 0.00390625; 0.0009765625; 0.000244140625 ]

[<Test>]
let ``lookup by name with pattern matching`` () =
    let describe name =
        match Activations.TryGet name with
        | true, a -> a.Name
        | false, _ -> $"unknown: %A{Activations.Suggest name |> List.ofSeq}"
    [ "swish"; "leaky-relu"; "sigmoidd" ] |> List.map describe
    |> shouldEqual [ "SiLU"; "LeakyReLU"; "unknown: [\"Sigmoid\"]" ]
    let e = Assert.Throws<UnknownActivationException>(fun () -> Activations.Get "tahn" |> ignore) |> nonNull
    Assert.That(e.Suggestions, Does.Contain "Tanh")

[<Test>]
let ``parameterised activations`` () =
    Assert.That(Activations.Get("LeakyReLU", 0.1).Derivative(-1.0), Is.EqualTo 0.1)
    Assert.That((Activations.PReLU 0.05).Value(-2.0), Is.EqualTo -0.1)
    Assert.That((Activations.ELUWith 2.0).Parameter |> Option.ofNullable, Is.EqualTo(Some 2.0))
    Assert.That(Activations.Sigmoid.Parameter |> Option.ofNullable, Is.EqualTo None)

[<Test>]
let ``depth experiment with initialiser syntax: sigmoid loses far more gradient than ReLU`` () =
    // First/last-layer norm ratio of 20 random depth-10 networks. The ratio is null when the last norm is 0:
    // a ReLU network whose single output unit is dead passes back no gradient at all.
    let ratios =
        DepthExperiment(Depths = [| 10 |], Features = 8, Hidden = 15, Trials = 20, Seed = 42).Run()
        |> DepthExperiment.Summarize
        |> Seq.groupBy (fun s -> s.Activation)
        |> Seq.map (fun (name, nets) -> name, nets |> Seq.choose (fun s -> Option.ofNullable s.Ratio) |> List.ofSeq)
        |> Map.ofSeq
    Assert.That(ratios["Sigmoid"].Length, Is.EqualTo 20)
    Assert.That(ratios["ReLU"], Is.Not.Empty)
    // Even the best sigmoid network keeps less of its gradient than the worst live ReLU one (1e-6 vs 1e-3).
    Assert.That(List.max ratios["Sigmoid"], Is.LessThan(List.min ratios["ReLU"]))

[<Test>]
let ``the labs' first depth cell from F#: seed once, x, y, then every network from the stream`` () =
    let g = NumpyRandom 42u
    let x, y = g.Randn(10, 1), g.Randn(1, 1)
    let summaries =
        DepthExperiment(Depths = [| 3; 5; 10; 20 |], Generator = g, Input = x, Target = y).Run()
        |> DepthExperiment.Summarize
        |> List.ofSeq
    summaries |> List.map (fun s -> s.Activation, s.Depth)
    |> shouldEqual [ for a in [ "Sigmoid"; "ReLU" ] do for d in [ 3; 5; 10; 20 ] -> a, d ]
    // numpy prints 0.0045232 for sigmoid depth 3, layer 1 (tests/fixtures/notebook-depth.json); every ReLU network has a gradient.
    Assert.That(summaries.Head.FirstLayerNorm, Is.EqualTo(0.0045232).Within(5e-8))
    Assert.That(summaries |> List.filter (fun s -> s.Activation = "ReLU") |> List.forall (fun s -> s.Ratio.HasValue), Is.True)

[<Test>]
let ``remedies side by side, summarised over trials`` () =
    let table =
        DepthExperiment(Activations = [| Activations.Sigmoid |], Depths = [| 20 |], BatchSize = 8, Trials = 30,
                        Remedies = [| Remedy.None; Remedy.Residual; Remedy.BatchNorm |]).Run()
        |> DepthExperiment.Summarize
        |> TrialSummary.Over
        |> Seq.map (fun t -> t.Remedy, t.Ratio.Value)
        |> Map.ofSeq
    // The plain network keeps about 4^-20 of its gradient at layer 1; both remedies keep orders of magnitude more.
    Assert.That(table["None"], Is.LessThan 1e-9)
    Assert.That(table["Residual"], Is.GreaterThan(1e4 * table["None"]))
    Assert.That(table["BatchNorm"], Is.GreaterThan(1e4 * table["None"]))

[<Test>]
let ``the pass options of an experiment, one per remedy, switches added and duplicates dropped`` () =
    let options =
        DepthExperiment(Remedies = [| Remedy.None; Remedy.Residual |], Residual = true, LinearOutput = true,
                        ComputeWeightGradientNorms = false).RemedyOptions()
        |> List.ofSeq
    options |> List.map (fun o -> o.Remedy) |> shouldEqual [ Remedy.Residual ]
    Assert.That(options |> List.forall (fun o -> o.LinearOutput && not o.ComputeWeightGradientNorms), Is.True)

[<Test>]
let ``training from F#: the sigmoid network stalls, ReLU with He learns, and a run steps on its own`` () =
    let finalLoss (e: TrainingExperiment) = e.Run() |> Seq.last |> fun r -> r.Loss
    let sigmoid = finalLoss (TrainingExperiment(Epochs = 60))
    let relu = finalLoss (TrainingExperiment(Activation = Activations.ReLU, Initializer = Initializer.He, Epochs = 60))
    Assert.That(relu, Is.LessThan(sigmoid / 2.0))
    // Step by step: 64 samples in mini-batches of 16 make an epoch of four steps.
    let run = TrainingExperiment(Momentum = 0.0).Start()
    let steps = List.init 5 (fun _ -> run.Step())
    steps |> List.map (fun s -> s.Step, s.Epoch) |> shouldEqual [ 1, 1; 2, 1; 3, 1; 4, 1; 5, 2 ]
    Assert.That(run.EpochsDone, Is.EqualTo 1)
    // The front layer's first update is orders of magnitude smaller than the output layer's.
    let first = steps.Head.UpdateNorms
    Assert.That(first[0], Is.LessThan(1e-4 * first[first.Count - 1]))

[<Test>]
let ``a network whose gradient is undefined goes to a handler and the run goes on`` () =
    let failures = ResizeArray<UndefinedGradientException>()
    let x = Array2D.create 10 1 1e308
    let rows =
        DepthExperiment(Activations = [| Activations.Tanh; Activations.ReLU |], Depths = [| 3 |], Trials = 10, Input = x,
                        OnUndefinedGradient = System.Action<_>(failures.Add)).Run()
        |> List.ofSeq
    Assert.That(failures.Count, Is.GreaterThan(0))
    rows.Length |> shouldEqual ((20 - failures.Count) * 4)
    failures |> Seq.forall (fun e -> e.Message.Contains(sprintf "trial %d" e.Trial)) |> shouldEqual true
