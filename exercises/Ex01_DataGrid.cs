using System;

namespace VanishingGradients.Exercises
{
    // ─── Exercise 1 · The data grid ────────────────────────────────────────────────────────────────
    // Every plot in the labs starts from evenly spaced inputs. Write the two ways the labs build them:
    //
    //  • Linspace(start, end, count): `count` points from start to end, BOTH ends included.
    //    Point i is start + i·(end - start)/(count - 1); make the last point exactly `end`.
    //    count = 1 gives just { start }. The first lab uses Linspace(-5, 5, 100): its max is 5.0, its min -5.0.
    //  • Arange(start, end, step): start, start + step, start + 2·step, ... while the value is below `end`
    //    (half-open, `end` itself excluded). The labs use step 0.01 on [-6, 6) and [-4, 4): 1200 and 800 points.
    //    Compute point i as start + i·step (do not keep adding step: the rounding errors pile up).
    //
    // Reject nonsense with ArgumentOutOfRangeException: count < 1, step ≤ 0, or an empty range.
    public static class DataGrid
    {
        public static double[] Linspace(double start, double end, int count)
        {
            // START CODE HERE
            throw new NotImplementedException("Allocate `count` doubles; x[i] = start + i*(end-start)/(count-1), last one exactly `end`.");
            // END CODE HERE
        }

        public static double[] Arange(double start, double end, double step)
        {
            // START CODE HERE
            throw new NotImplementedException("The number of points is ceil((end-start)/step); point i is start + i*step.");
            // END CODE HERE
        }
    }
}
