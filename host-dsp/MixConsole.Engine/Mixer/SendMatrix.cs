using System.Numerics;
using System.Runtime.InteropServices;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// The steady (not ramping) sends of every channel into one set of destination rows (mix buses or
/// effect inputs). Mixed row by row: a row's running sum stays in registers while every source is
/// added, so each destination sample is loaded and stored once per block instead of once per source.
/// Each destination sample is <c>d + s0 g0 + s1 g1 + ...</c> (fused multiply-adds) in the order sends were
/// added, whatever the block length, so results do not depend on block size.
/// </summary>
internal sealed class SendMatrix
{
    private const int TileVectors = 4;

    private readonly int _rows;
    private readonly int _capacity;
    private readonly int _sourceRows;
    private readonly int[] _count;
    private readonly int[] _tap;
    private readonly int[] _source;
    private readonly float[] _gain;

    /// <summary>A matrix of <paramref name="rows"/> destinations, each fed by up to <paramref name="sourcesPerRow"/> sends from <paramref name="sourceRows"/> rows per tap.</summary>
    public SendMatrix(int rows, int sourcesPerRow, int sourceRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceRows, 1);
        _sourceRows = sourceRows;
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(sourcesPerRow, 1);
        _rows = rows;
        _capacity = sourcesPerRow;
        _count = new int[Math.Max(1, rows)];
        _tap = new int[Math.Max(1, rows) * sourcesPerRow];
        _source = new int[_tap.Length];
        _gain = new float[_tap.Length];
    }

    /// <summary>Forgets every send (start of a block).</summary>
    public void Clear() => Array.Clear(_count);

    /// <summary>Row <paramref name="row"/> receives source row <paramref name="source"/> of tap buffer <paramref name="tap"/> (0, 1 or 2) × <paramref name="gain"/>.</summary>
    public void Add(int row, int tap, int source, float gain)
    {
        if ((uint)row >= (uint)_rows) throw new ArgumentOutOfRangeException(nameof(row));
        if ((uint)tap > 2) throw new ArgumentOutOfRangeException(nameof(tap));
        if ((uint)source >= (uint)_sourceRows) throw new ArgumentOutOfRangeException(nameof(source));
        int k = _count[row];
        if (k == _capacity) throw new InvalidOperationException("more sends into one row than the matrix was sized for");
        int at = row * _capacity + k;
        _tap[at] = tap;
        _source[at] = source;
        _gain[at] = gain;
        _count[row] = k + 1;
    }

    /// <summary>
    /// Adds every send to <paramref name="destination"/> (row r at <c>r × <paramref name="stride"/></c>) for
    /// <paramref name="frames"/> frames. Sources are planar rows of <paramref name="tap0"/>, <paramref name="tap1"/>
    /// and <paramref name="tap2"/> with <paramref name="sourceStride"/>.
    /// </summary>
    public void MixInto(ReadOnlySpan<float> tap0, ReadOnlySpan<float> tap1, ReadOnlySpan<float> tap2, int sourceStride,
        Span<float> destination, int stride, int frames)
    {
        // Every source row lies inside every tap buffer, so the row loops may read unchecked.
        if (frames > stride || frames > sourceStride) throw new ArgumentOutOfRangeException(nameof(frames));
        long sources = (long)(_sourceRows - 1) * sourceStride + frames;
        if (sources > tap0.Length || sources > tap1.Length || sources > tap2.Length) throw new ArgumentException("tap buffers smaller than the sources");
        if ((long)(_rows - 1) * stride + frames > destination.Length && _rows > 0) throw new ArgumentException("destination smaller than the rows", nameof(destination));
        for (int row = 0; row < _rows; row++)
        {
            int count = _count[row];
            if (count > 0) MixRow(tap0, tap1, tap2, sourceStride, destination.Slice(row * stride, frames), row * _capacity, count);
        }
    }

    private void MixRow(ReadOnlySpan<float> tap0, ReadOnlySpan<float> tap1, ReadOnlySpan<float> tap2, int sourceStride,
        Span<float> row, int first, int count)
    {
        ref float a0 = ref MemoryMarshal.GetReference(tap0);
        ref float a1 = ref MemoryMarshal.GetReference(tap1);
        ref float a2 = ref MemoryMarshal.GetReference(tap2);
        ref float d = ref MemoryMarshal.GetReference(row);
        int w = Vector<float>.Count, frames = row.Length, t = 0, end = first + count;
        for (; t + TileVectors * w <= frames; t += TileVectors * w)
        {
            nuint i = (nuint)t;
            var s0 = Vector.LoadUnsafe(ref d, i);
            var s1 = Vector.LoadUnsafe(ref d, i + (nuint)w);
            var s2 = Vector.LoadUnsafe(ref d, i + (nuint)(2 * w));
            var s3 = Vector.LoadUnsafe(ref d, i + (nuint)(3 * w));
            for (int k = first; k < end; k++)
            {
                ref float x = ref Source(ref a0, ref a1, ref a2, k, sourceStride);
                var g = new Vector<float>(_gain[k]);
                s0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref x, i), g, s0);
                s1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref x, i + (nuint)w), g, s1);
                s2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref x, i + (nuint)(2 * w)), g, s2);
                s3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref x, i + (nuint)(3 * w)), g, s3);
            }

            s0.StoreUnsafe(ref d, i);
            s1.StoreUnsafe(ref d, i + (nuint)w);
            s2.StoreUnsafe(ref d, i + (nuint)(2 * w));
            s3.StoreUnsafe(ref d, i + (nuint)(3 * w));
        }

        for (; t + w <= frames; t += w)
        {
            nuint i = (nuint)t;
            var s = Vector.LoadUnsafe(ref d, i);
            for (int k = first; k < end; k++)
                s = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref Source(ref a0, ref a1, ref a2, k, sourceStride), i), new Vector<float>(_gain[k]), s);
            s.StoreUnsafe(ref d, i);
        }

        for (; t < frames; t++)
        {
            float s = row[t];
            for (int k = first; k < end; k++) s = MathF.FusedMultiplyAdd(System.Runtime.CompilerServices.Unsafe.Add(ref Source(ref a0, ref a1, ref a2, k, sourceStride), t), _gain[k], s);
            row[t] = s;
        }
    }

    private ref float Source(ref float a0, ref float a1, ref float a2, int k, int sourceStride)
    {
        int tap = _tap[k];
        ref float tapBase = ref tap == 0 ? ref a0 : ref tap == 1 ? ref a1 : ref a2;
        return ref System.Runtime.CompilerServices.Unsafe.Add(ref tapBase, _source[k] * sourceStride);
    }
}
