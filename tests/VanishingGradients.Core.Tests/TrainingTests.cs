using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using NUnit.Framework;
using VanishingGradients;

namespace VanishingGradients.Tests
{
    /// <summary>The training experiment, step for step against the numpy float64 implementation of tests/fixtures/make_training_fixtures.py.</summary>
    public class TrainingTests
    {
        private static readonly JsonElement Fixture = Fixtures.Load("training.json");
        private const double Tolerance = 1e-10;

        private static IEnumerable<TestCaseData> Cases() =>
            Fixture.GetProperty("cases").EnumerateArray().Select(c => new TestCaseData(c).SetName("Numpy: " + c.GetProperty("name").GetString()));

        private static TrainingExperiment ExperimentOf(JsonElement c) => new TrainingExperiment
        {
            Activation = Activations.Get(c.GetProperty("activation").GetString()!),
            Initializer = Enum.Parse<Initializer>(c.GetProperty("initializer").GetString()!),
            Remedy = Enum.Parse<Remedy>(c.GetProperty("remedy").GetString()!),
            Seed = c.GetProperty("seed").GetInt32(), Features = c.GetProperty("features").GetInt32(),
            Samples = c.GetProperty("samples").GetInt32(), TeacherUnits = c.GetProperty("teacher_units").GetInt32(),
            Depth = c.GetProperty("depth").GetInt32(), Hidden = c.GetProperty("width").GetInt32(), BatchSize = c.GetProperty("batch").GetInt32(),
            LearningRate = c.GetProperty("learning_rate").GetDouble(), Momentum = c.GetProperty("momentum").GetDouble(),
        };

        // Relative agreement; both sides are float64, so only the order of the sums differs.
        private static void Close(double actual, double expected, string what) =>
            Assert.That(actual, Is.Not.NaN.And.EqualTo(expected).Within(Tolerance * Math.Abs(expected)), what);

        [TestCaseSource(nameof(Cases))]
        public void Every_step_matches_numpy(JsonElement c)
        {
            var run = ExperimentOf(c).Start();
            var steps = c.GetProperty("steps").EnumerateArray().ToArray();
            Assert.That(steps, Has.Length.EqualTo(Fixture.GetProperty("steps").GetInt32()));
            foreach (var (expected, i) in steps.Select((s, i) => (s, i)))
            {
                var step = run.Step();
                Assert.That(step.Samples, Is.EqualTo(expected.GetProperty("samples").GetInt32()), $"step {i + 1}: mini-batch size");
                Close(step.Loss, expected.GetProperty("loss").GetDouble(), $"step {i + 1}: loss");
                var g = Fixtures.Doubles(expected.GetProperty("gradient_norms"));
                var u = Fixtures.Doubles(expected.GetProperty("update_norms"));
                for (int l = 0; l < g.Length; l++)
                {
                    Close(step.WeightGradientNorms[l], g[l], $"step {i + 1}, layer {l + 1}: ‖∂L/∂W‖");
                    Close(step.UpdateNorms[l], u[l], $"step {i + 1}, layer {l + 1}: ‖ΔW‖");
                }
            }
            var weights = c.GetProperty("weights").EnumerateArray().ToArray();
            Assert.That(run.Network.Layers, Is.EqualTo(weights.Length));
            for (int l = 1; l <= weights.Length; l++)
            {
                var w = run.Network.GetWeights(l);
                var rows = weights[l - 1].EnumerateArray().Select(Fixtures.Doubles).ToArray();
                for (int i = 0; i < rows.Length; i++)
                    for (int j = 0; j < rows[i].Length; j++)
                        Assert.That(w[i, j], Is.EqualTo(rows[i][j]).Within(Tolerance), $"W_{l}[{i},{j}] after {steps.Length} steps");
            }
        }

        [TestCaseSource(nameof(Cases))]
        public void Epoch_rows_match_numpy(JsonElement c)
        {
            var epochs = c.GetProperty("epochs").EnumerateArray().ToArray();
            var rows = ExperimentOf(c) with { Epochs = epochs.Length };
            var all = rows.Run().ToList();
            int layers = rows.Depth + 1;
            Assert.That(all, Has.Count.EqualTo(epochs.Length * layers));
            for (int e = 0; e < epochs.Length; e++)
            {
                var g = Fixtures.Doubles(epochs[e].GetProperty("gradient_norms"));
                var r = Fixtures.Doubles(epochs[e].GetProperty("relative_updates"));
                for (int l = 0; l < layers; l++)
                {
                    var row = all[e * layers + l];
                    Assert.That((row.Epoch, row.Layer), Is.EqualTo((e + 1, l + 1)));
                    Close(row.Loss, epochs[e].GetProperty("loss").GetDouble(), $"epoch {e + 1}: loss");
                    Close(row.WeightGradientNorm, g[l], $"epoch {e + 1}, layer {l + 1}: mean ‖∂L/∂W‖");
                    Close(row.RelativeUpdate, r[l], $"epoch {e + 1}, layer {l + 1}: ‖ΔW‖/‖W‖");
                }
            }
        }

        [Test]
        public void Teacher_task_draws_what_numpy_draws()
        {
            // np.random.seed(42); np.random.randn(2, 3)[0, 0] is the first draw: 0.4967141530112327.
            var task = TrainingTask.Teacher(new NumpyRandom(42), features: 2, samples: 3, units: 1);
            Assert.That(task.Input[0, 0], Is.EqualTo(0.4967141530112327));
            Assert.That((task.Features, task.Samples, task.Outputs), Is.EqualTo((2, 3, 1)));
        }

        [Test]
        public void The_lesson_deep_sigmoid_stalls_while_the_remedies_learn()
        {
            IReadOnlyList<TrainingStatistics> Train(TrainingExperiment e) => e.Run().ToList();
            double Final(IReadOnlyList<TrainingStatistics> rows) => rows[^1].Loss;
            var sigmoid = Train(new TrainingExperiment());
            var relu = Train(new TrainingExperiment { Activation = Activations.ReLU, Initializer = Initializer.He });
            var residual = Train(new TrainingExperiment { Remedy = Remedy.Residual });
            var batchNorm = Train(new TrainingExperiment { Remedy = Remedy.BatchNorm });
            // Predicting the mean of y leaves about Var(y)/2: the stalled sigmoid network gets no further.
            Assert.That(Final(sigmoid), Is.GreaterThan(0.08));
            Assert.That(Final(relu), Is.LessThan(Final(sigmoid) / 20));
            Assert.That(Final(residual), Is.LessThan(Final(sigmoid) / 5));
            Assert.That(Final(batchNorm), Is.LessThan(Final(sigmoid) / 20));
            // In the first epoch the sigmoid network's front layer moves orders of magnitude less than its output layer.
            var first = sigmoid.Where(r => r.Epoch == 1).ToList();
            Assert.That(first[0].RelativeUpdate, Is.LessThan(first[^1].RelativeUpdate * 1e-4));
            var reluFirst = relu.Where(r => r.Epoch == 1).ToList();
            Assert.That(reluFirst[0].RelativeUpdate, Is.GreaterThan(reluFirst[^1].RelativeUpdate * 1e-2));
        }

        [Test]
        public void A_diverging_run_says_so_after_the_epochs_before_it()
        {
            var rows = new List<TrainingStatistics>();
            var e = Assert.Throws<TrainingDivergedException>(() =>
            {
                foreach (var r in new TrainingExperiment { Activation = Activations.ReLU, Initializer = Initializer.He, LearningRate = 0.9, Momentum = 0.99 }.Run())
                    rows.Add(r);
            })!;
            Assert.That(e.Message, Does.Contain("Training diverged at step").And.Contain("learning rate"));
            Assert.That(rows.All(r => double.IsFinite(r.Loss) && double.IsFinite(r.RelativeUpdate) && double.IsFinite(r.WeightGradientNorm)));
            Assert.That(rows.Count, Is.EqualTo((e.Epoch - 1) * 11));
        }

        [Test]
        public void Rows_stream_and_cancellation_stops_between_steps()
        {
            using var stop = new CancellationTokenSource();
            var experiment = new TrainingExperiment { Epochs = 1_000_000 };
            int seen = 0;
            Assert.Throws<OperationCanceledException>(() =>
            {
                foreach (var row in experiment.Run(stop.Token))
                    if (++seen == 22) stop.Cancel();
            });
            Assert.That(seen, Is.EqualTo(22), "two epochs streamed, then the run stopped before another step");
        }

        [TestCase(nameof(TrainingExperiment.LearningRate), -0.1)]
        [TestCase(nameof(TrainingExperiment.LearningRate), double.NaN)]
        [TestCase(nameof(TrainingExperiment.Momentum), 1.0)]
        [TestCase(nameof(TrainingExperiment.BatchSize), 65)]
        [TestCase(nameof(TrainingExperiment.Epochs), 0)]
        public void Settings_that_cannot_run_are_refused_before_drawing(string property, double value)
        {
            var e = property switch
            {
                nameof(TrainingExperiment.LearningRate) => new TrainingExperiment { LearningRate = value },
                nameof(TrainingExperiment.Momentum) => new TrainingExperiment { Momentum = value },
                nameof(TrainingExperiment.BatchSize) => new TrainingExperiment { BatchSize = (int)value },
                _ => new TrainingExperiment { Epochs = (int)value },
            };
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => e.Run())!;
            Assert.That(error.ParamName, Is.EqualTo(property));
        }

        [Test]
        public void Batch_norm_refuses_a_last_batch_of_one()
        {
            var e = new TrainingExperiment { Remedy = Remedy.BatchNorm, Samples = 33, BatchSize = 16 };
            Assert.That(() => e.Validate(), Throws.ArgumentException.With.Message.Contains("at least 2"));
        }
    }
}
