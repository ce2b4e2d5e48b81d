using System;
using System.Collections.Generic;
using System.Threading;

namespace VanishingGradients
{
    /// <summary>
    /// What the labs only describe: a deep network trained by mini-batch SGD, recording per epoch and layer the loss,
    /// ‖∂L/∂W_l‖ and how far the layer moved (‖ΔW_l‖/‖W_l‖). Deep sigmoid networks barely move their front layers and
    /// their loss stalls; ReLU with He, residual connections and batch normalisation learn.
    /// <para>The network is the labs' one ([features] + [Hidden]×Depth + [outputs], no biases, the activation at every
    /// hidden layer) with a linear output unit, as a regression needs (<see cref="PassOptions.LinearOutput"/>), trained
    /// on the mean loss ½‖ŷ - y‖² of each mini-batch. The forward and backward pass are the depth experiment's.</para>
    /// <para>Update (heavy ball, as torch.optim.SGD with momentum μ and no dampening): g = ∂L/∂W = δ_l a_(l-1)ᵀ / n for a
    /// mini-batch of n samples; v ← μ·v + g (v starts at 0); ΔW = -η·v; W ← W + ΔW. μ = 0 is plain SGD, ΔW = -η·g.</para>
    /// <para>Draws: unless <see cref="Task"/> is given, <see cref="TrainingTask.Teacher"/> draws the task first, then the
    /// network draws its weights (layer by layer from the input side, as the depth experiment), from
    /// <see cref="Generator"/> when given or else from numpy's generator seeded with <see cref="Seed"/>. Mini-batches are
    /// the samples in order (no shuffling), the last one smaller when the batch size does not divide the samples: a
    /// run is a function of its settings, reproducible step for step by numpy.</para>
    /// </summary>
    public sealed record TrainingExperiment
    {
        public Activation Activation { get; init; } = VanishingGradients.Activations.Sigmoid;
        public Initializer Initializer { get; init; } = Initializer.Xavier;
        /// <summary>Residual connections and/or batch normalisation of the hidden layers (see <see cref="PassOptions"/>).</summary>
        public Remedy Remedy { get; init; } = Remedy.None;
        public int Depth { get; init; } = 10;
        /// <summary>Units of every hidden layer.</summary>
        public int Hidden { get; init; } = 20;
        /// <summary>η.</summary>
        public double LearningRate { get; init; } = 0.01;
        /// <summary>μ of the heavy-ball update, in [0, 1); 0 is plain SGD.</summary>
        public double Momentum { get; init; } = 0.9;
        public int Epochs { get; init; } = 100;
        public int BatchSize { get; init; } = 16;
        public int Seed { get; init; } = 42;
        /// <summary>A stream to draw from instead of seeding (e.g. a <see cref="NumpyRandom"/> several runs continue).</summary>
        public Random? Generator { get; init; }
        /// <summary>The data; drawn by <see cref="TrainingTask.Teacher"/> (<see cref="Features"/>, <see cref="Samples"/>, <see cref="TeacherUnits"/>) when null.</summary>
        public TrainingTask? Task { get; init; }
        public int Features { get; init; } = 10;
        public int Samples { get; init; } = 64;
        public int TeacherUnits { get; init; } = 4;

        /// <summary>Upper limit on epochs.</summary>
        public const int MaxEpochs = 10_000_000;

        private int SampleCount => Task?.Samples ?? Samples;

        /// <summary>Mini-batches per epoch.</summary>
        public int StepsPerEpoch => (SampleCount + BatchSize - 1) / Math.Max(1, BatchSize);

        /// <summary>Steps of the whole run.</summary>
        public long Steps => (long)Epochs * StepsPerEpoch;

        internal PassOptions Options() => new PassOptions { LinearOutput = true, ComputeWeightGradientNorms = false }.With(Remedy);

        /// <summary>Throws a clear ArgumentException for any setting that cannot run.</summary>
        public void Validate()
        {
            if (Activation == null) throw new ArgumentException("An activation is needed.", nameof(Activation));
            if (!Enum.IsDefined(typeof(Initializer), Initializer)) throw new ArgumentOutOfRangeException(nameof(Initializer), Initializer, "Unknown initialiser.");
            if ((Remedy & ~(Remedy.Residual | Remedy.BatchNorm)) != 0) throw new ArgumentOutOfRangeException(nameof(Remedy), Remedy, "Unknown remedy.");
            Guard.Finite(LearningRate, nameof(LearningRate));
            if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be positive.");
            if (!(Momentum >= 0 && Momentum < 1)) throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "Momentum must be at least 0 and below 1.");
            Guard.InRange(Epochs, 1, MaxEpochs, nameof(Epochs));
            Guard.InRange(TeacherUnits, 1, 10_000, nameof(TeacherUnits));
            Guard.InRange(Features, 1, 10_000, nameof(Features));
            Guard.InRange(Samples, 1, 1_000_000, nameof(Samples));
            Guard.InRange(BatchSize, 1, SampleCount, nameof(BatchSize));
            Network.Shape(Task?.Features ?? Features, Hidden, Depth, Task?.Outputs ?? 1);
            var options = Options();
            options.Validate(BatchSize);
            if (SampleCount % BatchSize != 0) options.Validate(SampleCount % BatchSize);
            if ((long)Depth * Hidden * BatchSize * 8 > Network.MaxWeights)
                throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "Depth × width × batch is too large to hold in memory.");
        }

        /// <summary>Draws the task (unless given) and the weights, and returns the run ready for its first step.</summary>
        public TrainingRun Start()
        {
            Validate();
            var random = Generator ?? new NumpyRandom((uint)Seed);
            var task = Task ?? TrainingTask.Teacher(random, Features, Samples, TeacherUnits);
            var net = Network.Create(Network.Shape(task.Features, Hidden, Depth, task.Outputs), Initializer, random);
            return new TrainingRun(this, task, net);
        }

        /// <summary>
        /// Trains for <see cref="Epochs"/> epochs and yields the rows of each epoch (input side first) as it ends. Lazy: nothing
        /// is drawn before the first row is asked for; <paramref name="cancellation"/> is checked between steps. A run that
        /// diverges throws <see cref="TrainingDivergedException"/> after the rows of the epochs before it.
        /// </summary>
        public IEnumerable<TrainingStatistics> Run(CancellationToken cancellation = default, IProgress<ExperimentProgress>? progress = null)
        {
            Validate();
            return RunValidated(cancellation, progress);
        }

        private IEnumerable<TrainingStatistics> RunValidated(CancellationToken cancellation, IProgress<ExperimentProgress>? progress)
        {
            var run = Start();
            for (int e = 0; e < Epochs; e++)
            {
                foreach (var row in run.NextEpoch(cancellation)) yield return row;
                progress?.Report(new ExperimentProgress(run.StepsTaken, Steps, Activation.Name, Initializer.ToString(), Depth));
            }
        }
    }
}
