using System.Diagnostics;

namespace MixConsole.Audio.Backends;

/// <summary>
/// How long the audio callback takes: a histogram of 1 µs bins (up to <see cref="BinCount"/> µs; longer
/// callbacks share the last bin, the worst is kept exactly). The audio thread is the one writer and adds with plain
/// stores; any thread reads the worst and a percentile, without locks and without allocating. A reader racing the
/// writer may see a count one callback apart from the bins: a statistic, not an account.
/// </summary>
public sealed class CallbackTimes
{
    /// <summary>Bins, one per microsecond.</summary>
    public const int BinCount = 20_000;

    private readonly long[] _bins = new long[BinCount];
    private long _count;
    private long _worstTicks;

    /// <summary>Callbacks measured.</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>The longest callback, in microseconds (0 before the first).</summary>
    public double WorstMicroseconds => Volatile.Read(ref _worstTicks) * 1e6 / Stopwatch.Frequency;

    /// <summary>Audio thread only: adds one callback that took <paramref name="elapsedTicks"/> <see cref="Stopwatch"/> ticks.</summary>
    public void Add(long elapsedTicks)
    {
        if (elapsedTicks < 0) elapsedTicks = 0;
        int bin = (int)Math.Min(elapsedTicks * 1_000_000 / Stopwatch.Frequency, BinCount - 1);
        Volatile.Write(ref _bins[bin], _bins[bin] + 1);
        if (elapsedTicks > _worstTicks) Volatile.Write(ref _worstTicks, elapsedTicks);
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>
    /// The time within which a share <paramref name="quantile"/> (0..1, e.g. 0.999) of the callbacks finished, in
    /// microseconds: the upper edge of that callback's bin, never more than the worst (0 before the first).
    /// </summary>
    public double PercentileMicroseconds(double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        long count = Count;
        if (count == 0) return 0;
        long rank = Math.Max(1, (long)Math.Ceiling(quantile * count));
        long seen = 0;
        for (int bin = 0; bin < BinCount - 1; bin++)
        {
            seen += Volatile.Read(ref _bins[bin]);
            if (seen >= rank) return Math.Min(bin + 1, WorstMicroseconds);
        }

        // The last bin holds every longer callback: only the worst is known there.
        return WorstMicroseconds;
    }
}
