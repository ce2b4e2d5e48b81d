using System;
using System.Threading;

namespace VanishingGradients
{
    /// <summary>
    /// What one network of an experiment gives: its rows, or why it has none. An undefined gradient (the pass's
    /// OverflowException) is that network's outcome, not the end of the run; the sequential run and the sweep
    /// scheduler both go through here.
    /// </summary>
    internal readonly record struct NetworkOutcome(LayerStatistics[]? Rows, UndefinedGradientException? Failure)
    {
        /// <summary>
        /// Runs the pass: null when its statistics are there to read, else why the network's gradient is undefined.
        /// Cancellation is not a failure of the network and propagates.
        /// </summary>
        public static UndefinedGradientException? Run(GradientPass pass, Network net, Activation f, double[] x, double[] y,
            PassOptions options, string initializer, int trial, CancellationToken cancellation)
        {
            try
            {
                pass.Run(net, f, x, y, options, cancellation);
                return null;
            }
            catch (OverflowException e)
            {
                return new UndefinedGradientException(f.Name, initializer, options.Remedy.ToString(), pass.Layers - 1, trial, e);
            }
        }

        /// <summary>Runs the pass and keeps its rows, or its failure.</summary>
        public static NetworkOutcome Of(GradientPass pass, Network net, Activation f, double[] x, double[] y,
            PassOptions options, string initializer, int trial, CancellationToken cancellation) =>
            Run(pass, net, f, x, y, options, initializer, trial, cancellation) is { } failure
                ? new NetworkOutcome(null, failure)
                : new NetworkOutcome(pass.Statistics(f.Name, initializer, options.Remedy, trial), null);

        /// <summary>
        /// The rows to yield, on the enumerating thread: a failed network goes to <paramref name="onUndefined"/> and has
        /// none; with no handler its failure ends the run.
        /// </summary>
        public LayerStatistics[] Yield(Action<UndefinedGradientException>? onUndefined)
        {
            if (Failure == null) return Rows!;
            if (onUndefined == null) throw Failure;
            onUndefined(Failure);
            return Array.Empty<LayerStatistics>();
        }
    }
}
