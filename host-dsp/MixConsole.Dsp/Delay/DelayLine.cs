using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using MixConsole.Dsp.Lanes;

namespace MixConsole.Dsp.Delay;

/// <summary>
/// A circular delay line of one channel. <see cref="Push"/> writes the newest sample;
/// <see cref="Read(int)"/> with 0 returns it, with d the sample pushed d calls earlier.
/// <see cref="ReadFractional"/> interpolates between samples (4-point cubic Hermite) for
/// modulated and tempo-derived times. Memory is sized in <see cref="Prepare"/> only.
/// </summary>
public sealed class DelayLine
{
    private float[] _buffer = [];
    private int _mask;
    private int _write;

    /// <summary>Longest delay <see cref="Read(int)"/> and <see cref="ReadFractional"/> honour, in frames.</summary>
    public int MaxDelayFrames { get; private set; }

    /// <summary>Sizes the line to hold <paramref name="maxDelayMs"/> at <paramref name="sampleRateHz"/> and clears it.</summary>
    public void Prepare(double sampleRateHz, double maxDelayMs) =>
        PrepareFrames((int)Math.Ceiling(sampleRateHz * maxDelayMs / 1000.0));

    /// <summary>Sizes the line to hold <paramref name="maxDelayFrames"/> frames and clears it.</summary>
    public void PrepareFrames(int maxDelayFrames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDelayFrames);
        // Power-of-two length so wrapping is a mask; 4 spare frames feed the interpolator.
        int length = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(maxDelayFrames + 4));
        _buffer = new float[length];
        _mask = length - 1;
        _write = 0;
        MaxDelayFrames = maxDelayFrames;
    }

    /// <summary>Fills the line with silence and writes from the ring's start again; the size is kept.</summary>
    public void Reset()
    {
        Array.Clear(_buffer);
        _write = 0;
    }

    /// <summary>Samples the ring holds: pushing this many in a row replaces every one.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Writes the newest sample.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(float sample)
    {
        _write = (_write + 1) & _mask;
        _buffer[_write] = sample;
    }

    /// <summary>The sample pushed <paramref name="delayFrames"/> pushes ago (0 = newest), clamped to 0..<see cref="MaxDelayFrames"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Read(int delayFrames) => _buffer[(_write - Math.Clamp(delayFrames, 0, MaxDelayFrames)) & _mask];

    /// <summary>
    /// The signal <paramref name="delayFrames"/> frames ago, interpolated (4-point, 3rd-order Hermite);
    /// clamped to 1..<see cref="MaxDelayFrames"/> because the interpolator needs one newer sample.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float ReadFractional(float delayFrames) => ReadFractionalAhead(0, delayFrames);

    /// <summary>
    /// What <see cref="ReadFractional"/> will return after <paramref name="pushes"/> more pushes, read now: valid
    /// while <paramref name="delayFrames"/> is at least <paramref name="pushes"/> + 1, so only samples already in
    /// the line are touched. Lets a block read all its taps before it writes (see <see cref="Write"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float ReadFractionalAhead(int pushes, float delayFrames)
    {
        delayFrames = Math.Clamp(delayFrames, 1f, MaxDelayFrames);
        int whole = (int)delayFrames;
        float t = delayFrames - whole;
        int i = _write + pushes - whole;
        return Hermite(_buffer[(i - 2) & _mask], _buffer[(i - 1) & _mask], _buffer[i & _mask], _buffer[(i + 1) & _mask], t);
    }

    // 4-point, 3rd-order Hermite between y0 and the newer sample, at fraction t towards y1 (one sample older).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Hermite(float older, float y1, float y0, float newer, float t)
    {
        float c1 = 0.5f * (y1 - newer);
        float c2 = newer - 2.5f * y0 + 2f * y1 - 0.5f * older;
        float c3 = 0.5f * (older - newer) + 1.5f * (y0 - y1);
        return ((c3 * t + c2) * t + c1) * t + y0;
    }

    /// <summary>Delays <paramref name="audio"/> in place by a constant <paramref name="delayFrames"/> (0 passes it through).</summary>
    public void Process(Span<float> audio, int delayFrames)
    {
        int delay = Math.Clamp(delayFrames, 0, MaxDelayFrames);
        int n = audio.Length, start = (_write + 1) & _mask, from = (start - delay) & _mask;
        if (start + n <= _buffer.Length && from + n <= _buffer.Length && n <= _buffer.Length - delay)
        {
            // The usual block: neither the write nor the read wraps round the ring, so two straight copies, unchecked
            // (the bounds are the condition above); in this order, a delay shorter than the block reads what it wrote.
            ref float ring = ref MemoryMarshal.GetArrayDataReference(_buffer);
            ref float io = ref MemoryMarshal.GetReference(audio);
            BlockCopy.Unchecked(ref io, ref Unsafe.Add(ref ring, start), n);
            BlockCopy.Unchecked(ref Unsafe.Add(ref ring, from), ref io, n);
            _write = (_write + n) & _mask;
            PrefetchNextBlock(n, delay);
            return;
        }

        // Block copies instead of a per-sample ring walk; a chunk may not overwrite what it still has to read.
        int chunk = _buffer.Length - delay;
        for (int done = 0; done < audio.Length; done += chunk)
        {
            Span<float> part = audio.Slice(done, Math.Min(chunk, audio.Length - done));
            int first = (_write + 1) & _mask;
            CopyIn(part, first);
            _write = (_write + part.Length) & _mask;
            CopyOut((first - delay) & _mask, part);
        }

        PrefetchNextWrite(audio.Length);
    }

    /// <summary>
    /// <paramref name="destination"/> = <paramref name="source"/> × <paramref name="gain"/> delayed by a constant
    /// <paramref name="delayFrames"/>: the samples of scaling into <paramref name="destination"/> (a zero gain writing +0)
    /// and then <see cref="Process(Span{float}, int)"/>, with the product going straight into the ring.
    /// </summary>
    public void Process(ReadOnlySpan<float> source, float gain, Span<float> destination, int delayFrames)
    {
        int delay = Math.Clamp(delayFrames, 0, MaxDelayFrames);
        int n = source.Length, start = (_write + 1) & _mask, from = (start - delay) & _mask;
        if (destination.Length < n) throw new ArgumentException("destination shorter than source", nameof(destination));
        if (start + n > _buffer.Length || from + n > _buffer.Length || n > _buffer.Length - delay)
        {
            // The write or the read wraps round the ring: scale, then the block copies of the in-place delay.
            Scale(source, gain, destination);
            Process(destination[..n], delay);
            return;
        }

        ref float ring = ref MemoryMarshal.GetArrayDataReference(_buffer);
        Scale(source, gain, MemoryMarshal.CreateSpan(ref Unsafe.Add(ref ring, start), n));
        BlockCopy.Unchecked(ref Unsafe.Add(ref ring, from), ref MemoryMarshal.GetReference(destination), n);
        _write = (_write + n) & _mask;
        PrefetchNextBlock(n, delay);
    }

    // destination = source × gain, as a ramp at rest scales (a zero gain clears).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scale(ReadOnlySpan<float> source, float gain, Span<float> destination)
    {
        if (gain == 0f)
        {
            destination[..source.Length].Clear();
            return;
        }

        VectorMath.Scale(source, gain, destination);
    }

    // After a block of a constant delay: the next block's write position and, when the delay is long enough for them
    // to have left the cache by then, the samples it will read; one pinning and one size test for both.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe void PrefetchNextBlock(int frames, int delay)
    {
        if (!Sse.IsSupported || _buffer.Length <= 4096) return;
        int write = _write + 1, count = frames + 16;
        fixed (float* line = _buffer)
        {
            for (int k = 0; k < count; k += 16) Sse.Prefetch0(line + ((write + k) & _mask));
            if (delay <= 2 * frames) return;
            for (int k = 0; k < count; k += 16) Sse.Prefetch0(line + ((write - delay + k) & _mask));
        }
    }

    // A long line's next write position was last touched most of a second ago and has left the cache; asking for
    // it a block early keeps 32 channels of delay from stalling on memory at every block.
    private void PrefetchNextWrite(int frames) => Prefetch(_write + 1, frames + 16);

    // One prefetch per cache line of [from, from + count) around the ring; lines short enough to stay cached need none.
    private unsafe void Prefetch(int from, int count)
    {
        if (!Sse.IsSupported || _buffer.Length <= 4096) return;
        fixed (float* line = _buffer)
        {
            for (int k = 0; k < count; k += 16) Sse.Prefetch0(line + ((from + k) & _mask));
        }
    }

    /// <summary>
    /// <see cref="ReadFractionalAhead"/> for pushes 0, 1, 2.. at one fixed <paramref name="delayFrames"/>, into
    /// <paramref name="destination"/>, vectorised: the same arithmetic, so the same samples. <paramref name="window"/>
    /// is scratch of at least destination.Length + 3 floats; the delay must be at least destination.Length + 1.
    /// </summary>
    public void ReadFractionalBlock(float delayFrames, Span<float> destination, Span<float> window)
    {
        int frames = destination.Length;
        delayFrames = Math.Clamp(delayFrames, 1f, MaxDelayFrames);
        int whole = (int)delayFrames;
        float t = delayFrames - whole;
        if (whole < frames + 1 || window.Length < frames + 3) throw new ArgumentException("delay shorter than the block, or window too small");
        // Sample i interpolates positions i0+i-2 .. i0+i+1 (older, y1, y0, newer): one contiguous window for the block.
        Span<float> w = window[..(frames + 3)];
        CopyOut((_write - whole - 2) & _mask, w);
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vt = new Vector<float>(t);
            for (; k + Vector<float>.Count <= frames; k += Vector<float>.Count)
            {
                var older = new Vector<float>(w[k..]);
                var y1 = new Vector<float>(w[(k + 1)..]);
                var y0 = new Vector<float>(w[(k + 2)..]);
                var newer = new Vector<float>(w[(k + 3)..]);
                var c1 = new Vector<float>(0.5f) * (y1 - newer);
                var c2 = newer - new Vector<float>(2.5f) * y0 + new Vector<float>(2f) * y1 - new Vector<float>(0.5f) * older;
                var c3 = new Vector<float>(0.5f) * (older - newer) + new Vector<float>(1.5f) * (y0 - y1);
                (((c3 * vt + c2) * vt + c1) * vt + y0).CopyTo(destination[k..]);
            }
        }

        for (; k < frames; k++) destination[k] = Hermite(w[k], w[k + 1], w[k + 2], w[k + 3], t);
    }

    /// <summary>Pushes every sample of <paramref name="samples"/> in order, as many <see cref="Push"/> calls would.</summary>
    public void Write(ReadOnlySpan<float> samples)
    {
        for (int done = 0; done < samples.Length; done += _buffer.Length)
        {
            ReadOnlySpan<float> part = samples.Slice(done, Math.Min(_buffer.Length, samples.Length - done));
            CopyIn(part, (_write + 1) & _mask);
            _write = (_write + part.Length) & _mask;
        }

        PrefetchNextWrite(samples.Length);
    }

    /// <summary>
    /// Asks the cache for what <see cref="ReadFractionalAhead"/> will read over the next <paramref name="frames"/>
    /// pushes at about <paramref name="delayFrames"/>: a long line's taps are far behind the write position.
    /// </summary>
    public void PrefetchRead(int frames, float delayFrames) =>
        Prefetch(_write + frames + 1 - (int)Math.Clamp(delayFrames, 1f, MaxDelayFrames) - 2, frames + 20);

    private void CopyIn(ReadOnlySpan<float> source, int at)
    {
        int head = Math.Min(source.Length, _buffer.Length - at);
        BlockCopy.Copy(source[..head], _buffer.AsSpan(at));
        if (head < source.Length) BlockCopy.Copy(source[head..], _buffer);
    }

    private void CopyOut(int at, Span<float> destination)
    {
        int head = Math.Min(destination.Length, _buffer.Length - at);
        BlockCopy.Copy(_buffer.AsSpan(at, head), destination);
        if (head < destination.Length) BlockCopy.Copy(_buffer.AsSpan(0, destination.Length - head), destination[head..]);
    }
}
