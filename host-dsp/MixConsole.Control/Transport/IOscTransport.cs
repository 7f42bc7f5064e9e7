namespace MixConsole.Control.Transport;

/// <summary>A link that carries whole OSC packets: UDP datagrams or SLIP frames on a serial line.</summary>
public interface IOscTransport : IDisposable
{
    /// <summary>A short description for logs ("udp 0.0.0.0:10023", "serial /dev/ttyAMA0 921600").</summary>
    string Name { get; }

    /// <summary>Starts the receive thread, which calls <paramref name="handler"/> once per packet. Call once.</summary>
    void Start(OscPacketHandler handler);

    /// <summary>Sends one packet to <paramref name="destination"/>; safe from any thread; never throws.</summary>
    /// <returns>False when the packet could not be sent (unreachable, too large, link down).</returns>
    bool Send(ReadOnlySpan<byte> packet, in OscPeer destination);
}
