namespace MixConsole.ControlSurface.Link
{
    /// <summary>
    /// State of the connection to the host.
    /// </summary>
    public enum LinkState
    {
        /// <summary>Not started.</summary>
        Stopped = 0,

        /// <summary>Handshake sent, waiting for the host to answer.</summary>
        Connecting = 1,

        /// <summary>The host answers; changes flow both ways.</summary>
        Connected = 2,

        /// <summary>Waiting before the next attempt (back-off doubles per failure).</summary>
        BackingOff = 3,

        /// <summary>Proving the console's key to the host (challenge and response) before the handshake.</summary>
        Pairing = 4,
    }
}
