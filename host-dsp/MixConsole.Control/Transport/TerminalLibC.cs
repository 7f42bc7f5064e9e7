using System.Runtime.InteropServices;

namespace MixConsole.Control.Transport;

/// <summary>The few Linux libc calls the serial transport and the pseudo-terminal need: descriptors, poll and termios.</summary>
internal static unsafe partial class TerminalLibC
{
    private const string Library = "libc";

    internal const int ORdWr = 0x2;
    internal const int ONoCtty = 0x100;
    internal const int ONonBlock = 0x800;
    internal const int OCloExec = 0x80000;
    internal const int TcsaNow = 0;
    internal const int TciOFlush = 2;
    internal const short PollIn = 0x1;
    internal const short PollOut = 0x4;
    internal const short PollErr = 0x8;
    internal const short PollHup = 0x10;
    internal const short PollNval = 0x20;
    internal const int EIntr = 4;
    internal const int EAgain = 11;

    // Linux struct termios: c_iflag, c_oflag, c_cflag, c_lflag, c_line, c_cc[32], speeds (60 bytes in glibc).
    internal const int TermiosBufferBytes = 256;
    internal const int CflagOffset = 8;
    internal const uint CRead = 0x80;
    internal const uint CLocal = 0x800;
    internal const uint CrtsCts = 0x80000000;

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    internal static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "tcgetattr", SetLastError = true)]
    internal static partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport(Library, EntryPoint = "tcsetattr", SetLastError = true)]
    internal static partial int TcSetAttr(int fd, int optionalActions, byte* termios);

    [LibraryImport(Library, EntryPoint = "tcflush", SetLastError = true)]
    internal static partial int TcFlush(int fd, int queueSelector);

    [LibraryImport(Library, EntryPoint = "cfmakeraw")]
    internal static partial void CfMakeRaw(byte* termios);

    [LibraryImport(Library, EntryPoint = "cfsetspeed", SetLastError = true)]
    internal static partial int CfSetSpeed(byte* termios, uint speed);

    [LibraryImport(Library, EntryPoint = "cfgetospeed")]
    internal static partial uint CfGetOSpeed(byte* termios);

    [LibraryImport(Library, EntryPoint = "posix_openpt", SetLastError = true)]
    internal static partial int PosixOpenPt(int flags);

    [LibraryImport(Library, EntryPoint = "grantpt", SetLastError = true)]
    internal static partial int GrantPt(int fd);

    [LibraryImport(Library, EntryPoint = "unlockpt", SetLastError = true)]
    internal static partial int UnlockPt(int fd);

    [LibraryImport(Library, EntryPoint = "ptsname_r", SetLastError = true)]
    internal static partial int PtsNameR(int fd, byte* buffer, nuint length);

    internal static IOException Failure(string what)
    {
        int errno = Marshal.GetLastPInvokeError();
        return new IOException($"{what} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
    }

    /// <summary>Waits for <paramref name="events"/> on one descriptor; returns the revents, 0 on timeout, -1 on error.</summary>
    internal static int PollOne(int fd, short events, int timeoutMs)
    {
        PollFd pfd = new() { Fd = fd, Events = events };
        int result = Poll(&pfd, 1, timeoutMs);
        return result < 0 ? -1 : result == 0 ? 0 : pfd.REvents;
    }

    /// <summary>Writes all of <paramref name="data"/> to a non-blocking descriptor, waiting up to <paramref name="timeoutMs"/> per stall.</summary>
    internal static bool WriteAll(int fd, ReadOnlySpan<byte> data, int timeoutMs)
    {
        fixed (byte* start = data)
        {
            int written = 0;
            while (written < data.Length)
            {
                nint result = Write(fd, start + written, data.Length - written);
                if (result > 0)
                {
                    written += (int)result;
                    continue;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (result < 0 && errno == EIntr)
                {
                    continue;
                }

                if (result < 0 && errno != EAgain)
                {
                    return false;
                }

                int revents = PollOne(fd, PollOut, timeoutMs);
                if (revents <= 0 || (revents & (PollErr | PollHup | PollNval)) != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
