using System.Runtime.InteropServices;

namespace MixConsole.Dsp.Core;

/// <summary>
/// A lock-free single-producer/single-consumer ring of unmanaged items: the audio
/// thread writes (meters, recorded frames) and one other thread reads, or the
/// reverse. Neither side blocks, allocates or waits; a full ring refuses the write
/// and the producer counts the loss.
/// </summary>
/// <typeparam name="T">An unmanaged item type.</typeparam>
public sealed class SpscRing<T> where T : unmanaged
{
    private readonly T[] _items;
    private readonly int _mask;
    // Each index is written by one side only; padding keeps them on separate cache lines.
    private PaddedLong _head; // next slot to read (consumer-owned)
    private PaddedLong _tail; // next slot to write (producer-owned)

    /// <summary>Creates a ring holding at least <paramref name="capacity"/> items (rounded up to a power of two).</summary>
    public SpscRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity);
        _items = new T[size];
        _mask = size - 1;
    }

    /// <summary>Number of slots.</summary>
    public int Capacity => _items.Length;

    /// <summary>Items ready to read (a snapshot; may grow while you look).</summary>
    public int Count => (int)(Volatile.Read(ref _tail.Value) - Volatile.Read(ref _head.Value));

    /// <summary>Free slots (a snapshot; may grow while you look).</summary>
    public int FreeSpace => Capacity - Count;

    /// <summary>Producer: appends one item; false when the ring is full.</summary>
    public bool TryWrite(in T item)
    {
        long tail = _tail.Value;
        if (tail - Volatile.Read(ref _head.Value) >= _items.Length) return false;
        _items[(int)tail & _mask] = item;
        Volatile.Write(ref _tail.Value, tail + 1);
        return true;
    }

    /// <summary>Producer: appends all of <paramref name="items"/> or nothing; false when there is not room for all.</summary>
    public bool TryWrite(ReadOnlySpan<T> items)
    {
        long tail = _tail.Value;
        if (_items.Length - (tail - Volatile.Read(ref _head.Value)) < items.Length) return false;
        int start = (int)tail & _mask;
        int first = Math.Min(items.Length, _items.Length - start);
        items[..first].CopyTo(_items.AsSpan(start));
        items[first..].CopyTo(_items);
        Volatile.Write(ref _tail.Value, tail + items.Length);
        return true;
    }

    /// <summary>Consumer: takes one item; false when the ring is empty.</summary>
    public bool TryRead(out T item)
    {
        long head = _head.Value;
        if (Volatile.Read(ref _tail.Value) == head)
        {
            item = default;
            return false;
        }
        item = _items[(int)head & _mask];
        Volatile.Write(ref _head.Value, head + 1);
        return true;
    }

    /// <summary>Consumer: takes up to <paramref name="destination"/>.Length items; returns how many.</summary>
    public int Read(Span<T> destination)
    {
        long head = _head.Value;
        int available = (int)(Volatile.Read(ref _tail.Value) - head);
        int n = Math.Min(available, destination.Length);
        int start = (int)head & _mask;
        int first = Math.Min(n, _items.Length - start);
        _items.AsSpan(start, first).CopyTo(destination);
        _items.AsSpan(0, n - first).CopyTo(destination[first..]);
        Volatile.Write(ref _head.Value, head + n);
        return n;
    }
}

/// <summary>A long alone on its cache line, so two threads' indices never share one.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedLong
{
    [FieldOffset(64)] public long Value;
}
