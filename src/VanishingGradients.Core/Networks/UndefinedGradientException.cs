using System;

namespace VanishingGradients
{
    /// <summary>
    /// One network of an experiment whose gradient is undefined (its forward pass overflowed and ∞·0 or ∞-∞ followed),
    /// with the configuration that made it, so that a caller can report it and go on with the other networks.
    /// </summary>
    public sealed class UndefinedGradientException : OverflowException
    {
        public UndefinedGradientException(string activation, string initializer, string remedy, int depth, int trial, Exception inner)
            : base($"{activation} at depth {depth}, trial {trial} ({initializer} initialisation, remedy {remedy}): {inner.Message}", inner)
        {
            Activation = activation;
            Initializer = initializer;
            Remedy = remedy;
            Depth = depth;
            Trial = trial;
        }

        public string Activation { get; }
        public string Initializer { get; }
        public string Remedy { get; }
        public int Depth { get; }
        public int Trial { get; }
    }
}
