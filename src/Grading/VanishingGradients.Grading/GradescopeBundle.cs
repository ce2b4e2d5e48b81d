using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using System.Text;

namespace VanishingGradients.Grading
{
    /// <summary>
    /// Packs the Gradescope autograder (the zip Gradescope asks for: setup.sh and run_autograder at its root). It carries
    /// everything grading needs without an SDK: the grading tool as built (framework-dependent), the graders built against
    /// solutions/ (so with the hidden tests and the compiled reference answers they compare against), the worker, and the
    /// exercise stubs and helpers. Gradescope unpacks it into /autograder/source; setup.sh installs the .NET runtime and
    /// bubblewrap once; run_autograder grades /autograder/submission into /autograder/results/results.json.
    /// </summary>
    public static class GradescopeBundle
    {
        /// <summary>Where the grading tool sits in the bundle.</summary>
        public const string ToolFolder = "tool";
        /// <summary>Where the course kit (the <see cref="CourseLayout"/> root) sits in the bundle.</summary>
        public const string KitFolder = "kit";

        /// <summary>Builds the graders against solutions/ and writes the bundle; returns the paths inside the zip.</summary>
        /// <param name="layout">The course kit to pack (its solutions/ are needed to build the graders).</param>
        /// <param name="zipPath">The zip to write.</param>
        /// <param name="toolFolder">The folder of the built grading tool (vg-grade.dll and its dependencies).</param>
        /// <param name="limits">The limits the bundle grades with; the defaults when null.</param>
        /// <param name="cancellation">Ctrl+C: the zip is not written (an older one stays).</param>
        public static IReadOnlyList<string> Create(CourseLayout layout, string zipPath, string toolFolder, GradingLimits? limits = null, CancellationToken cancellation = default)
        {
            if (!layout.HasSolutions) throw new GradingException("The Gradescope bundle is built from the instructor's repository: solutions/ is not here.");
            ExerciseGenerator.RequireCurrent(layout.Solutions, layout.Exercises);
            string graders = Path.GetDirectoryName(new CourseGrader(layout, limits).BuildGraders(ExerciseSource.Solutions))!;
            string worker = Path.GetDirectoryName(layout.WorkerAssembly)!;
            if (!File.Exists(layout.WorkerAssembly)) throw new GradingException($"The worker was not built ({layout.WorkerAssembly} is missing).");
            if (!File.Exists(Path.Combine(toolFolder, "vg-grade.dll"))) throw new GradingException($"'{toolFolder}' holds no vg-grade.dll.");

            var entries = new List<string>();
            AtomicFile.WriteZip(zipPath, zip =>
            {
                AddText(zip, "setup.sh", SetupScript, entries);
                string workerInBundle = $"{KitFolder}/{ExerciseGenerator.Relative(layout.Root, worker)}";
                AddText(zip, "run_autograder", RunScript.Replace("@WORKER@", workerInBundle), entries);
                AddFolder(zip, toolFolder, ToolFolder, entries);
                foreach (string stub in CourseGrader.ExerciseSources(layout.Stubs))
                    AddFile(zip, stub, $"{KitFolder}/exercises/{Path.GetFileName(stub)}", entries);
                AddFolder(zip, layout.Support, $"{KitFolder}/exercises/Support", entries);
                AddFolder(zip, graders, $"{KitFolder}/{ExerciseGenerator.Relative(layout.Root, graders)}", entries);
                AddFolder(zip, worker, workerInBundle, entries);
            }, cancellation);
            return entries;
        }

        // Debug symbols stay behind: nothing in the bundle needs them (a student's assembly gets its own when it is
        // compiled), and they hold the instructor's build paths.
        private static void AddFolder(ZipArchive zip, string folder, string prefix, List<string> entries)
        {
            foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
                if (!file.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase))
                    AddFile(zip, file, prefix + "/" + ExerciseGenerator.Relative(folder, file), entries);
        }

        private static void AddFile(ZipArchive zip, string file, string name, List<string> entries)
        {
            zip.CreateEntryFromFile(file, name, CompressionLevel.Optimal);
            entries.Add(name);
        }

        private static void AddText(ZipArchive zip, string name, string text, List<string> entries)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.ExternalAttributes = Convert.ToInt32("100755", 8) << 16; // a regular file, executable once unpacked
            using (var stream = entry.Open()) stream.Write(new UTF8Encoding(false).GetBytes(text.Replace("\r\n", "\n")));
            entries.Add(name);
        }

        /// <summary>Runs once, as root, when Gradescope builds the image (Ubuntu).</summary>
        internal const string SetupScript = @"#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder image (Ubuntu): the .NET 10 runtime, and
# bubblewrap with prlimit/setpriv (util-linux) for the sandbox the students' code runs in.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends bubblewrap util-linux ca-certificates curl
curl -sSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh
bash /tmp/dotnet-install.sh --channel 10.0 --runtime dotnet --install-dir /usr/share/dotnet
ln -sf /usr/share/dotnet/dotnet /usr/bin/dotnet
dotnet --list-runtimes
";

        /// <summary>Runs once per submission, as root. AUTOGRADER_ROOT replaces /autograder (to try the bundle locally).</summary>
        internal const string RunScript = @"#!/usr/bin/env bash
# Gradescope runs this for every submission, as root, in /autograder: it grades /autograder/submission (the exercise
# files, at its top or in an exercises/ folder) and writes /autograder/results/results.json. AUTOGRADER_ROOT replaces
# /autograder, to try the bundle on your own machine.
set -euo pipefail
root=${AUTOGRADER_ROOT:-/autograder}
source=""$root/source""
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Students' code runs as nobody, inside bubblewrap where the container allows it. The kit (graders, hidden tests, the
# compiled reference answers) is root's alone; nobody may only pass through to the worker's folder and read that.
worker=""$source/@WORKER@""
chmod -R go-rwx ""$source""
dir=$worker
while [ ""$dir"" != ""$root"" ] && [ -n ""$dir"" ]; do chmod o+x ""$dir""; dir=${dir%/*}; done
chmod -R o+rX ""$worker""
# Where bubblewrap cannot create namespaces the worker runs as nobody without them: the tool says so in the log.
status=0
dotnet ""$source/tool/vg-grade.dll"" gradescope --root ""$source/kit"" --autograder ""$root"" --unprivileged-fallback || status=$?
# Without bubblewrap's PID namespace nothing else ends what the submission started. In Gradescope's container, made for
# this one submission, every process of nobody is the student's; on a machine of your own (AUTOGRADER_ROOT set) this
# leaves them alone.
[ -n ""${AUTOGRADER_ROOT:-}"" ] || pkill -KILL -u 65534 || true
exit $status
";
    }
}
