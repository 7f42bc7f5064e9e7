namespace MixConsole.Control.Transport;

/// <summary>
/// A Linux pseudo-terminal pair (posix_openpt): the controlling side is read and written here, the
/// subordinate path behaves as a serial device. Stands in for a UART in tests and in the surface simulator.
/// </summary>
public sealed unsafe class PseudoTerminal : IDisposable
{
    private readonly int _controllerFd;
    private int _disposed;

    private PseudoTerminal(int controllerFd, string subordinatePath)
    {
        _controllerFd = controllerFd;
        SubordinatePath = subordinatePath;
    }

    /// <summary>The device path to open as the "serial port", e.g. /dev/pts/7.</summary>
    public string SubordinatePath { get; }

    /// <summary>Creates a pair.</summary>
    /// <exception cref="IOException">The system has no free pseudo-terminal.</exception>
    public static PseudoTerminal Open()
    {
        int fd = TerminalLibC.PosixOpenPt(TerminalLibC.ORdWr | TerminalLibC.ONoCtty | TerminalLibC.OCloExec | TerminalLibC.ONonBlock);
        if (fd < 0)
        {
            throw TerminalLibC.Failure("posix_openpt");
        }

        byte* name = stackalloc byte[128];
        if (TerminalLibC.GrantPt(fd) != 0 || TerminalLibC.UnlockPt(fd) != 0 || TerminalLibC.PtsNameR(fd, name, 128) != 0)
        {
            IOException failure = TerminalLibC.Failure("grantpt/unlockpt/ptsname_r");
            TerminalLibC.Close(fd);
            throw failure;
        }

        return new PseudoTerminal(fd, new string((sbyte*)name));
    }

    /// <summary>Writes all bytes to the subordinate's input; false if the line stalls for a second.</summary>
    public bool Write(ReadOnlySpan<byte> data) => TerminalLibC.WriteAll(_controllerFd, data, 1000);

    /// <summary>Reads what the subordinate side wrote, waiting up to <paramref name="timeoutMs"/>; 0 on timeout.</summary>
    public int Read(Span<byte> destination, int timeoutMs)
    {
        int revents = TerminalLibC.PollOne(_controllerFd, TerminalLibC.PollIn, timeoutMs);
        if (revents <= 0 || (revents & TerminalLibC.PollIn) == 0)
        {
            return 0;
        }

        fixed (byte* buffer = destination)
        {
            nint count = TerminalLibC.Read(_controllerFd, buffer, destination.Length);
            return count > 0 ? (int)count : 0;
        }
    }

    /// <summary>Closes the controlling side (the subordinate then sees a hang-up).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            TerminalLibC.Close(_controllerFd);
        }
    }
}
