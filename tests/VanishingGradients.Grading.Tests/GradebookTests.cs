using System.Globalization;
using System.Threading;
using NUnit.Framework;

namespace VanishingGradients.Grading.Tests
{
    public sealed class GradebookTests
    {
        private static ExerciseResult Row(string student, string message, double points = 1.5) =>
            new(student, "Ex02", "Sigmoid", points, 8, ExerciseStatus.Partial, message);

        [Test]
        public void Header_IsTheDocumentedColumns() =>
            Assert.That(Gradebook.ToCsv(new ExerciseResult[0]), Is.EqualTo("Student,Exercise,Points,MaxPoints,Status,Message\r\n"));

        [Test]
        public void Fields_WithCommasQuotesAndNewlines_AreQuoted()
        {
            string csv = Gradebook.ToCsv(new[] { Row("Doe, Jane", "expected \"0.25\",\ngot 0.5") });
            Assert.That(csv, Does.EndWith("\"Doe, Jane\",Ex02,1.5,8,Partial,\"expected \"\"0.25\"\",\ngot 0.5\"\r\n"));
            var rows = Gradebook.Parse(csv);
            Assert.That(rows, Has.Count.EqualTo(2));
            Assert.That(rows[1], Is.EqualTo(new[] { "Doe, Jane", "Ex02", "1.5", "8", "Partial", "expected \"0.25\",\ngot 0.5" }));
        }

        [Test]
        public void FormulaLikeText_IsNeutralised()
        {
            var rows = Gradebook.Parse(Gradebook.ToCsv(new[] { Row("=HYPERLINK(\"x\")", "-1 is wrong") }));
            Assert.That(rows[1][0], Is.EqualTo("'=HYPERLINK(\"x\")"));
            Assert.That(rows[1][5], Is.EqualTo("'-1 is wrong"));
        }

        [Test]
        public void Numbers_UseTheInvariantCulture()
        {
            var saved = Thread.CurrentThread.CurrentCulture;
            try
            {
                Thread.CurrentThread.CurrentCulture = new CultureInfo("de-DE");
                Assert.That(Gradebook.ToCsv(new[] { Row("a", "", 2.25) }), Does.Contain(",2.25,8,"));
            }
            finally { Thread.CurrentThread.CurrentCulture = saved; }
        }

        [Test]
        public void TabAndCarriageReturnPrefixes_AreNeutralisedToo()
        {
            var rows = Gradebook.Parse(Gradebook.ToCsv(new[] { Row("\t=1+1", "\r=cmd") }));
            Assert.That(rows[1][0], Does.StartWith("'"));
            Assert.That(rows[1][5], Does.StartWith("'"));
        }

        [Test]
        public void Write_ReplacesTheFileWholeAndLeavesNoTemporaryFile()
        {
            string dir = Repo.NewTempFolder();
            string path = System.IO.Path.Combine(dir, "gradebook.csv");
            System.IO.File.WriteAllText(path, "old");
            var card = new Scorecard("ann", new[] { Row("ann", "fine") });
            Gradebook.Write(path, new[] { card });
            Assert.That(System.IO.File.ReadAllText(path), Does.StartWith("Student,Exercise").And.Contain("ann,Ex02"));
            Assert.That(System.IO.Directory.GetFiles(dir), Is.EqualTo(new[] { path }));
        }
    }
}
