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
            // BEGIN SOLUTION: Allocate `count` doubles; x[i] = start + i*(end-start)/(count-1), last one exactly `end`.
            if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "A grid needs at least one point.");
            var x = new double[count];
            if (count == 1) { x[0] = start; return x; }
            double spacing = (end - start) / (count - 1);
            for (int i = 0; i < count - 1; i++) x[i] = start + i * spacing;
            x[count - 1] = end;
            return x;
            // END SOLUTION
            // END CODE HERE
        }

        public static double[] Arange(double start, double end, double step)
        {
            // START CODE HERE
            // BEGIN SOLUTION: The number of points is ceil((end-start)/step); point i is start + i*step.
            if (!(step > 0)) throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive.");
            double n = Math.Ceiling((end - start) / step);
            if (!(n >= 1)) throw new ArgumentOutOfRangeException(nameof(end), end, "The range [start, end) is empty.");
            var x = new double[(int)n];
            for (int i = 0; i < x.Length; i++) x[i] = start + i * step;
            return x;
            // END SOLUTION
            // END CODE HERE
        }
    }
}
