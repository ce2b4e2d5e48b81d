using System;
using NUnit.Framework;
using VanishingGradients.Exercises;

namespace CourseGraders
{
    // Edge cases students are told about in the exercise text but cannot see tested: overflow, NaN, bad arguments.
    [TestFixture, Exercise(10), Hidden]
    public sealed class Ex10_AttenuationBoundHidden
    {
        [Test, Points(1)]
        public void Bound_RejectsZeroLayers() =>
            Student.Throws<ArgumentOutOfRangeException>("Attenuation.Bound(0.25, 0)", () => Attenuation.Bound(0.25, 0), "A network has at least one layer.");
    }
}
