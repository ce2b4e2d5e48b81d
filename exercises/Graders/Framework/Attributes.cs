using System;
using NUnit.Framework;

namespace CourseGraders
{
    /// <summary>How many points a test is worth. Every graded test carries one; the host refuses a test without it.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class PointsAttribute : PropertyAttribute
    {
        public const string Name = "Points";
        public PointsAttribute(double points) : base(Name, points)
        {
            if (!(points > 0)) throw new ArgumentOutOfRangeException(nameof(points), "A graded test is worth more than 0 points.");
        }
    }

    /// <summary>Which exercise a fixture grades: number (1..14) and title, as the scorecard shows them.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public sealed class ExerciseAttribute : PropertyAttribute
    {
        public const string IdProperty = "Exercise";
        public const string TitleProperty = "ExerciseTitle";

        public ExerciseAttribute(int number) : base()
        {
            if (number < 1 || number > Titles.Length) throw new ArgumentOutOfRangeException(nameof(number), number, $"Exercises are numbered 1..{Titles.Length}.");
            Properties.Add(IdProperty, Id(number));
            Properties.Add(TitleProperty, Titles[number - 1]);
        }

        /// <summary>The scorecard titles of exercises 1..14 (labs.md section 7), shared by visible and hidden fixtures.</summary>
        public static readonly string[] Titles =
        {
            "Data grid",
            "Sigmoid and its gradient from the output",
            "ReLU derivative",
            "Sigmoid and ReLU gradients on [-10, 10]",
            "Tanh and its derivative",
            "Tanh against ReLU gradients",
            "Tangent line of sigmoid",
            "Decay loop",
            "Leaky ReLU, ELU and the depth experiment",
            "Attenuation bound",
            "Xavier and He initialisation",
            "Scaled input saturates sigmoid",
            "Softmax and its Jacobian",
            "GELU exact and approximate",
        };

        public static string Id(int number) => $"Ex{number:00}";
    }

    /// <summary>Marks instructor-only fixtures (compiled in only with ExerciseSource=solutions).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public sealed class HiddenAttribute : PropertyAttribute
    {
        public const string Name = "Hidden";
        public HiddenAttribute() : base(Name, "true") { }
    }
}
