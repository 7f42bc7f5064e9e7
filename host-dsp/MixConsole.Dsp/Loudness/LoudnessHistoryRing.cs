namespace MixConsole.Dsp.Loudness;

/// <summary>
/// A fixed-capacity single-producer/single-consumer ring of loudness history points: the meter
/// writes on the audio thread, a report or UI thread drains it. When full, new points are dropped
/// and counted (never blocks, never allocates after construction).
/// </summary>
public sealed class LoudnessHistoryRing : ILoudnessHistorySink
{
    private readonly LoudnessHistoryPoint[] _items;
    private long _written;
    private long _read;
    private long _dropped;

    /// <summary>Creates a ring holding up to <paramref name="capacity"/> points (10 per second of audio).</summary>
    /// <param name="capacity">Maximum number of undrained points.</param>
    public LoudnessHistoryRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new LoudnessHistoryPoint[capacity];
    }

    /// <summary>Maximum number of undrained points.</summary>
    public int Capacity => _items.Length;

    /// <summary>Points waiting to be read.</summary>
    public int Count => (int)(Volatile.Read(ref _written) - Volatile.Read(ref _read));

    /// <summary>Points dropped because the ring was full.</summary>
    public long DroppedPoints => Volatile.Read(ref _dropped);

    /// <inheritdoc />
    public void Record(in LoudnessHistoryPoint point)
    {
        long w = _written;
        if (w - Volatile.Read(ref _read) >= _items.Length)
        {
            Volatile.Write(ref _dropped, _dropped + 1);
            return;
        }
        _items[w % _items.Length] = point;
        Volatile.Write(ref _written, w + 1);
    }

    /// <summary>Takes the oldest point, if any (consumer side).</summary>
    /// <param name="point">The oldest undrained point.</param>
    public bool TryRead(out LoudnessHistoryPoint point)
    {
        long r = _read;
        if (r == Volatile.Read(ref _written))
        {
            point = default;
            return false;
        }
        point = _items[r % _items.Length];
        Volatile.Write(ref _read, r + 1);
        return true;
    }
}
