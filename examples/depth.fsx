// Lab 5 (labs.md §5): the gradient norm ‖δ_l‖ of every layer of random sigmoid and ReLU networks, after one
// forward and MSE backward pass. Build the core first, then run from anywhere:
//
//     dotnet build src/VanishingGradients.Core && dotnet fsi examples/depth.fsx
//
// The Debug build is used when there is one, else the Release build (-c Release).
#I "../src/VanishingGradients.Core/bin/Debug/net8.0"
#I "../src/VanishingGradients.Core/bin/Release/net8.0"
#r "VanishingGradients.Core.dll"
#r "MathNet.Numerics.dll"

open System.Globalization
open VanishingGradients

let sci (v: float) = v.ToString("0.00e+00", CultureInfo.InvariantCulture)

// Depths 3, 5, 10 and 20 with 10 features and 20 hidden units: one column per (activation, depth), one row per
// layer from the input side (1) to the output (depth + 1).
let columns =
    DepthExperiment(Depths = [| 3; 5; 10; 20 |], Features = 10, Hidden = 20, Seed = 42).Run()
    |> Seq.groupBy (fun row -> $"{row.Activation} {row.Depth}")
    |> Seq.map (fun (title, rows) -> title, rows |> Seq.map (fun row -> row.GradientNorm) |> Array.ofSeq)
    |> List.ofSeq

let cell (text: string) = text.PadLeft 12
printfn "Gradient norm per layer (10 features, 20 hidden, seed 42)\n"
printfn "%s%s" ("layer".PadLeft 5) (columns |> List.map (fst >> cell) |> String.concat "")
for layer in 1 .. (columns |> List.map (snd >> Array.length) |> List.max) do
    let norms = columns |> List.map (fun (_, norms) -> norms |> Array.tryItem (layer - 1) |> Option.map sci |> Option.defaultValue "")
    printfn "%5d%s" layer (norms |> List.map cell |> String.concat "")

// Depth 10 with 8 features and 15 hidden units: the lab's first/last-layer printout.
printfn "\nDepth 10 (8 features, 15 hidden, seed 42)\n"
for s in DepthExperiment(Depths = [| 10 |], Features = 8, Hidden = 15, Seed = 42).Run() |> DepthExperiment.Summarize do
    let ratio =
        match Option.ofNullable s.Ratio with
        | Some r -> sci r
        | None -> "undefined: the output unit is dead, no gradient flows back"
    printfn "%-8s layer 1: %s   layer %d: %s   first/last: %s" s.Activation (sci s.FirstLayerNorm) (s.Depth + 1) (sci s.LastLayerNorm) ratio
