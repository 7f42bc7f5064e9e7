using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// The steady (not ramping) sends of every channel into one set of destination rows (mix buses or
/// effect inputs). Mixed row by row: a row's running sum stays in registers while every source is
/// added, so each destination sample is loaded and stored once per block instead of once per source. Rows fed by the
/// same sources (a send to every bus) go four at a time, so each source sample is loaded once for four rows.
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
    // Tap (low 2 bits) and source row (the rest) of each send in one word: one load per send in the row loop.
    private readonly int[] _tapSource;
    private readonly float[] _gain;
    // Each send's source row as an address, decoded for the tap buffers' addresses and stride it was decoded at: the
    // buffers stay put from block to block, so the row loop loads one address per send instead of decoding it again.
    private readonly nint[] _address;
    private nint _decoded0, _decoded1, _decoded2;
    private int _decodedStride = -1;
    // Rows in groups of four with the same sources in the same order, then the rest one by one (decoded with the addresses).
    private readonly int[] _order;
    private int _quadRows;

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
        _tapSource = new int[Math.Max(1, rows) * sourcesPerRow];
        _gain = new float[_tapSource.Length];
        _address = new nint[_tapSource.Length];
        _order = new int[Math.Max(1, rows)];
    }

    /// <summary>Forgets every send (start of a block).</summary>
    public void Clear()
    {
        Array.Clear(_count);
        _decodedStride = -1;
    }

    /// <summary>Row <paramref name="row"/> receives source row <paramref name="source"/> of tap buffer <paramref name="tap"/> (0, 1 or 2) × <paramref name="gain"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int row, int tap, int source, float gain)
    {
        // The throws out of line, so a gather of every send inlines this.
        int k = (uint)row < (uint)_rows ? _count[row] : _capacity;
        if ((uint)tap > 2 || (uint)source >= (uint)_sourceRows || k == _capacity) ThrowBadSend(row, tap, source);
        int at = row * _capacity + k;
        _tapSource[at] = tap | source << 2;
        _gain[at] = gain;
        _count[row] = k + 1;
        _decodedStride = -1;
    }

    /// <summary>
    /// As <see cref="Add"/>, placed among the row's sends by source row, so a row added in source order stays as if
    /// <paramref name="source"/> had been added in its turn (a send that came to rest, without gathering again).
    /// </summary>
    public void Insert(int row, int tap, int source, float gain)
    {
        Add(row, tap, source, gain);
        int first = row * _capacity, at = first + _count[row] - 1;
        int entry = _tapSource[at];
        for (; at > first && _tapSource[at - 1] >> 2 > source; at--)
        {
            _tapSource[at] = _tapSource[at - 1];
            _gain[at] = _gain[at - 1];
        }

        _tapSource[at] = entry;
        _gain[at] = gain;
    }

    /// <summary>Takes source row <paramref name="source"/>'s send out of row <paramref name="row"/>, the others keeping their order; false when the row has none.</summary>
    public bool Remove(int row, int source)
    {
        if ((uint)row >= (uint)_rows) return false;
        int end = row * _capacity + _count[row];
        for (int k = row * _capacity; k < end; k++)
        {
            if (_tapSource[k] >> 2 != source) continue;
            Array.Copy(_tapSource, k + 1, _tapSource, k, end - k - 1);
            Array.Copy(_gain, k + 1, _gain, k, end - k - 1);
            _count[row]--;
            _decodedStride = -1;
            return true;
        }

        return false;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowBadSend(int row, int tap, int source)
    {
        if ((uint)row >= (uint)_rows) throw new ArgumentOutOfRangeException(nameof(row));
        if ((uint)tap > 2) throw new ArgumentOutOfRangeException(nameof(tap));
        if ((uint)source >= (uint)_sourceRows) throw new ArgumentOutOfRangeException(nameof(source));
        throw new InvalidOperationException("more sends into one row than the matrix was sized for");
    }

    /// <summary>
    /// Adds every send to <paramref name="destination"/> (row r at <c>r × <paramref name="stride"/></c>) for
    /// <paramref name="frames"/> frames. Sources are planar rows of <paramref name="tap0"/>, <paramref name="tap1"/>
    /// and <paramref name="tap2"/> with <paramref name="sourceStride"/>.
    /// </summary>
    public unsafe void MixInto(ReadOnlySpan<float> tap0, ReadOnlySpan<float> tap1, ReadOnlySpan<float> tap2, int sourceStride,
        Span<float> destination, int stride, int frames)
    {
        // Every source row lies inside every tap buffer, so the row loops may read unchecked.
        if (frames > stride || frames > sourceStride) throw new ArgumentOutOfRangeException(nameof(frames));
        long sources = (long)(_sourceRows - 1) * sourceStride + frames;
        if (sources > tap0.Length || sources > tap1.Length || sources > tap2.Length) throw new ArgumentException("tap buffers smaller than the sources");
        if ((long)(_rows - 1) * stride + frames > destination.Length && _rows > 0) throw new ArgumentException("destination smaller than the rows", nameof(destination));
        fixed (float* p0 = tap0, p1 = tap1, p2 = tap2)
        {
            // The addresses are valid while the taps are fixed here, and only for the addresses they were decoded at.
            if (_decodedStride != sourceStride || _decoded0 != (nint)p0 || _decoded1 != (nint)p1 || _decoded2 != (nint)p2) Decode(p0, p1, p2, sourceStride);
            for (int q = 0; q < _quadRows; q += 4)
            {
                int done = MixQuad(destination, stride, q, frames);
                if (done == frames) continue;
                for (int j = q; j < q + 4; j++)
                {
                    int row = _order[j];
                    MixRow(destination.Slice(row * stride, frames), row * _capacity, _count[row], done);
                }
            }

            for (int j = _quadRows; j < _rows; j++)
            {
                int row = _order[j];
                if (_count[row] > 0) MixRow(destination.Slice(row * stride, frames), row * _capacity, _count[row], 0);
            }
        }
    }

    // MixInto checked that every source row lies inside its tap; entries were range-checked by Add.
    private unsafe void Decode(float* p0, float* p1, float* p2, int sourceStride)
    {
        float** taps = stackalloc float*[3];
        taps[0] = p0;
        taps[1] = p1;
        taps[2] = p2;
        for (int row = 0; row < _rows; row++)
            for (int k = row * _capacity, end = k + _count[row]; k < end; k++)
                _address[k] = (nint)(taps[_tapSource[k] & 3] + (nint)(_tapSource[k] >> 2) * sourceStride);
        (_decoded0, _decoded1, _decoded2, _decodedStride) = ((nint)p0, (nint)p1, (nint)p2, sourceStride);
        GroupRows();
    }

    // Fills _order: groups of four rows whose sends come from the same sources in the same order, then every other row.
    private void GroupRows()
    {
        Span<bool> placed = stackalloc bool[_rows];
        Span<int> group = stackalloc int[4];
        int quads = 0;
        for (int row = 0; row < _rows; row++)
        {
            if (placed[row] || _count[row] == 0) continue;
            int found = 0;
            group[found++] = row;
            for (int other = row + 1; other < _rows && found < 4; other++)
                if (!placed[other] && SameSources(row, other)) group[found++] = other;
            if (found < 4) continue;
            foreach (int r in group)
            {
                placed[r] = true;
                _order[quads++] = r;
            }
        }

        _quadRows = quads;
        int rest = quads;
        for (int row = 0; row < _rows; row++)
            if (!placed[row]) _order[rest++] = row;
    }

    private bool SameSources(int a, int b) =>
        _count[a] == _count[b] && _address.AsSpan(a * _capacity, _count[a]).SequenceEqual(_address.AsSpan(b * _capacity, _count[b]));

    // The four rows at _order[q..q+4] over their whole 16-frame tiles (returned): one load of each source for four
    // running sums, each in its own row's send order.
    private unsafe int MixQuad(Span<float> destination, int stride, int q, int frames)
    {
        const int tile = 2;
        int w = Vector<float>.Count, t = 0;
        int r0 = _order[q], r1 = _order[q + 1], r2 = _order[q + 2], r3 = _order[q + 3], count = _count[r0];
        fixed (float* rows = destination)
        {
            float* d0 = rows + (nint)r0 * stride, d1 = rows + (nint)r1 * stride, d2 = rows + (nint)r2 * stride, d3 = rows + (nint)r3 * stride;
            ref nint address = ref MemoryMarshal.GetArrayDataReference(_address);
            ref float gains = ref MemoryMarshal.GetArrayDataReference(_gain);
            int f0 = r0 * _capacity, f1 = r1 * _capacity, f2 = r2 * _capacity, f3 = r3 * _capacity;
            for (; t + tile * w <= frames; t += tile * w)
            {
                var a0 = Vector.Load(d0 + t);
                var a1 = Vector.Load(d0 + t + w);
                var b0 = Vector.Load(d1 + t);
                var b1 = Vector.Load(d1 + t + w);
                var c0 = Vector.Load(d2 + t);
                var c1 = Vector.Load(d2 + t + w);
                var e0 = Vector.Load(d3 + t);
                var e1 = Vector.Load(d3 + t + w);
                for (int k = 0; k < count; k++)
                {
                    float* x = (float*)Unsafe.Add(ref address, f0 + k) + t;
                    var x0 = Vector.Load(x);
                    var x1 = Vector.Load(x + w);
                    var g = new Vector<float>(Unsafe.Add(ref gains, f0 + k));
                    a0 = Vector.FusedMultiplyAdd(x0, g, a0);
                    a1 = Vector.FusedMultiplyAdd(x1, g, a1);
                    g = new Vector<float>(Unsafe.Add(ref gains, f1 + k));
                    b0 = Vector.FusedMultiplyAdd(x0, g, b0);
                    b1 = Vector.FusedMultiplyAdd(x1, g, b1);
                    g = new Vector<float>(Unsafe.Add(ref gains, f2 + k));
                    c0 = Vector.FusedMultiplyAdd(x0, g, c0);
                    c1 = Vector.FusedMultiplyAdd(x1, g, c1);
                    g = new Vector<float>(Unsafe.Add(ref gains, f3 + k));
                    e0 = Vector.FusedMultiplyAdd(x0, g, e0);
                    e1 = Vector.FusedMultiplyAdd(x1, g, e1);
                }

                a0.Store(d0 + t);
                a1.Store(d0 + t + w);
                b0.Store(d1 + t);
                b1.Store(d1 + t + w);
                c0.Store(d2 + t);
                c1.Store(d2 + t + w);
                e0.Store(d3 + t);
                e1.Store(d3 + t + w);
            }
        }

        return t;
    }

    // One row from frame t on.
    private unsafe void MixRow(Span<float> row, int first, int count, int t)
    {
        fixed (float* d = row)
        {
            ref nint address = ref MemoryMarshal.GetArrayDataReference(_address);
            ref float gains = ref MemoryMarshal.GetArrayDataReference(_gain);
            int w = Vector<float>.Count, frames = row.Length, end = first + count;
            for (; t + TileVectors * w <= frames; t += TileVectors * w)
            {
                var s0 = Vector.Load(d + t);
                var s1 = Vector.Load(d + t + w);
                var s2 = Vector.Load(d + t + 2 * w);
                var s3 = Vector.Load(d + t + 3 * w);
                for (int k = first; k < end; k++)
                {
                    float* x = (float*)Unsafe.Add(ref address, k) + t;
                    var g = new Vector<float>(Unsafe.Add(ref gains, k));
                    s0 = Vector.FusedMultiplyAdd(Vector.Load(x), g, s0);
                    s1 = Vector.FusedMultiplyAdd(Vector.Load(x + w), g, s1);
                    s2 = Vector.FusedMultiplyAdd(Vector.Load(x + 2 * w), g, s2);
                    s3 = Vector.FusedMultiplyAdd(Vector.Load(x + 3 * w), g, s3);
                }

                s0.Store(d + t);
                s1.Store(d + t + w);
                s2.Store(d + t + 2 * w);
                s3.Store(d + t + 3 * w);
            }

            for (; t + w <= frames; t += w)
            {
                var s = Vector.Load(d + t);
                for (int k = first; k < end; k++)
                    s = Vector.FusedMultiplyAdd(Vector.Load((float*)Unsafe.Add(ref address, k) + t), new Vector<float>(Unsafe.Add(ref gains, k)), s);
                s.Store(d + t);
            }

            for (; t < frames; t++)
            {
                float s = d[t];
                for (int k = first; k < end; k++) s = MathF.FusedMultiplyAdd(((float*)Unsafe.Add(ref address, k))[t], Unsafe.Add(ref gains, k), s);
                d[t] = s;
            }
        }
    }
}
