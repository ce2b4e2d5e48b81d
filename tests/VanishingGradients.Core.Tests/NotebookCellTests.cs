using System;
using System.Linq;
using System.Text.Json;
using NUnit.Framework;
using VanishingGradients;

namespace VanishingGradients.Tests
{
    /// <summary>
    /// The labs' two depth cells draw for draw (labs.md §5), against numpy running the cells' code as written
    /// (tests/fixtures/make_notebook_fixtures.py → notebook-depth.json): every layer's norm of every network.
    /// </summary>
    public class NotebookCellTests
    {
        private static readonly JsonElement Fixture = Fixtures.Load("notebook-depth.json");

        private static JsonElement[] Runs(string cell) => Fixture.GetProperty(cell).GetProperty("runs").EnumerateArray().ToArray();

        private static double[,] Matrix(JsonElement e)
        {
            var rows = e.EnumerateArray().Select(Fixtures.Doubles).ToArray();
            var m = new double[rows.Length, rows[0].Length];
            for (int i = 0; i < rows.Length; i++)
                for (int j = 0; j < rows[0].Length; j++) m[i, j] = rows[i][j];
            return m;
        }

        private static Activation Act(JsonElement run) => Activations.Get(run.GetProperty("activation").GetString()!);

        // Every layer's norm, and the printed first, last and ratio, to 1e-12 relative (the GEMM may sum in another order).
        private static void AssertRun(JsonElement run, LayerStatistics[] rows)
        {
            var norms = Fixtures.Doubles(run.GetProperty("norms"));
            Assert.That(rows.Length, Is.EqualTo(norms.Length));
            for (int l = 0; l < norms.Length; l++)
                Assert.That(rows[l].GradientNorm, Is.EqualTo(norms[l]).Within(1e-12 * norms[l]), $"{run.GetProperty("activation")} depth {run.GetProperty("depth")} layer {l + 1}");
            var summary = DepthExperiment.Summarize(rows).Single();
            Assert.That(summary.FirstLayerNorm, Is.EqualTo(run.GetProperty("first").GetDouble()).Within(1e-12 * summary.FirstLayerNorm));
            Assert.That(summary.LastLayerNorm, Is.EqualTo(run.GetProperty("last").GetDouble()).Within(1e-12 * summary.LastLayerNorm));
            var ratio = run.GetProperty("ratio");
            if (ratio.ValueKind == JsonValueKind.Null) Assert.That(summary.Ratio, Is.Null);
            else Assert.That(summary.Ratio!.Value, Is.EqualTo(ratio.GetDouble()).Within(1e-11 * ratio.GetDouble()));
        }

        [Test]
        public void First_cell_seeds_once_draws_x_and_y_then_eight_networks_from_the_same_stream()
        {
            var cell = Fixture.GetProperty("first_cell");
            var g = new NumpyRandom(42);
            var x = g.Randn(10, 1);
            var y = g.Randn(1, 1);
            Assert.That(x, Is.EqualTo(Matrix(cell.GetProperty("x"))));
            Assert.That(y, Is.EqualTo(Matrix(cell.GetProperty("y"))));
            var rows = new DepthExperiment
            {
                Activations = new[] { Activations.Sigmoid, Activations.ReLU }, Depths = new[] { 3, 5, 10, 20 }, Features = 10, Hidden = 20,
                Generator = g, Input = x, Target = y,
            }.Run().ToArray();
            var runs = Runs("first_cell");
            Assert.That(runs, Has.Length.EqualTo(8));
            int at = 0;
            foreach (var run in runs)
            {
                int layers = run.GetProperty("depth").GetInt32() + 1;
                var network = rows.Skip(at).Take(layers).ToArray();
                Assert.That(network.Select(r => r.Activation).Distinct().Single(), Is.EqualTo(Act(run).Name));
                Assert.That(network.Select(r => r.Depth).Distinct().Single(), Is.EqualTo(layers - 1));
                AssertRun(run, network);
                at += layers;
            }
            Assert.That(at, Is.EqualTo(rows.Length));
            // 10 + 1 normals for x, y; then 20·10+20·20·(d-1)+20 weights for each depth, twice.
            long weights = new[] { 3, 5, 10, 20 }.Sum(d => 200 + 400L * (d - 1) + 20);
            Assert.That(g.NormalsDrawn, Is.EqualTo(11 + 2 * weights));
        }

        [Test]
        public void First_cell_split_over_calls_continues_the_stream()
        {
            var g = new NumpyRandom(42);
            var x = g.Randn(10, 1);
            var y = g.Randn(1, 1);
            var rows = new[] { Activations.Sigmoid, Activations.ReLU }.SelectMany(a => new[] { 3, 5, 10, 20 }.SelectMany(d => new DepthExperiment
            {
                Activations = new[] { a }, Depths = new[] { d }, Features = 10, Hidden = 20, Generator = g, Input = x, Target = y,
            }.Run().ToArray())).ToArray();
            int at = 0;
            foreach (var run in Runs("first_cell"))
            {
                int layers = run.GetProperty("depth").GetInt32() + 1;
                AssertRun(run, rows.Skip(at).Take(layers).ToArray());
                at += layers;
            }
        }

        [Test]
        public void First_cell_relu_gradients_flow_and_sigmoid_gradients_vanish()
        {
            foreach (var run in Runs("first_cell"))
            {
                var norms = Fixtures.Doubles(run.GetProperty("norms"));
                double ratio = run.GetProperty("ratio").GetDouble();
                int depth = run.GetProperty("depth").GetInt32();
                if (run.GetProperty("activation").GetString() == "relu")
                {
                    Assert.That(norms, Has.All.GreaterThan(0.0), $"ReLU depth {depth}: every layer has a gradient");
                    double sigmoidRatio = Runs("first_cell").Single(r => r.GetProperty("activation").GetString() == "sigmoid" &&
                        r.GetProperty("depth").GetInt32() == depth).GetProperty("ratio").GetDouble();
                    Assert.That(ratio, Is.GreaterThan(10 * sigmoidRatio), $"ReLU depth {depth} keeps far more of the gradient than sigmoid");
                }
                else Assert.That(ratio, Is.LessThan(Math.Pow(0.25, depth) * 100), $"sigmoid depth {depth} decays about as (1/4)^depth");
            }
        }

        [Test]
        public void Second_cell_reseeds_per_run_and_draws_weights_then_x_then_y()
        {
            foreach (var run in Runs("second_cell"))
            {
                var fromGenerator = new DepthExperiment
                {
                    Activations = new[] { Act(run) }, Depths = new[] { 10 }, Features = 8, Hidden = 15, Generator = new NumpyRandom(42),
                }.Run().ToArray();
                AssertRun(run, fromGenerator);
                var fromSeed = new DepthExperiment { Activations = new[] { Act(run) }, Depths = new[] { 10 }, Features = 8, Hidden = 15, Seed = 42 }.Run().ToArray();
                Assert.That(fromSeed, Is.EqualTo(fromGenerator));
            }
        }

        [Test]
        public void A_run_stopped_early_leaves_the_generator_after_the_networks_it_drew()
        {
            // Streaming: the first network (4 rows) drew 10·20 + 20·20·2 + 20 weights, then x and y; depth 20 is never drawn.
            var g = new NumpyRandom(42);
            var first = new DepthExperiment { Generator = g, Depths = new[] { 3, 20 } }.Run().Take(4).ToArray();
            Assert.That(first.Select(r => r.Layer), Is.EqualTo(new[] { 1, 2, 3, 4 }));
            Assert.That(g.NormalsDrawn, Is.EqualTo(200L + 800 + 20 + 10 + 1));
        }

        [Test]
        public void Explicit_input_replaces_the_draw_of_x_only()
        {
            // Weights, then x (skipped: given), then y: the stream must be where numpy's is after weights and y.
            var numpy = new NumpyRandom(5);
            var net = Network.Create(Network.Shape(3, 4, 2), Initializer.Xavier, numpy);
            var y = numpy.Randn(1, 2);
            var x = new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } };
            var expected = net.Backpropagate(Activations.Tanh, x, y);
            var g = new NumpyRandom(5);
            var rows = new DepthExperiment
            {
                Activations = new[] { Activations.Tanh }, Depths = new[] { 2 }, Features = 3, Hidden = 4, BatchSize = 2, Generator = g, Input = x,
            }.Run().ToArray();
            Assert.That(rows.Select(r => r.GradientNorm), Is.EqualTo(expected.Select(r => r.GradientNorm)));
            Assert.That(g.NormalsDrawn, Is.EqualTo(numpy.NormalsDrawn));
        }

        [Test]
        public void Input_and_target_of_the_wrong_shape_are_rejected_with_the_shapes()
        {
            var e = Assert.Throws<ArgumentException>(() => new DepthExperiment { Features = 10, Input = new double[9, 1] }.Validate())!;
            Assert.That(e.Message, Does.Contain("9 × 1").And.Contain("10 × 1"));
            Assert.Throws<ArgumentException>(() => new DepthExperiment { Target = new double[1, 2] }.Validate());
            var nan = new double[10, 1];
            nan[3, 0] = double.NaN;
            Assert.Throws<ArgumentException>(() => new DepthExperiment { Input = nan }.Validate());
        }

        [Test]
        public void NumpyRandom_reseeds_like_np_random_seed()
        {
            var g = new NumpyRandom(42);
            var first = g.Randn(3, 1);
            g.NextGaussian(); // leaves a cached normal behind; seed must drop it
            g.Seed(42);
            Assert.That(g.Randn(3, 1), Is.EqualTo(first));
            Assert.That(g.NormalsDrawn, Is.EqualTo(3));
            Assert.That(g.ToString(), Does.Contain("seed 42"));
        }
    }
}
