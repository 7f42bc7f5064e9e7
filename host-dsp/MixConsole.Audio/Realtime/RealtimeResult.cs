namespace MixConsole.Audio.Realtime;

/// <summary>What the audio thread actually got from the kernel, with one line saying so.</summary>
/// <param name="PriorityGranted">True when the thread runs SCHED_FIFO.</param>
/// <param name="Priority">The SCHED_FIFO priority in force (0 when not granted).</param>
/// <param name="MemoryLocked">True when mlockall succeeded.</param>
/// <param name="Message">One line for the start banner, e.g. "real-time: SCHED_FIFO 70, memory locked".</param>
public sealed record RealtimeResult(bool PriorityGranted, int Priority, bool MemoryLocked, string Message)
{
    /// <summary>Nothing asked for.</summary>
    public static RealtimeResult NotRequested { get; } = new(false, 0, false, "real-time: not requested (normal scheduling)");
}
