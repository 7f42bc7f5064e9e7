using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using MixConsole.Control.Osc;

namespace MixConsole.Control.Transport;

/// <summary>
/// OSC over UDP: one socket, a dedicated receive thread reading into one preallocated buffer with a reused
/// socket address (no allocation per datagram), and replies to any endpoint. Binding to
/// <see cref="IPAddress.IPv6Any"/> serves IPv4 and IPv6 clients on one dual-mode socket.
/// </summary>
public sealed class UdpOscTransport : ThreadedOscTransport
{
    [ThreadStatic]
    private static SocketAddress? t_sendAddressV4;

    [ThreadStatic]
    private static SocketAddress? t_sendAddressV6;

    private readonly Socket _socket;
    private readonly byte[] _receiveBuffer;
    private readonly SocketAddress _receiveAddress;
    private long _packetsReceived;

    /// <summary>Binds a UDP socket (port 0 picks a free port; see <see cref="LocalEndPoint"/>).</summary>
    /// <param name="bindEndPoint">Address and port to listen on, e.g. 0.0.0.0:10023 or [::]:10023.</param>
    /// <param name="log">Receives one line per unexpected fault; never called per packet in normal use.</param>
    /// <exception cref="SocketException">The address cannot be bound (port in use, address not local).</exception>
    public UdpOscTransport(IPEndPoint bindEndPoint, Action<string>? log = null)
        : base("osc-udp-receive", log)
    {
        ArgumentNullException.ThrowIfNull(bindEndPoint);
        _socket = new Socket(bindEndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (bindEndPoint.AddressFamily == AddressFamily.InterNetworkV6 && bindEndPoint.Address.Equals(IPAddress.IPv6Any))
            {
                _socket.DualMode = true;
            }

            // Room for a burst of fader moves while the handler is busy.
            _socket.ReceiveBufferSize = 1 << 20;
            _socket.Bind(bindEndPoint);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        _receiveBuffer = new byte[OscLimits.MaxPacketBytes];
        _receiveAddress = new SocketAddress(_socket.AddressFamily);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    /// <summary>The bound address and port.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <inheritdoc/>
    public override string Name => "udp " + LocalEndPoint;

    /// <summary>Datagrams delivered to the handler.</summary>
    public long PacketsReceived => Interlocked.Read(ref _packetsReceived);

    /// <inheritdoc/>
    public override bool Send(ReadOnlySpan<byte> packet, in OscPeer destination)
    {
        if (destination.Kind != OscPeerKind.Udp || IsStopping)
        {
            return false;
        }

        try
        {
            SocketAddress? address = ToSocketAddress(destination);
            if (address is null)
            {
                CountSendFailure();
                return false;
            }

            return _socket.SendTo(packet, SocketFlags.None, address) == packet.Length;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            CountSendFailure();
            return false;
        }
    }

    /// <summary>Closes the socket and waits for the receive thread to end.</summary>
    public override void Dispose()
    {
        if (!TryBeginStop())
        {
            return;
        }

        // Closing the socket wakes the blocked receive.
        _socket.Dispose();
        WaitForReceiveThread();
    }

    /// <inheritdoc/>
    protected override void ReceiveLoop(OscPacketHandler handler)
    {
        while (!IsStopping)
        {
            int received;
            try
            {
                received = _socket.ReceiveFrom(_receiveBuffer, SocketFlags.None, _receiveAddress);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                if (IsStopping)
                {
                    return;
                }

                // ICMP "port unreachable" from an earlier reply surfaces here on some stacks: not fatal.
                if (e.SocketErrorCode != SocketError.ConnectionReset && TryTakeFaultLogTurn(out long unlogged))
                {
                    Log($"osc udp: receive failed: {e.SocketErrorCode}{UnloggedNote(unlogged)}");
                }

                continue;
            }

            OscPeer sender = FromSocketAddress(_receiveAddress);
            Interlocked.Increment(ref _packetsReceived);
            Deliver(handler, _receiveBuffer.AsSpan(0, received), in sender);
        }
    }

    // sockaddr layout shared by Linux, macOS and Windows: port at 2, IPv4 at 4, IPv6 at 8, IPv6 scope (host order) at 24.
    private static OscPeer FromSocketAddress(SocketAddress address)
    {
        ReadOnlySpan<byte> raw = address.Buffer.Span;
        ushort port = BinaryPrimitives.ReadUInt16BigEndian(raw.Slice(2, 2));
        if (address.Family == AddressFamily.InterNetwork)
        {
            return OscPeer.FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(raw.Slice(4, 4)), port);
        }

        return new OscPeer(
            OscPeerKind.Udp,
            BinaryPrimitives.ReadUInt128BigEndian(raw.Slice(8, 16)),
            port,
            MemoryMarshal.Read<uint>(raw.Slice(24, 4)));
    }

    private SocketAddress? ToSocketAddress(in OscPeer peer)
    {
        Span<byte> raw;
        if (_socket.AddressFamily == AddressFamily.InterNetwork)
        {
            if (!peer.IsIPv4)
            {
                return null;
            }

            SocketAddress v4 = t_sendAddressV4 ??= new SocketAddress(AddressFamily.InterNetwork);
            raw = v4.Buffer.Span;
            BinaryPrimitives.WriteUInt16BigEndian(raw.Slice(2, 2), peer.Port);
            BinaryPrimitives.WriteUInt32BigEndian(raw.Slice(4, 4), (uint)peer.Address);
            return v4;
        }

        SocketAddress v6 = t_sendAddressV6 ??= new SocketAddress(AddressFamily.InterNetworkV6);
        raw = v6.Buffer.Span;
        BinaryPrimitives.WriteUInt16BigEndian(raw.Slice(2, 2), peer.Port);
        BinaryPrimitives.WriteUInt32BigEndian(raw.Slice(4, 4), 0);
        BinaryPrimitives.WriteUInt128BigEndian(raw.Slice(8, 16), peer.Address);
        uint scopeId = peer.ScopeId;
        MemoryMarshal.Write(raw.Slice(24, 4), in scopeId);
        return v6;
    }
}
