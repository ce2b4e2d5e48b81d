using System.Runtime.CompilerServices;

// The benchmarks time GradientPass and the BLAS switch directly, without the allocation of the public wrappers.
[assembly: InternalsVisibleTo("VanishingGradients.Benchmarks")]
// The batch-norm backward pass is checked element by element against numerical derivatives of the pass's own loss.
[assembly: InternalsVisibleTo("VanishingGradients.Core.Tests")]
