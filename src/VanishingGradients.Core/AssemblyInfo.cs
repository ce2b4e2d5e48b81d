using System.Runtime.CompilerServices;

// The benchmarks time GradientPass and the BLAS switch directly, without the allocation of the public wrappers.
[assembly: InternalsVisibleTo("VanishingGradients.Benchmarks")]
