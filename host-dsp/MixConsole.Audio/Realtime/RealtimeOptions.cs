namespace MixConsole.Audio.Realtime;

/// <summary>How the audio thread asks the kernel for real-time treatment.</summary>
/// <param name="Priority">SCHED_FIFO priority 1-99 for the audio thread; 0 keeps normal scheduling.</param>
/// <param name="LockMemory">Lock the process's memory (mlockall) so page faults never stall the audio thread.</param>
/// <param name="LowLatencyGc">Switch the GC to SustainedLowLatency while audio runs (no blocking gen-2 collections).</param>
public sealed record RealtimeOptions(int Priority = 70, bool LockMemory = false, bool LowLatencyGc = true)
{
    /// <summary>CPUs (0-based) the audio thread is pinned to with sched_setaffinity; null or empty leaves it where the process may run.</summary>
    public IReadOnlyList<int>? CpuAffinity { get; init; }

    /// <summary>Normal scheduling, no memory lock: what tests and offline runs use.</summary>
    public static RealtimeOptions None { get; } = new(0, false, false);
}
