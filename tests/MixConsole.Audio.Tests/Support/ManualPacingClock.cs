using MixConsole.Audio.Realtime;

namespace MixConsole.Audio.Tests.Support;

/// <summary>
/// A pacing clock that moves only when a backend sleeps on it (straight to the deadline) or a test advances it: a
/// paced backend runs at once, and the deadlines it slept to say exactly how it paced. Allocates nothing, so it
/// can sit under an allocation check on the audio thread.
/// </summary>
internal sealed class ManualPacingClock(int capacity = 4096) : IPacingClock
{
    /// <summary>Where the clock starts, in nanoseconds.</summary>
    public const long StartNs = 1_000_000_000;

    private readonly long[] _deadlines = new long[capacity];
    private long _nowNs = StartNs;
    private int _sleeps;

    /// <summary>Sleeps asked for so far.</summary>
    public int Sleeps => Volatile.Read(ref _sleeps);

    /// <summary>The deadline of sleep <paramref name="index"/> (0-based), as asked for.</summary>
    public long Deadline(int index) => _deadlines[index];

    public long NowNs() => Interlocked.Read(ref _nowNs);

    public void SleepUntil(long deadlineNs)
    {
        int n = Volatile.Read(ref _sleeps);
        if (n < _deadlines.Length) _deadlines[n] = deadlineNs;
        Volatile.Write(ref _sleeps, n + 1);
        if (deadlineNs > NowNs()) Interlocked.Exchange(ref _nowNs, deadlineNs);
    }

    /// <summary>Moves the clock on, as a stalled callback would see the real one move.</summary>
    public void Advance(long ns) => Interlocked.Add(ref _nowNs, ns);
}
