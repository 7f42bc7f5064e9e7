namespace MixConsole.Dsp.Core;

/// <summary>
/// A lock-free triple buffer: one control thread fills <see cref="Back"/> and publishes it whole; the
/// audio thread takes the newest published snapshot at block start. Neither side waits or allocates;
/// the audio thread never sees a snapshot being written, and a publish the audio thread has not taken
/// yet is replaced by the next one (only the newest matters). Three snapshots are made once, up front.
/// </summary>
/// <typeparam name="T">The snapshot type; its instances are recycled, so the producer rewrites a slot whole (or copies its last state in) before each publish.</typeparam>
public sealed class SnapshotExchange<T> where T : class
{
    private const int IndexMask = 3;
    private const int FreshBit = 4;

    private readonly T[] _slots;
    private int _middle;          // shared: a slot index, plus FreshBit when it holds a publish not yet taken
    private int _back = 1;        // producer-owned
    private int _front = 2;       // consumer-owned
    private long _published;

    /// <summary>Creates the three snapshots with <paramref name="create"/> (called three times, here only).</summary>
    public SnapshotExchange(Func<T> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        _slots = [create(), create(), create()];
    }

    /// <summary>Producer: the snapshot to fill before <see cref="Publish"/>; it holds whatever it held when it was last recycled.</summary>
    public T Back => _slots[_back];

    /// <summary>Consumer: the snapshot taken last (the initial third slot before any take).</summary>
    public T Front => _slots[_front];

    /// <summary>Number of publishes so far (any thread; a statistic).</summary>
    public long Published => Volatile.Read(ref _published);

    /// <summary>Producer: hands <see cref="Back"/> over whole and takes a recycled slot as the new <see cref="Back"/>.</summary>
    public void Publish()
    {
        // The exchange is a full fence: every write into the slot is visible before the slot is.
        int previous = Interlocked.Exchange(ref _middle, _back | FreshBit);
        _back = previous & IndexMask;
        Interlocked.Increment(ref _published);
    }

    /// <summary>
    /// Consumer: when a publish is waiting, takes it as <see cref="Front"/> and returns true; otherwise
    /// leaves <see cref="Front"/> as it is and returns false.
    /// </summary>
    public bool TryTakeNewest(out T snapshot)
    {
        if ((Volatile.Read(ref _middle) & FreshBit) == 0)
        {
            snapshot = _slots[_front];
            return false;
        }

        int previous = Interlocked.Exchange(ref _middle, _front);
        _front = previous & IndexMask;
        snapshot = _slots[_front];
        return true;
    }
}
