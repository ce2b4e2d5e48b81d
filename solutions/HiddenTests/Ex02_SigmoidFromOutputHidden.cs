using System;
using NUnit.Framework;
using VanishingGradients.Exercises;
using Core = VanishingGradients;

namespace CourseGraders
{
    // Edge cases students are told about in the exercise text but cannot see tested: overflow, NaN, bad arguments.
    [TestFixture, Exercise(2), Hidden]
    public sealed class Ex02_SigmoidFromOutputHidden
    {
        [Test, Points(1)]
        public void Sigmoid_HugeInputsDoNotOverflow()
        {
            double[] z = { -1000, -745, -40, 40, 745, 1000 };
            Check.Function("SigmoidFromOutput.Sigmoid(z)", z, Core.Activations.Sigmoid.Value, z => SigmoidFromOutput.Sigmoid(z), Tolerance.Tight,
                "e^(±z) overflows to infinity once |z| > 709: use 1/(1+e^-z) for z >= 0 and e^z/(1+e^z) for z < 0.", "z");
            Check.Function("SigmoidFromOutput.Gradient(z)", z, Core.Activations.Sigmoid.Derivative, z => SigmoidFromOutput.Gradient(z), Tolerance.Tight,
                "The gradient in the tails is tiny but never NaN.", "z");
        }

        [Test, Points(1)]
        public void Sigmoid_NaNPropagates()
        {
            double s = Student.Call("SigmoidFromOutput.Sigmoid(NaN)", () => SigmoidFromOutput.Sigmoid(double.NaN));
            Check.That(double.IsNaN(s), $"SigmoidFromOutput.Sigmoid(NaN) returned {Check.Show(s)}", "A NaN input has no meaningful output: return NaN, not 0 or 1.");
        }
    }
}
