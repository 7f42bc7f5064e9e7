namespace MixConsole.ControlSurface.Osc
{
    /// <summary>
    /// Receives each message found in a packet (bundles are unpacked first).
    /// </summary>
    public interface IOscMessageSink
    {
        /// <summary>Handles one parsed message; the view is only valid during the call.</summary>
        void OnMessage(OscMessage message);
    }
}
