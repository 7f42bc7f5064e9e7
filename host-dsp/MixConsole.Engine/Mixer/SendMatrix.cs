using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// The steady (not ramping) sends of every channel into one set of destination rows (mix buses or
/// effect inputs). Mixed two rows at a time: the rows' running sums stay in registers while every source is
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
    // Tap (low 2 bits) and source row (the rest) of each send in one word: one load per send in the row loop.
    private readonly int[] _tapSource;
    private readonly float[] _gain;
    // Each send's source row as an address, decoded for the tap buffers' addresses and stride it was decoded at: the
    // buffers stay put from block to block, so the row loop loads one address per send instead of decoding it again.
    private readonly nint[] _address;
    private nint _decoded0, _decoded1, _decoded2;
    private int _decodedStride = -1;

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
    }

    /// <summary>Forgets every send (start of a block).</summary>
    public void Clear()
    {
        Array.Clear(_count);
        _decodedStride = -1;
    }

    /// <summary>Row <paramref name="row"/> receives source row <paramref name="source"/> of tap buffer <paramref name="tap"/> (0, 1 or 2) × <paramref name="gain"/>.</summary>
    public void Add(int row, int tap, int source, float gain)
    {
        if ((uint)row >= (uint)_rows) throw new ArgumentOutOfRangeException(nameof(row));
        if ((uint)tap > 2) throw new ArgumentOutOfRangeException(nameof(tap));
        if ((uint)source >= (uint)_sourceRows) throw new ArgumentOutOfRangeException(nameof(source));
        int k = _count[row];
        if (k == _capacity) throw new InvalidOperationException("more sends into one row than the matrix was sized for");
        int at = row * _capacity + k;
        _tapSource[at] = tap | source << 2;
        _gain[at] = gain;
        _count[row] = k + 1;
        _decodedStride = -1;
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
            // Rows two at a time: eight running sums in registers keep both multiply-add pipes busy, where one row's four
            // wait on each other's latency.
            int pending = -1;
            for (int row = 0; row < _rows; row++)
            {
                if (_count[row] == 0) continue;
                if (pending < 0)
                {
                    pending = row;
                    continue;
                }

                int done = MixPair(destination, stride, pending, row, frames);
                MixRow(destination.Slice(pending * stride, frames), pending * _capacity, _count[pending], done);
                MixRow(destination.Slice(row * stride, frames), row * _capacity, _count[row], done);
                pending = -1;
            }

            if (pending >= 0) MixRow(destination.Slice(pending * stride, frames), pending * _capacity, _count[pending], 0);
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
    }

    // Rows a and b over their whole tiles (frames from 0, returned), each sum in its own row's send order.
    private unsafe int MixPair(Span<float> destination, int stride, int a, int b, int frames)
    {
        int w = Vector<float>.Count, t = 0;
        fixed (float* rows = destination)
        {
            float* da = rows + (nint)a * stride, db = rows + (nint)b * stride;
            ref nint address = ref MemoryMarshal.GetArrayDataReference(_address);
            ref float gains = ref MemoryMarshal.GetArrayDataReference(_gain);
            int firstA = a * _capacity, firstB = b * _capacity, countA = _count[a], countB = _count[b], both = Math.Min(countA, countB);
            for (; t + TileVectors * w <= frames; t += TileVectors * w)
            {
                var a0 = Vector.Load(da + t);
                var a1 = Vector.Load(da + t + w);
                var a2 = Vector.Load(da + t + 2 * w);
                var a3 = Vector.Load(da + t + 3 * w);
                var b0 = Vector.Load(db + t);
                var b1 = Vector.Load(db + t + w);
                var b2 = Vector.Load(db + t + 2 * w);
                var b3 = Vector.Load(db + t + 3 * w);
                int k = 0;
                for (; k < both; k++)
                {
                    float* x = (float*)Unsafe.Add(ref address, firstA + k) + t;
                    float* y = (float*)Unsafe.Add(ref address, firstB + k) + t;
                    var ga = new Vector<float>(Unsafe.Add(ref gains, firstA + k));
                    var gb = new Vector<float>(Unsafe.Add(ref gains, firstB + k));
                    a0 = Vector.FusedMultiplyAdd(Vector.Load(x), ga, a0);
                    b0 = Vector.FusedMultiplyAdd(Vector.Load(y), gb, b0);
                    a1 = Vector.FusedMultiplyAdd(Vector.Load(x + w), ga, a1);
                    b1 = Vector.FusedMultiplyAdd(Vector.Load(y + w), gb, b1);
                    a2 = Vector.FusedMultiplyAdd(Vector.Load(x + 2 * w), ga, a2);
                    b2 = Vector.FusedMultiplyAdd(Vector.Load(y + 2 * w), gb, b2);
                    a3 = Vector.FusedMultiplyAdd(Vector.Load(x + 3 * w), ga, a3);
                    b3 = Vector.FusedMultiplyAdd(Vector.Load(y + 3 * w), gb, b3);
                }

                for (int j = k; j < countA; j++)
                {
                    float* x = (float*)Unsafe.Add(ref address, firstA + j) + t;
                    var ga = new Vector<float>(Unsafe.Add(ref gains, firstA + j));
                    a0 = Vector.FusedMultiplyAdd(Vector.Load(x), ga, a0);
                    a1 = Vector.FusedMultiplyAdd(Vector.Load(x + w), ga, a1);
                    a2 = Vector.FusedMultiplyAdd(Vector.Load(x + 2 * w), ga, a2);
                    a3 = Vector.FusedMultiplyAdd(Vector.Load(x + 3 * w), ga, a3);
                }

                for (int j = k; j < countB; j++)
                {
                    float* y = (float*)Unsafe.Add(ref address, firstB + j) + t;
                    var gb = new Vector<float>(Unsafe.Add(ref gains, firstB + j));
                    b0 = Vector.FusedMultiplyAdd(Vector.Load(y), gb, b0);
                    b1 = Vector.FusedMultiplyAdd(Vector.Load(y + w), gb, b1);
                    b2 = Vector.FusedMultiplyAdd(Vector.Load(y + 2 * w), gb, b2);
                    b3 = Vector.FusedMultiplyAdd(Vector.Load(y + 3 * w), gb, b3);
                }

                a0.Store(da + t);
                a1.Store(da + t + w);
                a2.Store(da + t + 2 * w);
                a3.Store(da + t + 3 * w);
                b0.Store(db + t);
                b1.Store(db + t + w);
                b2.Store(db + t + 2 * w);
                b3.Store(db + t + 3 * w);
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
