using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NUnit.Framework;
using VanishingGradients.Grading.Worker;

namespace VanishingGradients.Grading.Tests
{
    /// <summary>
    /// An exercise file that does not compile costs its own exercise, not the whole submission: the compiler swaps it
    /// for the kit's stub and compiles the rest again (Compiler.Compile in the worker).
    /// </summary>
    [TestFixture]
    public sealed class CompileFallbackTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

        private const string GoodA = "namespace S { public static class A { public static int One() => 1; } }";
        private const string StubA = "namespace S { public static class A { public static int One() => throw new System.NotImplementedException(); } }";
        private const string StubB = "namespace S { public static class B { public static int Two() => throw new System.NotImplementedException(); } }";

        private static readonly Dictionary<string, string> Stubs = new(StringComparer.Ordinal)
        {
            ["Ex01_A.cs"] = StubA,
            ["Ex02_B.cs"] = StubB,
        };

        private static (byte[]? Assembly, byte[]? Pdb, IReadOnlyList<string> Errors) Compile(params (string Name, string Text)[] files) =>
            Compiler.Compile(files, Stubs, Timeout);

        [Test]
        public void Everything_compiles_nothing_is_swapped()
        {
            var r = Compile(("Ex01_A.cs", GoodA), ("Ex02_B.cs", StubB));
            Assert.That(r.Assembly, Is.Not.Null);
            Assert.That(r.Errors, Is.Empty);
        }

        [Test]
        public void One_bad_file_is_swapped_for_its_stub_and_the_rest_compiles()
        {
            var r = Compile(("Ex01_A.cs", GoodA), ("Ex02_B.cs", "namespace S { public static class B { public static int Two() => 2 } }"));
            Assert.That(r.Assembly, Is.Not.Null);
            Assert.That(r.Errors, Is.Not.Empty);
            Assert.That(r.Errors, Is.All.StartWith("Ex02_B.cs(1,").And.Contain("error CS"));
        }

        [Test]
        public void A_file_broken_only_by_the_swap_is_swapped_in_the_next_round()
        {
            // B has a syntax error and also defines a helper that A uses: once B is the stub, A stops compiling too.
            const string badB = "namespace S { public static class B { public static int Helper() => 1; public static int Two() => 2 } }";
            const string usesB = "namespace S { public static class A { public static int One() => B.Helper(); } }";
            var r = Compile(("Ex01_A.cs", usesB), ("Ex02_B.cs", badB));
            Assert.That(r.Assembly, Is.Not.Null);
            Assert.That(r.Errors.Select(e => e.Split('(')[0]).Distinct(), Is.EquivalentTo(new[] { "Ex01_A.cs", "Ex02_B.cs" }));
        }

        [Test]
        public void A_file_that_only_suffers_from_an_unparsable_one_keeps_its_code()
        {
            // B does not parse but still declares class B (without Two); A calls B.Two(): A's error is B's fault.
            const string unparsableB = "namespace S { public static class B { retur } }";
            const string usesTwo = "namespace S { public static class A { public static int One() => B.Two() - 1; } }";
            var r = Compile(("Ex01_A.cs", usesTwo), ("Ex02_B.cs", unparsableB));
            Assert.That(r.Assembly, Is.Not.Null);
            Assert.That(r.Errors.Select(e => e.Split('(')[0]).Distinct(), Is.EqualTo(new[] { "Ex02_B.cs" }), "A compiles against B's stub");
        }

        [Test]
        public void An_error_outside_the_exercise_files_fails_the_whole_submission()
        {
            var r = Compile(("Ex01_A.cs", "namespace S { public static class A { public static int One() => 1 } }"), ("Support/Helper.cs", "class Helper { int x = \"no\"; }"));
            Assert.That(r.Assembly, Is.Null);
            Assert.That(r.Errors, Has.Some.StartsWith("Helper.cs(").And.Some.StartsWith("Ex01_A.cs("), "every error is reported");
        }

        [Test]
        public void A_bad_file_without_a_stub_fails_the_whole_submission()
        {
            var r = Compile(("Ex01_A.cs", GoodA), ("Ex03_C.cs", "not C#"));
            Assert.That(r.Assembly, Is.Null);
            Assert.That(r.Errors, Is.All.StartWith("Ex03_C.cs("));
        }

        [Test]
        public void The_tool_reads_the_swapped_files_errors_per_exercise()
        {
            // What the compiler writes beside the assembly (NAME.replaced), read back by the grading tool.
            string output = Repo.NewTempFolder(), staged = Repo.NewTempFolder();
            string submission = Directory.CreateDirectory(Path.Combine(staged, "0")).FullName;
            File.WriteAllText(Path.Combine(output, "0.dll"), "");
            File.WriteAllText(Path.Combine(output, "0.pdb"), "");
            File.WriteAllLines(Path.Combine(output, "0.replaced"), new[]
            {
                "Ex05_Tanh.cs(18,40): error CS1002: ; expected",
                "Ex05_Tanh.cs(18,34): error CS0103: The name 'retur' does not exist in the current context",
                "Ex09_LeakyReluElu.cs(3,1): error CS1022: Type or namespace definition, or end-of-file expected",
                "../../etc/passwd(1,1): error CS0000: not an exercise file",
            });
            var compiled = SubmissionCompiler.Read(staged, output, "unused");
            Assert.That(compiled["0"].Assembly, Is.Not.Null);
            Assert.That(compiled["0"].Uncompiled.Keys, Is.EquivalentTo(new[] { "Ex05", "Ex09" }));
            Assert.That(compiled["0"].Uncompiled["Ex05"], Does.StartWith("Does not compile: Ex05_Tanh.cs(18,40)").And.Contain("retur").And.Not.Contain("Ex09"));
            var results = new[]
            {
                new TestResult("s", "Ex05", "T1", 0, 2, TestStatus.NotImplemented, "stub", false),
                new TestResult("s", "Ex06", "T2", 3, 3, TestStatus.Passed, "", false),
                new TestResult("s", "Ex06", "T3", 0, 2, TestStatus.NotImplemented, "Not implemented yet: ... (in TanhUnit.Value, Ex05_Tanh.cs line 18). Hint: h", false),
                new TestResult("s", "Ex07", "T4", 0, 2, TestStatus.NotImplemented, "Not implemented yet: ... (in TangentLine.At, Ex07_TangentLine.cs line 9). Hint: h", false),
            };
            var marked = compiled["0"].MarkUncompiled(results).ToList();
            Assert.That(marked[0], Is.EqualTo(results[0] with { Status = TestStatus.CompileError, Message = compiled["0"].Uncompiled["Ex05"] }));
            Assert.That(marked[1], Is.EqualTo(results[1]));
            Assert.That(marked[2], Is.EqualTo(results[2] with { Message = results[2].Message + " (Ex05 does not compile, so it was graded as its stub.)" }),
                "a later exercise that reached the swapped stub says why");
            Assert.That(marked[3], Is.EqualTo(results[3]), "its own stub is not the swapped file's fault");
            Assert.That(submission, Does.Exist);
        }
    }
}
