namespace MixConsole.ControlSurface.Config
{
    /// <summary>
    /// Timing of the OSC link.
    /// </summary>
    public sealed class LinkTuning
    {
        /// <summary>/xremote renewal; the host keeps a subscription 10 s.</summary>
        public int XRemoteRenewMs = 9000;

        /// <summary>Heartbeat query interval while connected.</summary>
        public int HeartbeatMs = 3000;

        /// <summary>Silence after which the link counts as lost.</summary>
        public int LinkTimeoutMs = 10000;

        /// <summary>Wait for the handshake answer before backing off.</summary>
        public int HandshakeTimeoutMs = 1000;

        /// <summary>First reconnect delay; doubles on each failure.</summary>
        public int BackoffMinMs = 500;

        /// <summary>Longest reconnect delay.</summary>
        public int BackoffMaxMs = 8000;

        /// <summary>Resync queries sent per scan (paces the burst after connecting).</summary>
        public int ResyncQueriesPerScan = 4;

        /// <summary>Packets read per scan at most (bounds scan time under a flood).</summary>
        public int MaxPacketsPerScan = 16;

        /// <summary>Pairing is renewed this often while connected (the host keeps it 12 h).</summary>
        public int RepairMs = 6 * 3600 * 1000;

        /// <summary>Host echoes of a value the surface changed within this time are ignored.</summary>
        public int FeedbackHoldMs = 300;
    }
}
