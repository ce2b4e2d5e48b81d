using System;
using System.Collections.Generic;

namespace VanishingGradients
{
    /// <summary>One row of the decay table: the product of <see cref="Step"/> equal local gradients.</summary>
    public sealed record DecayStep(string Name, double Input, int Step, double LocalGradient, double CumulativeGradient);

    /// <summary>The attenuation bound (max |f'|)^k after <see cref="Layers"/> layers.</summary>
    public sealed record AttenuationBound(string Name, int Layers, double MaxDerivative, double Bound);

    /// <summary>A unit with its input scaled by <see cref="Gain"/>: f(gain·x) and d/dx f(gain·x) = gain·f'(gain·x).</summary>
    public sealed record ScaledGradient(string Name, double Gain, double Input, double Value, double Derivative);

    /// <summary>Lab 3 and 4: how products of local gradients shrink, and how the input scale saturates a unit.</summary>
    public static class GradientDecay
    {
        /// <summary>Upper limit on steps and layers: past it every product of gradients &lt; 1 has underflowed anyway.</summary>
        public const int MaxSteps = 100_000;

        /// <summary>
        /// The running product g, g², ..., g^n of the local gradient g = f'(x) (explicitly not back-propagation:
        /// the same input at every step). Step k holds g^k, computed by repeated multiplication as the lab does.
        /// </summary>
        public static IReadOnlyList<DecayStep> Cumulative(Activation activation, double input, int steps)
        {
            if (activation == null) throw new ArgumentNullException(nameof(activation));
            Guard.Finite(input, nameof(input));
            Guard.InRange(steps, 1, MaxSteps, nameof(steps));
            double g = activation.Derivative(input), product = 1.0;
            var rows = new DecayStep[steps];
            for (int k = 1; k <= steps; k++)
            {
                product *= g;
                rows[k - 1] = new DecayStep(activation.Name, input, k, g, product);
            }
            return rows;
        }

        /// <summary>(max |f'|)^layers, the most a gradient can keep after that many layers of this activation.</summary>
        public static AttenuationBound Bound(Activation activation, int layers)
        {
            if (activation == null) throw new ArgumentNullException(nameof(activation));
            Guard.InRange(layers, 1, MaxSteps, nameof(layers));
            double m = activation.MaxAbsDerivative;
            return new AttenuationBound(activation.Name, layers, m, Math.Pow(m, layers));
        }

        /// <summary>f(gain·x) and its derivative in x at one gain (lab 4 sweeps gain at x = 1).</summary>
        public static ScaledGradient Scaled(Activation activation, double gain, double input)
        {
            if (activation == null) throw new ArgumentNullException(nameof(activation));
            Guard.Finite(gain, nameof(gain));
            Guard.Finite(input, nameof(input));
            if (double.IsInfinity(gain * input))
                throw new ArgumentOutOfRangeException(nameof(gain), gain, $"Gain × input ({gain} × {input}) overflows a double.");
            return new ScaledGradient(activation.Name, gain, input, activation.ScaledValue(gain, input), activation.ScaledDerivative(gain, input));
        }


    }
}
