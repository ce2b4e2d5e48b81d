using NUnit.Framework;
using VanishingGradients.Exercises;

namespace CourseGraders
{
    [TestFixture, Exercise(1)]
    public sealed class Ex01_DataGridGrader
    {
        [Test, Points(2)]
        public void Linspace_HundredPointsOnMinusFiveToFive()
        {
            double[] x = Student.Call("DataGrid.Linspace(-5, 5, 100)", () => DataGrid.Linspace(-5, 5, 100));
            Check.Values("DataGrid.Linspace(-5, 5, 100)", Expected.Values("Grid.Linspace(-5, 5, 100)"), x, Tolerance.Tight,
                "Point i is start + i*(end-start)/(count-1): note the count-1, since both ends are included.");
        }

        [Test, Points(1)]
        public void Linspace_EndsExactly()
        {
            double[] x = Student.Call("DataGrid.Linspace(-10, 10, 400)", () => DataGrid.Linspace(-10, 10, 400));
            Check.Equal("Length of Linspace(-10, 10, 400)", 400, x.Length, "Make exactly `count` points.");
            Check.Value("First point", -10.0, x[0], Tolerance.UlpsOnly(0), "The first point is `start` itself.");
            Check.Value("Last point", 10.0, x[^1], Tolerance.UlpsOnly(0), "Set the last point to `end` exactly; rounding may otherwise leave it a hair off.");
        }

        [Test, Points(2)]
        public void Arange_HalfOpenStepOfOneHundredth()
        {
            double[] x = Student.Call("DataGrid.Arange(-6, 6, 0.01)", () => DataGrid.Arange(-6, 6, 0.01));
            Check.Equal("Length of Arange(-6, 6, 0.01)", 1200, x.Length, "Arange stops BEFORE end: [-6, 6) with step 0.01 has 1200 points.");
            Check.Values("DataGrid.Arange(-6, 6, 0.01)", Expected.Values("Grid.Arange(-6, 6, 0.01)"), x, new Tolerance(1e-12, 1e-12, 16),
                "Compute point i as start + i*step rather than adding step repeatedly.");
        }

        [Test, Points(1)]
        public void Arange_SecondGridOfTheLab()
        {
            double[] x = Student.Call("DataGrid.Arange(-4, 4, 0.01)", () => DataGrid.Arange(-4, 4, 0.01));
            Check.Equal("Length of Arange(-4, 4, 0.01)", 800, x.Length, "[-4, 4) with step 0.01 has 800 points; 4 itself is excluded.");
            Check.That(x[^1] < 4.0, $"The last point is {Check.Show(x[^1])}, which is not below 4", "Arange excludes `end`.");
        }
    }
}
