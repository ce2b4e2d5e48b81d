using System;
using NUnit.Framework;
using VanishingGradients.Exercises;

namespace CourseGraders
{
    // Edge cases students are told about in the exercise text but cannot see tested: overflow, NaN, bad arguments.
    [TestFixture, Exercise(1), Hidden]
    public sealed class Ex01_DataGridHidden
    {
        [Test, Points(1)]
        public void Linspace_SinglePointIsStart()
        {
            double[] x = Student.Call("DataGrid.Linspace(3, 7, 1)", () => DataGrid.Linspace(3, 7, 1));
            Check.Values("DataGrid.Linspace(3, 7, 1)", new[] { 3.0 }, x, Tolerance.UlpsOnly(0), "With one point there is no spacing: return { start } (no division by count-1 = 0).");
        }

        [Test, Points(1)]
        public void RejectsNonsense()
        {
            Student.Throws<ArgumentOutOfRangeException>("DataGrid.Linspace(0, 1, 0)", () => DataGrid.Linspace(0, 1, 0), "A grid of 0 points is an error.");
            Student.Throws<ArgumentOutOfRangeException>("DataGrid.Arange(0, 1, 0)", () => DataGrid.Arange(0, 1, 0), "Step 0 would never reach the end.");
            Student.Throws<ArgumentOutOfRangeException>("DataGrid.Arange(0, 1, -0.1)", () => DataGrid.Arange(0, 1, -0.1), "A negative step never reaches the end.");
        }
    }
}
