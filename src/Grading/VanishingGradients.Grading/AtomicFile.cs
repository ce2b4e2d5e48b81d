using System;
using System.IO;
using System.Linq;
using System.IO.Compression;
using System.Text;
using System.Threading;

namespace VanishingGradients.Grading
{
    /// <summary>
    /// Files a platform, a spreadsheet or a student reads (gradebooks, results.json, the kit and bundle zips): written beside
    /// the target and renamed over it, so a reader never sees half a file and a failure or Ctrl+C keeps the old one.
    /// </summary>
    public static class AtomicFile
    {
        public static void WriteAllText(string path, string text) =>
            Write(path, temp => File.WriteAllText(temp, text, new UTF8Encoding(false)));

        /// <summary>A new zip at <paramref name="path"/>, filled by <paramref name="fill"/>; the old file stays if it throws or the run is cancelled.</summary>
        public static void WriteZip(string path, Action<ZipArchive> fill, CancellationToken cancellation = default) => Write(path, temp =>
        {
            using var zip = ZipFile.Open(temp, ZipArchiveMode.Create);
            fill(zip);
        }, cancellation);

        private static void Write(string path, Action<string> writeTemp, CancellationToken cancellation = default)
        {
            string full = Target(path, $"'{path}'");
            string dir = Path.GetDirectoryName(full)!;
            Directory.CreateDirectory(dir);
            string temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                writeTemp(temp);
                cancellation.ThrowIfCancellationRequested();
                File.Move(temp, full, overwrite: true);
            }
            finally { if (File.Exists(temp)) File.Delete(temp); }
        }

        /// <summary>
        /// Fails at once, before minutes of grading, when a file could not be written at <paramref name="path"/> later: it
        /// names a folder, or the nearest folder that exists on its way cannot be written. Creates nothing.
        /// </summary>
        /// <param name="path">The file to be written.</param>
        /// <param name="what">What the path is for, as the user named it ("--gradebook").</param>
        public static void CheckWritable(string path, string what)
        {
            string full = Target(path, $"{what} '{path}'");
            CheckFolder(Path.GetDirectoryName(full)!, $"{what} '{path}'");
        }

        /// <summary>
        /// The full path of a file to be replaced by a rename, refused when it names a folder or a device (as root, a
        /// gradebook "written" to /dev/null would replace /dev/null).
        /// </summary>
        private static string Target(string path, string named)
        {
            if (string.IsNullOrWhiteSpace(path)) throw new GradingException($"{named} is no file name.");
            string full = Path.GetFullPath(path);
            if (Directory.Exists(full)) throw new GradingException($"{named} is a folder; give the name of a file to write.");
            string real = File.Exists(full) ? File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full : full;
            if (new[] { "/dev/", "/proc/", "/sys/" }.Any(system => real.StartsWith(system, StringComparison.Ordinal)))
                throw new GradingException($"{named} is a device or system file; give the name of a regular file to write.");
            return full;
        }

        /// <summary>As <see cref="CheckWritable"/>, for a folder that files will be written into (created if missing).</summary>
        public static void CheckFolderWritable(string folder, string what) => CheckFolder(folder, $"{what} '{folder}'");

        private static void CheckFolder(string folder, string named)
        {
            string? existing = Path.GetFullPath(folder);
            while (existing != null && !Directory.Exists(existing))
            {
                if (File.Exists(existing)) throw new GradingException($"{named} cannot be written: '{existing}' is a file, not a folder.");
                existing = Path.GetDirectoryName(existing);
            }
            if (existing == null) throw new GradingException($"{named} cannot be written: no part of its path exists.");
            string probe = Path.Combine(existing, ".vg-grade-probe." + Guid.NewGuid().ToString("N"));
            try
            {
                File.WriteAllBytes(probe, Array.Empty<byte>());
                File.Delete(probe);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new GradingException($"{named} cannot be written: {e.Message}");
            }
        }
    }
}
