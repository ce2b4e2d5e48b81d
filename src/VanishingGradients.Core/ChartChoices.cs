// The chart choices the cmdlets take as parameters. They live in the core, not in VanishingGradients.Charts, because
// PowerShell reads the cmdlets' parameter types when it imports the module, before the module can hook up the load
// context that the chart renderer lives in (see src/VanishingGradients.PowerShell/ModuleLoadContext.cs).
namespace VanishingGradients.Charts
{
    /// <summary>Which picture to draw from the records; each kind accepts one record type.</summary>
    public enum ChartKind
    {
        /// <summary>ActivationPoint: f and f' against x, one colour per activation (derivative dashed).</summary>
        Activation,
        /// <summary>ActivationPoint: how an activation compresses its input: x, f(x) and f'(x), one panel each.</summary>
        Compression,
        /// <summary>DecayStep: the cumulative gradient against the step, log y.</summary>
        Decay,
        /// <summary>AttenuationBound: (max |f'|)^k against the number of layers k, log y.</summary>
        Bound,
        /// <summary>ScaledGradient: the derivative of f(r·x) against the gain r.</summary>
        Gain,
        /// <summary>LayerStatistics: the gradient norm per layer, log y; one line per depth, bars for a single network.</summary>
        GradientNorm,
        /// <summary>LayerStatistics: the mean activation per layer with a band of ± one standard deviation.</summary>
        ActivationStatistics,
        /// <summary>TrainingStatistics: the training loss against the epoch, one line per configuration, log y.</summary>
        Loss,
        /// <summary>TrainingStatistics: the relative update ‖ΔW_l‖/‖W_l‖ against the epoch, one line per layer, one panel per configuration, log y.</summary>
        LayerUpdate,
    }

    /// <summary>How several activations or networks share the figure.</summary>
    public enum ChartLayout
    {
        /// <summary>The kind's natural layout: one panel for activation curves, one panel per activation for networks.</summary>
        Auto,
        /// <summary>Everything in one panel.</summary>
        Overlay,
        /// <summary>One panel per activation (per activation and depth for activation statistics).</summary>
        Grid,
    }

    /// <summary>Which curves of an activation to draw.</summary>
    public enum ActivationCurve { Both, Value, Derivative }
}
