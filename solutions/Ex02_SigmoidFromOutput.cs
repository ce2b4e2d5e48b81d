using System;

namespace VanishingGradients.Exercises
{
    // ─── Exercise 2 · Sigmoid, and its gradient from the output ────────────────────────────────────
    // sigmoid(z) = 1 / (1 + e^(-z)) squashes any real number into (0, 1).
    // Its derivative can be written with the OUTPUT alone: if s = sigmoid(z) then sigmoid'(z) = s·(1 - s).
    // Back-propagation keeps s from the forward pass, so this "gradient-from-output" form costs one multiply.
    //
    //  • Sigmoid(z): must not return NaN for huge inputs: Sigmoid(-1000) is 0 and Sigmoid(1000) is 1
    //    (e^1000 overflows to infinity; think about which formula stays finite). NaN in gives NaN out.
    //  • GradientFromOutput(s): takes the activation s (not z!) and returns s·(1 - s).
    //  • Gradient(z): the derivative at an input z, by combining the two above.
    //
    // On Linspace(-5, 5, 100) the lab prints max sigmoid 0.993, min 0.007, max gradient 0.250 (at the two
    // points nearest 0), min gradient 0.007. The largest possible gradient is 1/4, at z = 0.
    public static class SigmoidFromOutput
    {
        public static double Sigmoid(double z)
        {
            // START CODE HERE
            // BEGIN SOLUTION: 1/(1+e^-z) for z >= 0; for z < 0 use e^z/(1+e^z) so nothing overflows.
            if (z >= 0) return 1.0 / (1.0 + Math.Exp(-z));
            double e = Math.Exp(z);
            return e / (1.0 + e); // also the NaN path: NaN >= 0 is false and exp(NaN) is NaN
            // END SOLUTION
            // END CODE HERE
        }

        public static double GradientFromOutput(double s)
        {
            // START CODE HERE
            // BEGIN SOLUTION: Return s*(1-s), where s is already a sigmoid output.
            return s * (1.0 - s);
            // END SOLUTION
            // END CODE HERE
        }

        public static double Gradient(double z)
        {
            // START CODE HERE
            // BEGIN SOLUTION: Feed Sigmoid(z) into GradientFromOutput.
            return GradientFromOutput(Sigmoid(z));
            // END SOLUTION
            // END CODE HERE
        }
    }
}
