namespace MixConsole.ControlSurface.Hardware
{
    /// <summary>
    /// Monotonic time source; injected so tests and the simulator control time.
    /// </summary>
    public interface IClock
    {
        /// <summary>Milliseconds since an arbitrary start, never going backwards.</summary>
        long NowMs { get; }
    }
}
