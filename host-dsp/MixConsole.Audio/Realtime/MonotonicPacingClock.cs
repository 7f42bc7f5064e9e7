namespace MixConsole.Audio.Realtime;

/// <summary>CLOCK_MONOTONIC, through <see cref="MonotonicClock"/>: the clock paced backends run on unless told otherwise.</summary>
public sealed class MonotonicPacingClock : IPacingClock
{
    private MonotonicPacingClock() { }

    /// <summary>The one instance (the clock has no state).</summary>
    public static MonotonicPacingClock Instance { get; } = new();

    /// <inheritdoc />
    public long NowNs() => MonotonicClock.NowNs();

    /// <inheritdoc />
    public void SleepUntil(long deadlineNs) => MonotonicClock.SleepUntil(deadlineNs);
}
