/// Input generators and the FsCheck runner shared by the property tests.
module VanishingGradients.FSharp.Tests.Generators

open System
open FsCheck
open FsCheck.FSharp

/// Machine epsilon, the gap between 1.0 and the next double (2.2e-16).
let eps = Math.BitIncrement 1.0 - 1.0

let private sign = Gen.elements [ 1.0; -1.0 ]

/// The range the labs plot over and then some: uniform on [-40, 40], where sigmoid' already is ~4e-18.
let ordinary = Gen.choose (-4_000_000, 4_000_000) |> Gen.map (fun k -> float k / 1e5)

/// ±m·2^e with a uniform exponent e ∈ [-1074, 1023]: tiny, subnormal, ordinary and ~1e308 magnitudes all common.
let anyMagnitude =
    gen {
        let! s = sign
        let! k = Gen.choose (0, Int32.MaxValue)
        let! e = Gen.choose (-1074, 1023)
        return s * Math.ScaleB(1.0 + float k / 2147483648.0, e)
    }

/// Subnormal doubles (below 2.2e-308), where a careless x·f(x) or 1/x goes wrong.
let subnormal =
    gen {
        let! s = sign
        let! k = Gen.choose (1, Int32.MaxValue)
        return s * Math.ScaleB(float k / 2147483648.0, -1022)
    }

/// The edges of the double range and the kink.
let extreme =
    Gen.elements
        [ 0.0; -0.0; Double.Epsilon; -Double.Epsilon; 2.2250738585072014e-308
          1e308; -1e308; Double.MaxValue; -Double.MaxValue; 710.0; -710.0; 745.2; -745.2 ]

/// Any finite double, weighted towards the values where numerics break.
let finite = Gen.frequency [ 4, ordinary; 3, anyMagnitude; 1, subnormal; 1, extreme ]


/// Runs a property on `cases` random cases and throws on the first counter-example (with the seed that replays
/// it), so that the NUnit test fails.
let checkCases cases (property: 'P) =
    Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases), property)

/// checkCases 1000: cheap properties get many cases.
let check property = checkCases 1000 property
