using NUnit.Framework;
using VanishingGradients.Exercises;

namespace CourseGraders
{
    [TestFixture, Exercise(8)]
    public sealed class Ex08_DecayLoopGrader
    {
        [Test, Points(2)]
        public void Cumulative_TheLabsSixSteps()
        {
            double[] p = Student.Call("DecayLoop.Cumulative(0.25, 6)", () => DecayLoop.Cumulative(0.25, 6));
            Check.Values("DecayLoop.Cumulative(0.25, 6)", new[] { 0.25, 0.0625, 0.015625, 0.00390625, 0.0009765625, 0.000244140625 }, p,
                Tolerance.UlpsOnly(0), "Entry k-1 is the product after k steps: 0.25, 0.25², ... (powers of 1/4 are exact in binary).");
        }

        [Test, Points(2)]
        public void SigmoidAt_TwoDecaysFaster()
        {
            double[] p = Student.Call("DecayLoop.SigmoidAt(2, 8)", () => DecayLoop.SigmoidAt(2, 8));
            Check.Values("DecayLoop.SigmoidAt(2, 8)", Expected.Values("GradientDecay.Cumulative(Sigmoid, 2, 8).CumulativeGradient"), p, Tolerance.Tight, "Use g = sigmoid'(2) ≈ 0.105 and multiply it step by step.");
        }

        [Test, Points(1)]
        public void Cumulative_OneStepIsTheGradientItself()
        {
            double[] p = Student.Call("DecayLoop.Cumulative(0.7, 1)", () => DecayLoop.Cumulative(0.7, 1));
            Check.Values("DecayLoop.Cumulative(0.7, 1)", new[] { 0.7 }, p, Tolerance.UlpsOnly(0), "After one step the product is g.");
        }
    }
}
