using System;
using System.IO;
using System.Text;

namespace VanishingGradients.Grading
{
    /// <summary>Files a platform or a spreadsheet reads: written beside the target and renamed over it, so a reader never sees
    /// half a file and a failure keeps the old one.</summary>
    internal static class AtomicFile
    {
        public static void WriteAllText(string path, string text)
        {
            string full = Path.GetFullPath(path);
            string dir = Path.GetDirectoryName(full)!;
            Directory.CreateDirectory(dir);
            string temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                File.WriteAllText(temp, text, new UTF8Encoding(false));
                File.Move(temp, full, overwrite: true);
            }
            finally { if (File.Exists(temp)) File.Delete(temp); }
        }
    }
}
