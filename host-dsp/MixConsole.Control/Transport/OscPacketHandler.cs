namespace MixConsole.Control.Transport;

/// <summary>
/// Receives one packet on the transport's receive thread. The span is the transport's buffer: valid only
/// during the call, and the handler must not block for long (the next packet waits).
/// </summary>
/// <param name="packet">The datagram or decoded SLIP frame.</param>
/// <param name="sender">Who sent it; pass to <see cref="IOscTransport.Send"/> to reply.</param>
public delegate void OscPacketHandler(ReadOnlySpan<byte> packet, in OscPeer sender);
