using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VanishingGradients.Grading
{
    /// <summary>
    /// Opens a file of a student's folder without trusting what the path names. Checking for a symbolic link and then
    /// opening by path leaves a window in which the student swaps a link in; a FIFO named like an exercise would block
    /// the open until someone writes to it. On Linux the open itself refuses links (O_NOFOLLOW) and never waits
    /// (O_NONBLOCK); the caller then refuses anything unseekable, i.e. not a regular file.
    /// </summary>
    internal static class UntrustedFile
    {
        /// <summary>The opened file, or null when the path is a symbolic link.</summary>
        public static FileStream? OpenRead(string path)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            int fd = open(path, ReadOnly | NonBlocking | NoFollow | CloseOnExec);
            if (fd < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == LinkLoop) return null;
                throw new IOException($"Cannot open '{Path.GetFileName(path)}' (errno {errno}).");
            }
            return new FileStream(new SafeFileHandle((IntPtr)fd, ownsHandle: true), FileAccess.Read, bufferSize: 0);
        }

        // Linux's values; O_NOFOLLOW is the one flag that differs between x64 and arm64.
        private const int ReadOnly = 0, NonBlocking = 0x800, CloseOnExec = 0x80000, LinkLoop = 40;
        private static int NoFollow => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

        [DllImport("libc", SetLastError = true)]
        private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
    }
}
