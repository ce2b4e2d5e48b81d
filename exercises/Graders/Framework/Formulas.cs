using System;
using VanishingGradients.Grading.Worker;

namespace CourseGraders
{
    /// <summary>
    /// Activation functions the graders hand to student code (as f and f' of a network, or a derivative to scan). The
    /// reference library cannot travel to the worker, so these are written as lambdas the worker rebuilds.
    /// </summary>
    public static class Formulas
    {
        public static readonly Func<double, double> Identity = CallEncoder.Shippable<Func<double, double>>(x => x);
        public static readonly Func<double, double> One = CallEncoder.Shippable<Func<double, double>>(x => 1.0);
        public static readonly Func<double, double> Sigmoid = CallEncoder.Shippable<Func<double, double>>(x => 1.0 / (1.0 + Math.Exp(-x)));
        public static readonly Func<double, double> SigmoidDerivative = CallEncoder.Shippable<Func<double, double>>(x => 1.0 / (1.0 + Math.Exp(-x)) * (1.0 - 1.0 / (1.0 + Math.Exp(-x))));
        public static readonly Func<double, double> Tanh = CallEncoder.Shippable<Func<double, double>>(x => Math.Tanh(x));
        public static readonly Func<double, double> TanhDerivative = CallEncoder.Shippable<Func<double, double>>(x => 1.0 - Math.Tanh(x) * Math.Tanh(x));
        public static readonly Func<double, double> Relu = CallEncoder.Shippable<Func<double, double>>(x => x > 0 ? x : 0.0);
        public static readonly Func<double, double> ReluDerivative = CallEncoder.Shippable<Func<double, double>>(x => x > 0 ? 1.0 : 0.0);
        public static readonly Func<double, double> LeakyRelu = CallEncoder.Shippable<Func<double, double>>(x => x > 0 ? x : 0.01 * x);
        public static readonly Func<double, double> LeakyReluDerivative = CallEncoder.Shippable<Func<double, double>>(x => x > 0 ? 1.0 : 0.01);
        public static readonly Func<double, double> Elu = CallEncoder.Shippable<Func<double, double>>(x => x > 0 ? x : Math.Exp(x) - 1.0);
        public static readonly Func<double, double> EluDerivative = CallEncoder.Shippable<Func<double, double>>(x => x > 0 ? 1.0 : Math.Exp(x));
        public static readonly Func<double, double> MinusThree = CallEncoder.Shippable<Func<double, double>>(x => -3.0);
    }
}
