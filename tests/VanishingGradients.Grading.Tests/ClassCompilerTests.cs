using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NUnit.Framework;
using VanishingGradients.Grading.Worker;

namespace VanishingGradients.Grading.Tests
{
    /// <summary>
    /// The class compiler (one process for every submission of a run) must not let one submission's code cost the others
    /// their grades: code the compiler chokes on becomes that submission's errors, and a compiler that dies is run again
    /// on what is left, one submission at a time, until the one it died on is found (SubmissionCompiler.RunUntilDone).
    /// </summary>
    public sealed class ClassCompilerTests
    {
        private string _staged = "", _output = "";

        [SetUp]
        public void Stage()
        {
            string root = Repo.NewTempFolder();
            _staged = Directory.CreateDirectory(Path.Combine(root, "in")).FullName;
            _output = Directory.CreateDirectory(Path.Combine(root, "out")).FullName;
            foreach (string name in new[] { "0", "1", "2", "3" }) Directory.CreateDirectory(Path.Combine(_staged, name));
            Directory.CreateDirectory(Path.Combine(_staged, SubmissionCompiler.StubsFolder));
        }

        private void Compiled(string name)
        {
            File.WriteAllText(CompileOutput.PathOf(_output, name, CompileOutput.Assembly), "");
            File.WriteAllText(CompileOutput.PathOf(_output, name, CompileOutput.Symbols), "");
        }

        private void Started(string name) => File.WriteAllText(CompileOutput.PathOf(_output, name, CompileOutput.Started), "");

        private static readonly ProcessOutcome Crashed = new(134, "Stack overflow.", false), Clean = new(0, "", false);

        [Test]
        public void A_crash_is_blamed_on_the_submission_it_happened_in_and_the_rest_are_compiled()
        {
            var jobs = new List<int>();
            string stopped = SubmissionCompiler.RunUntilDone(_staged, _output, 2, (pending, runJobs) =>
            {
                jobs.Add(runJobs);
                switch (jobs.Count)
                {
                    case 1: Compiled("0"); Started("1"); Started("2"); return Crashed; // two at once: which one?
                    case 2: Started("1"); Compiled("1"); Started("2"); return Crashed; // one at a time: 2
                    default: Started("3"); Compiled("3"); return Clean;
                }
            });
            Assert.That(jobs, Is.EqualTo(new[] { 2, 1, 1 }));
            var compiled = SubmissionCompiler.Read(_staged, _output, stopped);
            Assert.That(compiled["0"].Assembly, Is.Not.Null);
            Assert.That(compiled["1"].Assembly, Is.Not.Null, "the submission compiled beside the crash is compiled again");
            Assert.That(compiled["3"].Assembly, Is.Not.Null, "submissions after the crash are compiled");
            Assert.That(compiled["2"].Errors, Does.Contain("crashed the compiler"));
        }

        [Test]
        public void A_compile_that_overran_is_named_by_the_compiler_itself_and_the_rest_go_on()
        {
            var jobs = new List<int>();
            SubmissionCompiler.RunUntilDone(_staged, _output, 2, (pending, runJobs) =>
            {
                jobs.Add(runJobs);
                if (jobs.Count > 1) { foreach (string n in new[] { "2", "3" }) { Started(n); Compiled(n); } return Clean; }
                Compiled("0");
                Started("1");
                File.WriteAllText(CompileOutput.PathOf(_output, "1", CompileOutput.Errors), "error VG0002: the compiler gave up");
                return new ProcessOutcome(CompileOutput.GaveUpExitCode, "", false);
            });
            var compiled = SubmissionCompiler.Read(_staged, _output, "");
            Assert.That(compiled["1"].Errors, Does.Contain("gave up"));
            Assert.That(new[] { "0", "2", "3" }.Select(n => compiled[n].Assembly), Is.All.Not.Null);
        }

        [Test]
        public void A_compiler_that_dies_before_compiling_anything_blames_nobody()
        {
            int runs = 0;
            string stopped = SubmissionCompiler.RunUntilDone(_staged, _output, 2, (pending, runJobs) => { runs++; return new ProcessOutcome(1, "no sandbox", false); });
            Assert.That(runs, Is.EqualTo(2), "once as a class, once one at a time; then it gives up");
            var compiled = SubmissionCompiler.Read(_staged, _output, stopped);
            Assert.That(compiled.Values.Select(c => c.Problem), Is.All.Contain("no sandbox"));
            Assert.That(compiled.Values.Select(c => c.Errors), Is.All.Null);
        }
    }
}
