using System.IO;
using System.Linq;
using System.Management.Automation;
using NUnit.Framework;
using VanishingGradients.Grading;

namespace VanishingGradients.Module.Tests
{
    /// <summary>Invoke-ExerciseGrader inside the hosted engine, on the fixture submissions of the course kit.</summary>
    [TestFixture, NonParallelizable]
    public class ExerciseGraderTests : EngineFixture
    {
        private static string Root => Repository.Root;

        [Test]
        public void Grades_a_submission_folder_into_gradebook_rows()
        {
            var result = Engine.Run($"Invoke-ExerciseGrader -Path '{Root}/tests/fixtures/submissions/partial' -CoursePath '{Root}' -VisibleOnly");
            Assert.That(result.Errors, Is.Empty);
            var rows = result.Objects<ExerciseResult>();
            Assert.That(rows.Select(r => r.Exercise), Is.EqualTo(Enumerable.Range(1, 14).Select(i => $"Ex{i:00}")));
            Assert.That(rows.All(r => r.Student == "partial"), Is.True);
            Assert.That(rows.Sum(r => r.Points), Is.GreaterThan(0).And.LessThan(rows.Sum(r => r.MaxPoints)));
            Assert.That(result.Progress.Last().RecordType, Is.EqualTo(ProgressRecordType.Completed));
            // What Export-Csv writes: flat gradebook columns only.
            Assert.That(result.Output[0].Properties.Select(p => p.Name),
                Is.EqualTo(new[] { "Student", "Exercise", "Title", "Points", "MaxPoints", "Status", "Message" }));
        }

        [Test]
        public void A_missing_folder_is_an_error_record()
        {
            var result = Engine.Run($"Invoke-ExerciseGrader -Path '{Root}/no-such-submission' -CourseRoot '{Root}'");
            Assert.That(result.Output, Is.Empty);
            Assert.That(result.Errors.Single().FullyQualifiedErrorId, Does.StartWith("InvokeExerciseGraderPathNotFound,"));
            var course = Engine.Run("Invoke-ExerciseGrader -CourseRoot '/'").Errors.Single();
            Assert.That(course.FullyQualifiedErrorId, Does.StartWith("InvokeExerciseGraderCourseNotFound,"));
        }
    }
}
