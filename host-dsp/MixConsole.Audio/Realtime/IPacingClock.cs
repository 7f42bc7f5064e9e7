namespace MixConsole.Audio.Realtime;

/// <summary>
/// The clock a backend paced by the system clock reads and sleeps on (the null and wav backends). In use it is
/// <see cref="MonotonicPacingClock"/>; a test hands in one it moves itself, so pacing is checked to the
/// nanosecond instead of against a busy machine's wall clock.
/// </summary>
public interface IPacingClock
{
    /// <summary>Now, in nanoseconds on a clock that never jumps.</summary>
    long NowNs();

    /// <summary>Returns once the clock reads <paramref name="deadlineNs"/>; at once if it already does.</summary>
    void SleepUntil(long deadlineNs);
}
