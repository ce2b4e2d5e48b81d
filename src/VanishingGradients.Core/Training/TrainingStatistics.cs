using System;
using System.Collections.Generic;

namespace VanishingGradients
{
    /// <summary>
    /// One epoch of one layer of a <see cref="TrainingExperiment"/>; flat, so a table or a CSV row shows all of it, and
    /// rows of several configurations chart side by side.
    /// </summary>
    public sealed record TrainingStatistics
    {
        public string Activation { get; init; } = "";
        public string Initializer { get; init; } = "";
        /// <summary>The structural remedies (<see cref="VanishingGradients.Remedy"/> as text), as <see cref="LayerStatistics.Remedy"/>.</summary>
        public string Remedy { get; init; } = nameof(VanishingGradients.Remedy.None);
        /// <summary>Hidden layers of the network (L - 1).</summary>
        public int Depth { get; init; }
        /// <summary>Units of every hidden layer.</summary>
        public int Width { get; init; }
        public double LearningRate { get; init; }
        /// <summary>μ of the heavy-ball update; 0 is plain SGD.</summary>
        public double Momentum { get; init; }
        public int BatchSize { get; init; }
        /// <summary>1 = the first pass over the data.</summary>
        public int Epoch { get; init; }
        /// <summary>1 = first hidden layer (input side) ... L = the (linear) output layer.</summary>
        public int Layer { get; init; }
        public int Units { get; init; }
        /// <summary>The mean loss ½‖ŷ - y‖² per sample over the epoch, each mini-batch measured before its step (as training logs print it); the same for every layer of the epoch.</summary>
        public double Loss { get; init; }
        /// <summary>‖∂L/∂W_l‖ (Frobenius, L the mini-batch's mean loss), averaged over the epoch's steps.</summary>
        public double WeightGradientNorm { get; init; }
        /// <summary>‖ΔW_l‖/‖W_l‖: the Frobenius norm of the epoch's summed updates over that of W_l when the epoch began. How far the layer moved.</summary>
        public double RelativeUpdate { get; init; }
    }

    /// <summary>One mini-batch step of a <see cref="TrainingRun"/>.</summary>
    /// <param name="Step">1 = the first step of the run.</param>
    /// <param name="Epoch">The epoch the step belongs to, from 1.</param>
    /// <param name="Samples">The mini-batch's size.</param>
    /// <param name="Loss">½‖ŷ - y‖² averaged over the mini-batch, before the step.</param>
    /// <param name="WeightGradientNorms">‖∂L/∂W_l‖ per layer, input side first.</param>
    /// <param name="UpdateNorms">‖ΔW_l‖ of this step per layer.</param>
    public sealed record TrainingStep(int Step, int Epoch, int Samples, double Loss, IReadOnlyList<double> WeightGradientNorms, IReadOnlyList<double> UpdateNorms);

    /// <summary>
    /// A run whose loss, gradient or weights stopped being finite: the learning rate is too large for the network (or
    /// its inputs). Thrown instead of writing NaN rows; the rows of the epochs before stand.
    /// </summary>
    public sealed class TrainingDivergedException : ArithmeticException
    {
        public TrainingDivergedException(string message, int step, int epoch, Exception? inner = null) : base(message, inner)
        {
            Step = step;
            Epoch = epoch;
        }

        public int Step { get; }
        public int Epoch { get; }
    }
}
