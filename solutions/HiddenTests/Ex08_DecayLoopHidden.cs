using System;
using NUnit.Framework;
using VanishingGradients.Exercises;

namespace CourseGraders
{
    // Edge cases students are told about in the exercise text but cannot see tested: overflow, NaN, bad arguments.
    [TestFixture, Exercise(8), Hidden]
    public sealed class Ex08_DecayLoopHidden
    {
        [Test, Points(1)]
        public void Cumulative_TwentyStepsStayExact()
        {
            double[] p = Student.Call("DecayLoop.Cumulative(0.25, 20)", () => DecayLoop.Cumulative(0.25, 20));
            Check.Value("Step 20 of 0.25", 9.094947017729282e-13, p.Length == 20 ? p[19] : double.NaN, Tolerance.UlpsOnly(0), "20 entries, the last 0.25^20.");
        }

        [Test, Points(1)]
        public void Cumulative_RejectsZeroSteps() =>
            Student.Throws<ArgumentOutOfRangeException>("DecayLoop.Cumulative(0.25, 0)", () => DecayLoop.Cumulative(0.25, 0), "Fewer than one step makes no sense.");
    }
}
