using System;
using System.Collections.Generic;
using System.Numerics.Tensors;
using System.Threading;

namespace VanishingGradients
{
    /// <summary>
    /// One training run of a <see cref="TrainingExperiment"/>, step by step: the network, the momentum buffers and what the
    /// current epoch has gathered. <see cref="Network"/> is the live network (its weights change with every step).
    /// Not thread-safe.
    /// </summary>
    public sealed class TrainingRun
    {
        private readonly double[] _x, _y;                 // the task, flattened (rows × samples)
        private readonly double[] _xb, _yb;               // the current mini-batch
        private readonly GradientPass _pass;
        private GradientPass? _lastPass;                  // for a smaller last mini-batch
        private readonly PassOptions _options;
        private readonly double[][] _gradient, _velocity, _epochUpdate;
        private readonly double[] _startNorm, _gradientSum;
        private double _lossSum;
        private int _stepInEpoch;

        internal TrainingRun(TrainingExperiment experiment, TrainingTask task, Network network)
        {
            Experiment = experiment;
            Task = task;
            Network = network;
            _options = experiment.Options();
            _x = Network.Flatten(task.Input, "input");
            _y = Network.Flatten(task.Target, "target");
            int b = experiment.BatchSize;
            _xb = new double[task.Features * b];
            _yb = new double[task.Outputs * b];
            _pass = new GradientPass(network.Sizes, b);
            int layers = network.Layers;
            _gradient = new double[layers][];
            _velocity = new double[layers][];
            _epochUpdate = new double[layers][];
            for (int l = 0; l < layers; l++)
            {
                _gradient[l] = new double[network.W[l].Length];
                _velocity[l] = new double[network.W[l].Length];
                _epochUpdate[l] = new double[network.W[l].Length];
            }
            _startNorm = new double[layers];
            _gradientSum = new double[layers];
        }

        public TrainingExperiment Experiment { get; }
        public TrainingTask Task { get; }
        public Network Network { get; }
        /// <summary>Steps taken so far.</summary>
        public int StepsTaken { get; private set; }
        /// <summary>Epochs completed so far.</summary>
        public int EpochsDone { get; private set; }

        /// <summary>
        /// One SGD step on the next mini-batch (see <see cref="TrainingExperiment"/> for the update).
        /// </summary>
        /// <exception cref="TrainingDivergedException">The loss, a gradient or the weights stopped being finite.</exception>
        public TrainingStep Step()
        {
            int layers = Network.Layers, samples = Task.Samples, b = Experiment.BatchSize;
            if (_stepInEpoch == 0) BeginEpoch();
            int first = _stepInEpoch * b, n = Math.Min(b, samples - first);
            var pass = n == b ? _pass : _lastPass ??= new GradientPass(Network.Sizes, n);
            Columns(_x, Task.Features, samples, first, n, _xb);
            Columns(_y, Task.Outputs, samples, first, n, _yb);
            int step = StepsTaken + 1, epoch = EpochsDone + 1;
            try
            {
                pass.Run(Network, Experiment.Activation, _xb.AsSpan(0, Task.Features * n), _yb.AsSpan(0, Task.Outputs * n), _options);
            }
            catch (OverflowException e)
            {
                throw Diverged(step, epoch, "the forward pass overflowed", e);
            }
            var output = pass.Values(layers);
            double loss = 0.0;
            for (int i = 0; i < Task.Outputs * n; i++) loss += (output[i] - _yb[i]) * (output[i] - _yb[i]);
            loss = 0.5 * loss / n;
            if (!double.IsFinite(loss)) throw Diverged(step, epoch, $"the loss became {loss}", null);

            var gradientNorms = new double[layers];
            var updateNorms = new double[layers];
            double mu = Experiment.Momentum, eta = Experiment.LearningRate;
            for (int l = 1; l <= layers; l++)
            {
                int rows = Network.Sizes[l], cols = Network.Sizes[l - 1];
                var g = _gradient[l - 1];
                var v = _velocity[l - 1];
                var w = Network.W[l - 1];
                Kernels.OuterProducts(pass.Delta(l), rows, pass.Values(l - 1), cols, n, g);   // δ_l a_(l-1)ᵀ
                TensorPrimitives.Divide(g, n, g);
                gradientNorms[l - 1] = Kernels.Norm(g);
                TensorPrimitives.MultiplyAdd(v, mu, g, v);         // v ← μ·v + g
                TensorPrimitives.Multiply(v, -eta, g);             // ΔW = -η·v, over the gradient buffer
                TensorPrimitives.Add(w, g, w);
                TensorPrimitives.Add(_epochUpdate[l - 1], g, _epochUpdate[l - 1]);
                updateNorms[l - 1] = Kernels.Norm(g);
                if (!double.IsFinite(gradientNorms[l - 1]) || !double.IsFinite(Kernels.Norm(w)))
                    throw Diverged(step, epoch, $"the weights of layer {l} stopped being finite", null);
                _gradientSum[l - 1] += gradientNorms[l - 1];
            }
            _lossSum += loss * n;
            StepsTaken = step;
            if (++_stepInEpoch == Experiment.StepsPerEpoch) { _stepInEpoch = 0; EpochsDone++; }
            return new TrainingStep(step, epoch, n, loss, gradientNorms, updateNorms);
        }

        /// <summary>The remaining steps of the current epoch (all of them at an epoch's start), then its rows, input side first.</summary>
        public IReadOnlyList<TrainingStatistics> NextEpoch(CancellationToken cancellation = default)
        {
            int epoch = EpochsDone + 1;
            do
            {
                cancellation.ThrowIfCancellationRequested();
                Step();
            } while (_stepInEpoch != 0);
            return EpochRows(epoch, Experiment.StepsPerEpoch);
        }

        private void BeginEpoch()
        {
            _lossSum = 0.0;
            for (int l = 0; l < Network.Layers; l++)
            {
                _startNorm[l] = Kernels.Norm(Network.W[l]);
                _gradientSum[l] = 0.0;
                Array.Clear(_epochUpdate[l]);
            }
        }

        private TrainingStatistics[] EpochRows(int epoch, int steps)
        {
            var e = Experiment;
            var rows = new TrainingStatistics[Network.Layers];
            double loss = _lossSum / Task.Samples;
            for (int l = 0; l < rows.Length; l++)
                rows[l] = new TrainingStatistics
                {
                    Activation = e.Activation.Name, Initializer = e.Initializer.ToString(), Remedy = e.Remedy.ToString(),
                    Depth = e.Depth, Width = e.Hidden, LearningRate = e.LearningRate, Momentum = e.Momentum, BatchSize = e.BatchSize,
                    Epoch = epoch, Layer = l + 1, Units = Network.Sizes[l + 1], Loss = loss,
                    WeightGradientNorm = _gradientSum[l] / steps,
                    RelativeUpdate = Relative(Kernels.Norm(_epochUpdate[l]), _startNorm[l]),
                };
            return rows;
        }

        // A layer that starts at zero moved infinitely far if it moved at all; never 0/0.
        private static double Relative(double update, double start) => update == 0.0 ? 0.0 : update / start;

        // Columns first .. first+n of a rows × samples matrix, into a rows × n buffer.
        private static void Columns(double[] m, int rows, int samples, int first, int n, double[] into)
        {
            for (int i = 0; i < rows; i++) Array.Copy(m, i * samples + first, into, i * n, n);
        }

        private TrainingDivergedException Diverged(int step, int epoch, string what, Exception? inner) =>
            new TrainingDivergedException($"Training diverged at step {step} (epoch {epoch}): {what}. The learning rate " +
                $"{Experiment.LearningRate:G4} is too large for this network; try a smaller one.", step, epoch, inner);
    }
}
