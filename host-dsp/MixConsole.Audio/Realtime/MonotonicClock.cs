namespace MixConsole.Audio.Realtime;

/// <summary>
/// CLOCK_MONOTONIC in nanoseconds and an absolute-deadline sleep on it, for backends paced by
/// the system clock. Sleeping to an absolute deadline keeps periods from drifting.
/// </summary>
public static unsafe class MonotonicClock
{
    /// <summary>Nanoseconds on the monotonic clock (never jumps with wall-clock changes).</summary>
    public static long NowNs()
    {
        RealtimeLibC.TimeSpec t;
        RealtimeLibC.clock_gettime(RealtimeLibC.ClockMonotonic, &t);
        return t.Seconds * 1_000_000_000L + t.Nanoseconds;
    }

    /// <summary>Sleeps until the monotonic clock reads <paramref name="deadlineNs"/>; returns at once if it already has.</summary>
    public static void SleepUntil(long deadlineNs)
    {
        RealtimeLibC.TimeSpec t;
        t.Seconds = deadlineNs / 1_000_000_000L;
        t.Nanoseconds = deadlineNs % 1_000_000_000L;
        // clock_nanosleep returns EINTR when a signal lands (the runtime uses signals); sleep again.
        while (RealtimeLibC.clock_nanosleep(RealtimeLibC.ClockMonotonic, RealtimeLibC.TimerAbsTime, &t, null) == RealtimeLibC.EIntr) { }
    }
}
