using System;
using System.IO;
using System.Linq;
using NUnit.Framework;

namespace VanishingGradients.Grading.Tests
{
    public sealed class ExerciseGeneratorTests
    {
        private const string Source =
            "class A\n{\n    int F()\n    {\n        // START CODE HERE\n        // BEGIN SOLUTION: Return the answer.\n        int x = 42;\n        return x;\n        // END SOLUTION\n        // END CODE HERE\n    }\n}\n";

        [Test]
        public void Transform_ReplacesTheRegionWithAThrowingStubCarryingTheHint()
        {
            string stub = ExerciseGenerator.Transform(Source, "A.cs");
            Assert.That(stub, Is.EqualTo(
                "class A\n{\n    int F()\n    {\n        // START CODE HERE\n        throw new NotImplementedException(\"Return the answer.\");\n        // END CODE HERE\n    }\n}\n"));
        }

        [Test]
        public void Transform_UsesADefaultHintAndEscapesQuotes()
        {
            Assert.That(ExerciseGenerator.Transform("  // BEGIN SOLUTION\n  x();\n  // END SOLUTION\n", "a.cs"),
                Is.EqualTo($"  throw new NotImplementedException(\"{ExerciseGenerator.DefaultHint}\");\n"));
            Assert.That(ExerciseGenerator.Transform("// BEGIN SOLUTION: say \"hi\" \\ bye\n// END SOLUTION\n", "a.cs"),
                Is.EqualTo("throw new NotImplementedException(\"say \\\"hi\\\" \\\\ bye\");\n"));
        }

        [Test]
        public void Transform_NormalisesWindowsLineEndings() =>
            Assert.That(ExerciseGenerator.Transform(Source.Replace("\n", "\r\n"), "A.cs"), Is.EqualTo(ExerciseGenerator.Transform(Source, "A.cs")));

        [TestCase("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION\n", 2, "nest")]
        [TestCase("x\n// END SOLUTION\n", 2, "without a matching")]
        [TestCase("x\n\n// BEGIN SOLUTION\ny\n", 3, "never closed")]
        public void Transform_RejectsMalformedRegions(string source, int line, string fragment)
        {
            var e = Assert.Throws<GeneratorException>(() => ExerciseGenerator.Transform(source, "Bad.cs"))!;
            Assert.That(e.Line, Is.EqualTo(line));
            Assert.That(e.Message, Does.Contain("Bad.cs").And.Contain(fragment));
        }

        [Test]
        public void Generate_LeavesOutHiddenTestsAndBuildOutput()
        {
            string root = Repo.NewTempFolder();
            File.WriteAllText(Path.Combine(root, "Ex01_A.cs"), Source);
            File.WriteAllText(Path.Combine(root, "P.csproj"), "<Project />\r\n");
            foreach (var folder in new[] { "HiddenTests", "bin", "obj" })
            {
                Directory.CreateDirectory(Path.Combine(root, folder));
                File.WriteAllText(Path.Combine(root, folder, "X.cs"), "secret");
            }
            var files = ExerciseGenerator.Generate(root);
            Assert.That(files.Select(f => f.RelativePath), Is.EqualTo(new[] { "Ex01_A.cs", "P.csproj" }));
            Assert.That(files[1].Content, Is.EqualTo("<Project />\n"));
        }

        [Test]
        public void A_class_run_refuses_an_exercises_folder_that_is_not_the_stubs()
        {
            // Files a student did not hand in come from exercises/: with the solutions copied there they would score.
            string root = Repo.NewTempFolder();
            string solutions = Directory.CreateDirectory(Path.Combine(root, "solutions")).FullName;
            string exercises = Directory.CreateDirectory(Path.Combine(root, "exercises")).FullName;
            File.WriteAllText(Path.Combine(solutions, CourseLayout.ProjectFileName), "<Project />\n");
            File.WriteAllText(Path.Combine(solutions, "Ex01_A.cs"), Source);
            ExerciseGenerator.Write(solutions, exercises);
            File.Copy(Path.Combine(solutions, "Ex01_A.cs"), Path.Combine(exercises, "Ex01_A.cs"), overwrite: true);
            string student = Directory.CreateDirectory(Path.Combine(root, "alice")).FullName;
            Assert.That(() => new CourseGrader(new CourseLayout(root)).GradeSubmissions(new[] { student }, trusted: true),
                Throws.TypeOf<GradingException>().With.Message.Contains("out of date"));
        }

        [Test]
        public void Check_ReportsChangedMissingAndExtraFiles_AndWriteRepairsThem()
        {
            string solutions = Repo.NewTempFolder(), exercises = Repo.NewTempFolder();
            File.WriteAllText(Path.Combine(solutions, "Ex01_A.cs"), Source);
            File.WriteAllText(Path.Combine(solutions, "Ex02_B.cs"), "class B { }\n");
            ExerciseGenerator.Write(solutions, exercises);
            Assert.That(ExerciseGenerator.Check(solutions, exercises), Is.Empty);

            File.WriteAllText(Path.Combine(exercises, "Ex01_A.cs"), ExerciseGenerator.Transform(Source, "A").Replace("Return the answer.", "edited by hand"));
            File.Delete(Path.Combine(exercises, "Ex02_B.cs"));
            File.WriteAllText(Path.Combine(exercises, "Stray.cs"), "");
            var diffs = ExerciseGenerator.Check(solutions, exercises);
            Assert.That(diffs.Select(d => (d.RelativePath, d.Kind)), Is.EquivalentTo(new[] { ("Ex01_A.cs", "changed"), ("Ex02_B.cs", "missing"), ("Stray.cs", "extra") }));
            Assert.That(diffs.Single(d => d.Kind == "changed").Line, Is.EqualTo(6));

            ExerciseGenerator.Write(solutions, exercises);
            Assert.That(ExerciseGenerator.Check(solutions, exercises), Is.Empty);
            Assert.That(File.Exists(Path.Combine(exercises, "Stray.cs")), Is.False);
        }

        [Test]
        public void CommittedExercisesMatchTheGenerator()
        {
            var diffs = ExerciseGenerator.Check(Repo.Layout.Solutions, Repo.Layout.Exercises);
            Assert.That(diffs, Is.Empty, "exercises/ is stale; run: dotnet run --project src/Grading/vg-grade -- generate\n" + string.Join("\n", diffs));
        }

        [Test]
        public void EverySolutionFileHasAStubbedRegionAndNoSolutionLeaks()
        {
            var generated = ExerciseGenerator.Generate(Repo.Layout.Solutions).Where(f => f.RelativePath.StartsWith("Ex", StringComparison.Ordinal)).ToList();
            Assert.That(generated, Has.Count.EqualTo(14), "one exercise file per fill-in task of labs.md section 7");
            foreach (var file in generated)
            {
                Assert.That(file.Content, Does.Contain("throw new NotImplementedException("), file.RelativePath);
                Assert.That(file.Content, Does.Not.Contain(ExerciseGenerator.BeginMarker).And.Not.Contain(ExerciseGenerator.EndMarker), file.RelativePath);
                Assert.That(file.Content, Does.Contain("// START CODE HERE").And.Contain("// END CODE HERE"), file.RelativePath);
            }
        }
    }
}
