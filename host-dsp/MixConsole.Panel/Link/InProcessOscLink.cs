using MixConsole.Control.Transport;
using CoreTransport = MixConsole.ControlSurface.Hardware.IOscTransport;
using ServerTransport = MixConsole.Control.Transport.IOscTransport;

namespace MixConsole.Panel.Link;

/// <summary>
/// The panel's link to the OSC server in the same process: the surface core's packets go straight to the server's
/// handler (on the panel thread), the server's replies and echoes wait in a fixed ring of packet slots until the
/// core's next scan takes them. No socket, no allocation per packet.
/// </summary>
public sealed class InProcessOscLink : ServerTransport, CoreTransport
{
    /// <summary>The panel as the server sees it.</summary>
    public static readonly OscPeer Peer = new(OscPeerKind.Local, UInt128.One, 0);

    private const int SlotBytes = MixConsole.ControlSurface.Link.OscLink.MaxPacketBytes;
    private const int Slots = 256;

    private readonly byte[][] _slots = new byte[Slots][];
    private readonly int[] _lengths = new int[Slots];
    private readonly object _gate = new();
    private OscPacketHandler? _handler;
    private int _head;
    private int _count;
    private long _dropped;

    /// <summary>Creates the ring.</summary>
    public InProcessOscLink()
    {
        for (int i = 0; i < Slots; i++)
        {
            _slots[i] = new byte[SlotBytes];
        }
    }

    /// <inheritdoc/>
    public string Name => "panel (in-process)";

    /// <summary>Packets from the server dropped because the panel had not taken the earlier ones.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>True once the server has started this link.</summary>
    public bool IsOpen => Volatile.Read(ref _handler) is not null;

    /// <inheritdoc/>
    public void Start(OscPacketHandler handler) => Volatile.Write(ref _handler, handler ?? throw new ArgumentNullException(nameof(handler)));

    /// <inheritdoc/>
    public bool Send(ReadOnlySpan<byte> packet, in OscPeer destination)
    {
        if (destination != Peer || packet.Length > SlotBytes)
        {
            return false;
        }

        lock (_gate)
        {
            if (_count == Slots)
            {
                _dropped++;
                return false;
            }

            int slot = (_head + _count) % Slots;
            packet.CopyTo(_slots[slot]);
            _lengths[slot] = packet.Length;
            _count++;
            return true;
        }
    }

    bool CoreTransport.Open() => IsOpen;

    void CoreTransport.Close()
    {
    }

    bool CoreTransport.Send(byte[] packet, int length)
    {
        OscPacketHandler? handler = Volatile.Read(ref _handler);
        if (handler is null)
        {
            return false;
        }

        handler(packet.AsSpan(0, length), Peer);
        return true;
    }

    int CoreTransport.Receive(byte[] buffer)
    {
        lock (_gate)
        {
            if (_count == 0)
            {
                return 0;
            }

            int length = _lengths[_head];
            _slots[_head].AsSpan(0, length).CopyTo(buffer);
            _head = (_head + 1) % Slots;
            _count--;
            return length;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Volatile.Write(ref _handler, null);
}
