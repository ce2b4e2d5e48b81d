namespace VanishingGradients.Charts
{
    /// <summary>Choices that change the picture; null or Auto means the kind's default.</summary>
    public sealed record ChartOptions
    {
        /// <summary>Replaces the generated title.</summary>
        public string? Title { get; init; }
        /// <summary>Forces a logarithmic (true) or linear (false) y axis.</summary>
        public bool? LogY { get; init; }
        public ChartLayout Layout { get; init; } = ChartLayout.Auto;
        public ActivationCurve? Curve { get; init; }
        /// <summary>Adds the tangent of each activation at this x (activation charts only), drawn over x ± 1.7 as in the lab.</summary>
        public double? TangentAt { get; init; }
    }
}
