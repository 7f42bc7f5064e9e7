using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Effects;

/// <summary>
/// The reverb's input diffusers: four Schroeder allpasses in series (flat magnitude; they smear an attack into many small
/// echoes). Per sample and allpass, with h the sample pushed delay + 1 samples ago, v = x + gain h is pushed (denormals
/// flushed) and h - gain v goes on to the next. The allpasses share one ring (allpass d in its own stretch) and one
/// write position, and run together over stretches no longer than the shortest delay + 1: each sample of such a stretch
/// reads only samples pushed before it, so all of them pass every allpass in one sweep, in the same arithmetic.
/// </summary>
internal sealed class ReverbDiffusers
{
    private float[] _ring = [];
    private int[] _delayFrames = [];
    private int _length, _mask, _write, _shortest;
    private float _gain;

    /// <summary>Allpasses in series.</summary>
    public const int Count = 4;

    /// <summary>Sizes the ring for <paramref name="delayFrames"/> (one per allpass, in order) and clears it.</summary>
    public void Prepare(ReadOnlySpan<int> delayFrames, float gain)
    {
        if (delayFrames.Length != Count) throw new ArgumentException($"{Count} delays, one per allpass", nameof(delayFrames));
        _delayFrames = delayFrames.ToArray();
        _shortest = int.MaxValue;
        int longest = 0;
        foreach (int d in _delayFrames)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(delayFrames));
            _shortest = Math.Min(_shortest, d);
            longest = Math.Max(longest, d);
        }

        _length = (int)BitOperations.RoundUpToPowerOf2((uint)(longest + 1));
        _mask = _length - 1;
        _ring = new float[_length * _delayFrames.Length];
        _gain = gain;
        Reset();
    }

    /// <summary>Silences every allpass.</summary>
    public void Reset()
    {
        Array.Clear(_ring);
        _write = 0;
    }

    /// <summary>True when every allpass holds +0 (bit for bit): they then pass silence as silence.</summary>
    public bool HoldsOnlyZeros => MemoryMarshal.Cast<float, int>(_ring.AsSpan()).IndexOfAnyExcept(0) < 0;

    /// <summary>Runs <paramref name="audio"/> in place through every allpass in turn.</summary>
    public void Process(Span<float> audio)
    {
        if (_delayFrames.Length != Count) throw new InvalidOperationException("Prepare before Process");
        ref float io = ref MemoryMarshal.GetReference(audio);
        ref float ring = ref MemoryMarshal.GetArrayDataReference(_ring);
        int length = _length, d0 = _delayFrames[0], d1 = _delayFrames[1], d2 = _delayFrames[2], d3 = _delayFrames[3];
        for (int done = 0; done < audio.Length;)
        {
            // A stretch ends where the write or any read position wraps round the ring, so it is contiguous in each.
            int write = (_write + 1) & _mask;
            int r0 = (_write - d0) & _mask, r1 = (_write - d1) & _mask, r2 = (_write - d2) & _mask, r3 = (_write - d3) & _mask;
            int piece = Math.Min(Math.Min(audio.Length - done, _shortest + 1), length - Math.Max(write, Math.Max(Math.Max(r0, r1), Math.Max(r2, r3))));
            Sweep(ref Unsafe.Add(ref io, done), ref ring, length, r0, r1, r2, r3, write, piece, _gain);
            done += piece;
            _write = (_write + piece) & _mask;
        }
    }

    // Frames [0, n) of x through the four allpasses (allpass d's stretch at d × length) at read positions r0..r3 and
    // write position write, none wrapping.
    private static void Sweep(ref float x, ref float ring, int length, int r0, int r1, int r2, int r3, int write, int n, float gain)
    {
        ref float s0 = ref ring;
        ref float s1 = ref Unsafe.Add(ref ring, length);
        ref float s2 = ref Unsafe.Add(ref ring, 2 * length);
        ref float s3 = ref Unsafe.Add(ref ring, 3 * length);
        int i = 0, w = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> g = new(gain), threshold = new(DenormalGuard.Threshold);
            for (; i + w <= n; i += w)
            {
                var y = Vector.LoadUnsafe(ref x, (nuint)i);
                y = Allpass(y, ref s0, r0 + i, write + i, g, threshold);
                y = Allpass(y, ref s1, r1 + i, write + i, g, threshold);
                y = Allpass(y, ref s2, r2 + i, write + i, g, threshold);
                y = Allpass(y, ref s3, r3 + i, write + i, g, threshold);
                y.StoreUnsafe(ref x, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            float y = Unsafe.Add(ref x, i);
            y = Allpass(y, ref s0, r0 + i, write + i, gain);
            y = Allpass(y, ref s1, r1 + i, write + i, gain);
            y = Allpass(y, ref s2, r2 + i, write + i, gain);
            y = Allpass(y, ref s3, r3 + i, write + i, gain);
            Unsafe.Add(ref x, i) = y;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Allpass(Vector<float> x, ref float stretch, int read, int write, Vector<float> g, Vector<float> threshold)
    {
        var h = Vector.LoadUnsafe(ref stretch, (nuint)read);
        var v = x + g * h;
        Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(v), threshold), Vector<float>.Zero, v).StoreUnsafe(ref stretch, (nuint)write);
        return h - g * v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Allpass(float x, ref float stretch, int read, int write, float gain)
    {
        float h = Unsafe.Add(ref stretch, read);
        float v = x + gain * h;
        Unsafe.Add(ref stretch, write) = DenormalGuard.Flush(v);
        return h - gain * v;
    }
}
