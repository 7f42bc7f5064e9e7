namespace MixConsole.Control.Transport;

/// <summary>The kind of link a packet arrived on.</summary>
public enum OscPeerKind : byte
{
    /// <summary>No peer.</summary>
    None = 0,

    /// <summary>A UDP sender identified by address and port.</summary>
    Udp,

    /// <summary>The device at the far end of a serial line.</summary>
    Serial,

    /// <summary>A web page's WebSocket, identified by the address and port of its TCP connection.</summary>
    Web,

    /// <summary>A controller inside the console's own process (the Pi panel): trusted as the serial line is.</summary>
    Local,
}
