using System;

namespace VanishingGradients.Charts
{
    /// <summary>Why a set of records cannot make a chart; lets callers (the cmdlets) give each case its own error id.</summary>
    public enum ChartInputProblem
    {
        /// <summary>No records at all.</summary>
        Empty,
        /// <summary>Records of a type no chart draws.</summary>
        Unsupported,
        /// <summary>Records of more than one type.</summary>
        Mixed,
        /// <summary>The requested kind does not draw this record type.</summary>
        KindMismatch,
        /// <summary>The records hold nothing drawable (e.g. only non-finite values, or none positive on a log axis).</summary>
        NothingToDraw,
    }

    /// <summary>The records given to <see cref="ChartBuilder"/> cannot make the requested chart.</summary>
    public sealed class ChartInputException : ArgumentException
    {
        public ChartInputException(ChartInputProblem problem, string message) : base(message) => Problem = problem;

        public ChartInputProblem Problem { get; }
    }
}
