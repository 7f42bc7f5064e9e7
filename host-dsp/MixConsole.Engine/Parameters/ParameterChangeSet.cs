namespace MixConsole.Engine.Parameters;

/// <summary>
/// Which parameters changed since one reader last looked: a bit per parameter that every write to the store sets
/// (<see cref="ParameterStore.TrackChanges"/> hands one to each reader), so the reader visits the changed
/// parameters alone instead of comparing the whole table. One reader per set; writers on any thread. Allocates
/// nothing after construction.
/// </summary>
public sealed class ParameterChangeSet
{
    private readonly ulong[] _marked;  // set by writers, taken by the reader
    private readonly ulong[] _pending; // taken but not yet handed out (a copy that failed keeps them)

    private bool _primed;               // the reader's copy once held every value: later copies take the marked ones

    internal ParameterChangeSet(int count)
    {
        _marked = new ulong[(count + 63) / 64];
        _pending = new ulong[_marked.Length];
    }

    /// <summary>Writer side: parameter <paramref name="index"/> changed.</summary>
    internal void Mark(int index) => Interlocked.Or(ref _marked[index >> 6], 1UL << (index & 63));

    /// <summary>Reader side: moves the writers' marks into the pending set (nothing is lost if the read then fails).</summary>
    internal void Collect()
    {
        for (int w = 0; w < _marked.Length; w++)
        {
            if (Volatile.Read(ref _marked[w]) != 0) _pending[w] |= Interlocked.Exchange(ref _marked[w], 0);
        }
    }

    /// <summary>
    /// Reader side: brings <paramref name="destination"/>, this reader's copy, up to <paramref name="source"/>: the first
    /// time every value, then the collected ones alone (every write marks after it stores, so the rest are as copied).
    /// </summary>
    internal void CopyCollected(float[] source, Span<float> destination)
    {
        if (!_primed)
        {
            source.AsSpan().CopyTo(destination);
            return;
        }

        for (int w = 0; w < _pending.Length; w++)
        {
            ulong bits = _pending[w];
            while (bits != 0)
            {
                int index = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                destination[index] = Volatile.Read(ref source[index]);
                bits &= bits - 1;
            }
        }
    }

    /// <summary>Reader side: the copy just made was whole (no batch crossed it): from now on the collected values suffice.</summary>
    internal void MarkPrimed() => _primed = true;

    /// <summary>
    /// Reader side: writes the indices collected so far into <paramref name="destination"/> (room for every parameter),
    /// in index order, and forgets them. Returns how many.
    /// </summary>
    public int Take(Span<int> destination)
    {
        int count = 0;
        for (int w = 0; w < _pending.Length; w++)
        {
            ulong bits = _pending[w];
            if (bits == 0) continue;
            _pending[w] = 0;
            while (bits != 0)
            {
                destination[count++] = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
            }
        }

        return count;
    }
}
