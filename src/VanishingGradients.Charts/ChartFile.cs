using System;
using System.IO;

namespace VanishingGradients.Charts
{
    /// <summary>Saves a chart to a file without ever leaving a half-written one behind.</summary>
    public static class ChartFile
    {
        /// <summary>
        /// Renders into a hidden temporary file next to <paramref name="path"/> and then renames it into place, so a
        /// failure (a rendering error, a full disk, Ctrl+C) leaves either the old file or none, never a truncated image.
        /// The format follows the extension (.png or .svg); size and scale default as <see cref="PlotRenderer.Size"/> says.
        /// </summary>
        /// <exception cref="ArgumentException">The extension is neither .png nor .svg.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The size or scale is out of range (<see cref="PlotRenderer.SizeProblem"/>).</exception>
        /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false, or writing failed.</exception>
        public static FileInfo Save(Chart chart, string path, int? width = null, int? height = null, double? scale = null, bool overwrite = false)
        {
            var format = PlotRenderer.FormatOf(path) ?? throw new ArgumentException(
                $"'{Path.GetFileName(path)}' has no image extension: use .png or .svg.", nameof(path));
            var size = PlotRenderer.Size(chart, width, height, scale);
            if (PlotRenderer.SizeProblem(size.Width, size.Height, size.Scale) is string problem) throw new ArgumentOutOfRangeException(null, problem);
            string full = Path.GetFullPath(path);
            string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                    PlotRenderer.Write(chart, stream, format, size.Width, size.Height, size.Scale);
                if (File.Exists(full) && overwrite) File.Replace(temp, full, null);
                else File.Move(temp, full); // throws when the file appeared meanwhile and overwrite is false
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
            return new FileInfo(full);
        }
    }
}
