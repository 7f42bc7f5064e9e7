namespace MixConsole.ControlSurface.Hardware
{
    /// <summary>
    /// Carries whole OSC packets to and from the host: UDP datagrams, or SLIP frames over a UART.
    /// </summary>
    public interface IOscTransport
    {
        /// <summary>True while the transport can send and receive.</summary>
        bool IsOpen { get; }

        /// <summary>Opens (or reopens) the transport; returns false when it is not available yet.</summary>
        bool Open();

        /// <summary>Closes the transport; Open may be called again.</summary>
        void Close();

        /// <summary>Sends one packet of <paramref name="length"/> bytes; returns false when it could not be sent.</summary>
        bool Send(byte[] packet, int length);

        /// <summary>Copies one waiting packet into <paramref name="buffer"/> and returns its length; 0 when none waits. Never blocks.</summary>
        int Receive(byte[] buffer);
    }
}
