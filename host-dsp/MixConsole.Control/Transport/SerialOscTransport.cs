using System.Runtime.InteropServices;
using MixConsole.Control.Osc;

namespace MixConsole.Control.Transport;

/// <summary>
/// SLIP-framed OSC (as OSC 1.1 specifies for serial links) over a Linux tty configured through termios:
/// raw 8N1, no flow control, receiver on, modem lines ignored. A dedicated thread polls the line and feeds a
/// streaming <see cref="SlipDecoder"/>; every frame goes to the handler with <see cref="OscPeer.SerialLine"/>.
/// </summary>
public sealed unsafe class SerialOscTransport : ThreadedOscTransport
{
    /// <summary>Default largest decoded frame, in bytes.</summary>
    public const int DefaultMaxFrameBytes = 4096;

    private const int PollIntervalMs = 100;
    private const int WriteStallTimeoutMs = 1000;

    private readonly int _fd;
    private readonly SlipDecoder _decoder;
    private readonly byte[] _readBuffer = new byte[4096];
    private readonly byte[] _sendBuffer;
    private readonly object _sendLock = new();

    /// <summary>Opens and configures the tty; fails fast when the device or the speed is not available.</summary>
    /// <param name="devicePath">E.g. /dev/ttyAMA0, /dev/ttyUSB0, or a pseudo-terminal's subordinate.</param>
    /// <param name="baudRate">Bits per second: one of <see cref="SupportedBaudRates"/> (115200, 460800, 921600, ...).</param>
    /// <param name="maxFrameBytes">Largest decoded frame accepted; longer frames are dropped and counted.</param>
    /// <param name="log">Receives one line per unexpected fault.</param>
    /// <exception cref="ArgumentOutOfRangeException">The baud rate is not a standard Linux speed.</exception>
    /// <exception cref="IOException">The device cannot be opened or configured.</exception>
    public SerialOscTransport(string devicePath, int baudRate, int maxFrameBytes = DefaultMaxFrameBytes, Action<string>? log = null)
        : base("osc-serial-receive", log)
    {
        ArgumentException.ThrowIfNullOrEmpty(devicePath);
        if (!TryGetSpeedCode(baudRate, out uint speedCode))
        {
            throw new ArgumentOutOfRangeException(nameof(baudRate), baudRate, "Not a standard Linux serial speed.");
        }

        _decoder = new SlipDecoder(maxFrameBytes);
        _sendBuffer = new byte[Slip.MaxEncodedLength(maxFrameBytes)];
        DevicePath = devicePath;
        BaudRate = baudRate;
        _fd = TerminalLibC.Open(devicePath, TerminalLibC.ORdWr | TerminalLibC.ONoCtty | TerminalLibC.ONonBlock | TerminalLibC.OCloExec);
        if (_fd < 0)
        {
            throw TerminalLibC.Failure($"open {devicePath}");
        }

        try
        {
            Configure(speedCode);
        }
        catch
        {
            TerminalLibC.Close(_fd);
            throw;
        }
    }

    /// <summary>Speeds accepted by the constructor, in bits per second.</summary>
    public static IReadOnlyList<int> SupportedBaudRates { get; } =
        [9600, 19200, 38400, 57600, 115200, 230400, 460800, 500000, 576000, 921600, 1000000, 1152000, 1500000, 2000000];

    /// <summary>The device opened.</summary>
    public string DevicePath { get; }

    /// <summary>The configured speed in bits per second.</summary>
    public int BaudRate { get; }

    /// <inheritdoc/>
    public override string Name => $"serial {DevicePath} {BaudRate}";

    /// <summary>Frames delivered to the handler.</summary>
    public long FramesReceived => _decoder.FramesDecoded;

    /// <summary>Frames dropped for exceeding the maximum size.</summary>
    public long OversizedFrames => _decoder.OversizedFrames;

    /// <summary>Frames dropped for a bad SLIP escape.</summary>
    public long MalformedFrames => _decoder.MalformedFrames;

    /// <inheritdoc/>
    public override bool Send(ReadOnlySpan<byte> packet, in OscPeer destination)
    {
        if (destination.Kind != OscPeerKind.Serial || IsStopping)
        {
            return false;
        }

        // One writer at a time, so frames from the reply path and the broadcast path never interleave.
        lock (_sendLock)
        {
            if (IsStopping || !Slip.TryEncode(packet, _sendBuffer, out int length) ||
                !TerminalLibC.WriteAll(_fd, _sendBuffer.AsSpan(0, length), WriteStallTimeoutMs))
            {
                CountSendFailure();
                return false;
            }

            return true;
        }
    }

    /// <summary>Stops the receive thread and closes the device.</summary>
    public override void Dispose()
    {
        if (!TryBeginStop())
        {
            return;
        }

        // The loop polls with a timeout, so it ends by itself; close the device only after it has.
        WaitForReceiveThread();
        lock (_sendLock)
        {
            TerminalLibC.Close(_fd);
        }
    }

    /// <summary>The termios speed constant for a bit rate (Linux values, e.g. B921600 = 0x1007).</summary>
    public static bool TryGetSpeedCode(int baudRate, out uint speedCode)
    {
        speedCode = baudRate switch
        {
            9600 => 0x0D,
            19200 => 0x0E,
            38400 => 0x0F,
            57600 => 0x1001,
            115200 => 0x1002,
            230400 => 0x1003,
            460800 => 0x1004,
            500000 => 0x1005,
            576000 => 0x1006,
            921600 => 0x1007,
            1000000 => 0x1008,
            1152000 => 0x1009,
            1500000 => 0x100A,
            2000000 => 0x100B,
            _ => 0,
        };
        return speedCode != 0;
    }

    private void Configure(uint speedCode)
    {
        byte* termios = stackalloc byte[TerminalLibC.TermiosBufferBytes];
        new Span<byte>(termios, TerminalLibC.TermiosBufferBytes).Clear();
        if (TerminalLibC.TcGetAttr(_fd, termios) != 0)
        {
            throw TerminalLibC.Failure($"tcgetattr {DevicePath}");
        }

        TerminalLibC.CfMakeRaw(termios);
        uint* cflag = (uint*)(termios + TerminalLibC.CflagOffset);
        *cflag = (*cflag | TerminalLibC.CRead | TerminalLibC.CLocal) & ~TerminalLibC.CrtsCts;
        if (TerminalLibC.CfSetSpeed(termios, speedCode) != 0)
        {
            throw TerminalLibC.Failure($"cfsetspeed {BaudRate}");
        }

        if (TerminalLibC.TcSetAttr(_fd, TerminalLibC.TcsaNow, termios) != 0)
        {
            throw TerminalLibC.Failure($"tcsetattr {DevicePath}");
        }

        // tcsetattr succeeds if any change took; read back to be sure the speed did.
        new Span<byte>(termios, TerminalLibC.TermiosBufferBytes).Clear();
        if (TerminalLibC.TcGetAttr(_fd, termios) != 0 || TerminalLibC.CfGetOSpeed(termios) != speedCode)
        {
            throw new IOException($"{DevicePath} did not accept {BaudRate} baud.");
        }

        TerminalLibC.TcFlush(_fd, TerminalLibC.TciOFlush);
    }

    /// <inheritdoc/>
    protected override void ReceiveLoop(OscPacketHandler handler)
    {
        OscPeer line = OscPeer.SerialLine;
        while (!IsStopping)
        {
            int revents = TerminalLibC.PollOne(_fd, TerminalLibC.PollIn, PollIntervalMs);
            if (revents <= 0)
            {
                continue;
            }

            nint count;
            fixed (byte* buffer = _readBuffer)
            {
                count = (revents & TerminalLibC.PollIn) != 0 ? TerminalLibC.Read(_fd, buffer, _readBuffer.Length) : 0;
            }

            if (count <= 0)
            {
                // Hang-up or error without data (the far end of a pseudo-terminal closed): wait, do not spin.
                if ((revents & (TerminalLibC.PollHup | TerminalLibC.PollErr | TerminalLibC.PollNval)) != 0 || count == 0)
                {
                    Thread.Sleep(PollIntervalMs);
                }

                continue;
            }

            ReadOnlySpan<byte> chunk = _readBuffer.AsSpan(0, (int)count);
            while (_decoder.TryReadFrame(ref chunk, out ReadOnlySpan<byte> frame))
            {
                Deliver(handler, frame, in line);
            }
        }
    }
}
