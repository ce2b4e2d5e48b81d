using System;
using System.Collections.Generic;
using System.Linq;

namespace VanishingGradients.Charts
{
    /// <summary>
    /// Turns the core's result records into a <see cref="Chart"/>. The record type decides the default kind, so that
    /// piping any cmdlet's output gives its natural picture; the kind-specific builders do the rest.
    /// </summary>
    public static class ChartBuilder
    {
        // Record type → its default kind, and every kind → the record type it reads.
        private static readonly Dictionary<Type, ChartKind> DefaultKinds = new Dictionary<Type, ChartKind>
        {
            [typeof(ActivationPoint)] = ChartKind.Activation,
            [typeof(DecayStep)] = ChartKind.Decay,
            [typeof(AttenuationBound)] = ChartKind.Bound,
            [typeof(ScaledGradient)] = ChartKind.Gain,
            [typeof(LayerStatistics)] = ChartKind.GradientNorm,
            [typeof(TrainingStatistics)] = ChartKind.Loss,
        };

        private static readonly Dictionary<ChartKind, Type> InputTypes = new Dictionary<ChartKind, Type>
        {
            [ChartKind.Activation] = typeof(ActivationPoint),
            [ChartKind.Compression] = typeof(ActivationPoint),
            [ChartKind.Decay] = typeof(DecayStep),
            [ChartKind.Bound] = typeof(AttenuationBound),
            [ChartKind.Gain] = typeof(ScaledGradient),
            [ChartKind.GradientNorm] = typeof(LayerStatistics),
            [ChartKind.ActivationStatistics] = typeof(LayerStatistics),
            [ChartKind.Loss] = typeof(TrainingStatistics),
            [ChartKind.LayerUpdate] = typeof(TrainingStatistics),
        };

        /// <summary>The record types a chart can be made of.</summary>
        public static IEnumerable<Type> SupportedTypes => DefaultKinds.Keys;

        /// <summary>True for a record some chart draws.</summary>
        public static bool IsSupported(object? record) => record != null && DefaultKinds.ContainsKey(record.GetType());

        /// <summary>A sentence naming what can be charted, for error messages.</summary>
        public static string SupportedDescription =>
            "Chartable objects are ActivationPoint (Get-Activation), DecayStep, AttenuationBound and ScaledGradient "
            + "(Measure-GradientDecay), LayerStatistics (Invoke-DepthExperiment without -Summary) and TrainingStatistics (Invoke-TrainingExperiment).";

        /// <summary>The chart of <paramref name="records"/>; <paramref name="kind"/> null means the record type's default.</summary>
        /// <exception cref="ChartInputException">The records are empty, of mixed or unsupported types, or do not fit the kind.</exception>
        public static Chart Build(IReadOnlyList<object> records, ChartKind? kind = null, ChartOptions? options = null)
        {
            options ??= new ChartOptions();
            if (records == null || records.Count == 0)
                throw new ChartInputException(ChartInputProblem.Empty, "There is nothing to chart: no objects were given. " + SupportedDescription);
            var type = records[0]?.GetType();
            if (type == null || !DefaultKinds.ContainsKey(type))
                throw new ChartInputException(ChartInputProblem.Unsupported, $"Objects of type {type?.FullName ?? "null"} cannot be charted. " + SupportedDescription);
            var other = records.FirstOrDefault(r => r?.GetType() != type);
            if (other != null || records.Any(r => r == null))
                throw new ChartInputException(ChartInputProblem.Mixed,
                    $"A chart is made of one type of object, but {type.Name} and {other?.GetType().Name ?? "null"} were given. Chart them separately.");
            var k = kind ?? DefaultKinds[type];
            if (InputTypes[k] != type)
                throw new ChartInputException(ChartInputProblem.KindMismatch,
                    $"{("AEIOU".Contains(k.ToString()[0]) ? "An" : "A")} {k} chart is made of {InputTypes[k].Name} objects, not {type.Name}. Omit the kind to get the default chart of {type.Name} ({DefaultKinds[type]}).");

            var chart = k switch
            {
                ChartKind.Activation => ActivationCharts.Curves(records.Cast<ActivationPoint>().ToList(), options),
                ChartKind.Compression => ActivationCharts.Compression(records.Cast<ActivationPoint>().ToList(), options),
                ChartKind.Decay => DecayCharts.Decay(records.Cast<DecayStep>().ToList(), options),
                ChartKind.Bound => DecayCharts.Bound(records.Cast<AttenuationBound>().ToList(), options),
                ChartKind.Gain => DecayCharts.Gain(records.Cast<ScaledGradient>().ToList(), options),
                ChartKind.GradientNorm => NetworkCharts.GradientNorms(records.Cast<LayerStatistics>().ToList(), options),
                ChartKind.ActivationStatistics => NetworkCharts.ActivationStatistics(records.Cast<LayerStatistics>().ToList(), options),
                ChartKind.Loss => TrainingCharts.Loss(records.Cast<TrainingStatistics>().ToList(), options),
                ChartKind.LayerUpdate => TrainingCharts.LayerUpdates(records.Cast<TrainingStatistics>().ToList(), options),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown chart kind."),
            };
            return Finish(chart, options);
        }

        // Why no value can be drawn: infinite values are an overflow upstream that no axis can show, so only zeros
        // and negatives on a log axis are worth a linear one.
        private static string NothingToDraw(IReadOnlyList<Panel> panels)
        {
            var ys = panels.SelectMany(p => p.Series.SelectMany(s => s.Y)).ToList();
            if (ys.Count > 0 && ys.All(double.IsInfinity))
                return "None of the values can be drawn: they are all infinite, so the computation that made them overflowed " +
                    $"(beyond ±{double.MaxValue:G3}). No axis can show that; use smaller weights, inputs or gains upstream.";
            if (ys.All(y => double.IsNaN(y) || double.IsInfinity(y)))
                return "None of the values can be drawn: they are all NaN or infinite.";
            return panels.Any(p => p.LogY)
                ? "None of the values can be drawn on a logarithmic axis: they are all zero or negative. Try a linear axis."
                : "None of the values can be drawn: they are all not finite.";
        }

        // Applies the options every kind shares, and refuses a chart with nothing to draw.
        private static Chart Finish(Chart chart, ChartOptions options)
        {
            var panels = chart.Panels.Select(p => options.LogY is bool log ? p with { LogY = log } : p).ToList();
            if (!panels.Any(p => p.Series.Any(s => Drawable.Points(s, p.LogY).Count > 0)))
                throw new ChartInputException(ChartInputProblem.NothingToDraw, NothingToDraw(panels));
            return chart with
            {
                Title = string.IsNullOrWhiteSpace(options.Title) ? chart.Title : options.Title!,
                Panels = panels,
            };
        }
    }
}
