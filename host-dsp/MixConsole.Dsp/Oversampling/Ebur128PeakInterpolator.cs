using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MixConsole.Dsp.Oversampling;

/// <summary>
/// The true-peak reading of libebur128, the meter behind most loudness tools, reproduced so a limiter and a
/// final check can hold it under a ceiling: 4x below 96 kHz, 2x below 192 kHz, none above, through a 49-tap
/// Hann-windowed sinc that is not normalised. Its phases gain up to 0.11 dB near a third of the rate, and on
/// limited, dense material it reads a few tenths of a dB over the band-limited peak: a master held only to an
/// accurate meter reads over its ceiling there. For every input sample it yields the largest |value| among the
/// interpolated points that sample completes.
/// </summary>
public sealed class Ebur128PeakInterpolator
{
    private const int Taps = 49;

    private float[][] _phases = [];
    private float[] _buffer = [];
    private int _history, _chunkFrames, _extraDelay;
    // The history starts at _start; the window slides up chunk by chunk and is moved back to the front only when the room runs out.
    private int _start;

    /// <summary>Points per input sample libebur128 takes at <paramref name="sampleRateHz"/> (1: the sample peak).</summary>
    public static int FactorFor(double sampleRateHz) => sampleRateHz < 96000 ? 4 : sampleRateHz < 192000 ? 2 : 1;

    /// <summary>Frames by which an interpolated point trails the input it belongs to, without extra delay: (49 - 1) / 2 / factor.</summary>
    public static int IntrinsicLatencyFor(double sampleRateHz) => (Taps - 1) / 2 / FactorFor(sampleRateHz);

    /// <summary>Largest sum of |coefficient| over the phases at <paramref name="sampleRateHz"/> (at least 1): no point exceeds this times the largest |input| it depends on.</summary>
    public static double MaxPhaseL1Norm(double sampleRateHz)
    {
        double max = 1;
        foreach (float[] phase in Design(FactorFor(sampleRateHz)))
        {
            double l1 = 0;
            foreach (float c in phase) l1 += Math.Abs(c);
            max = Math.Max(max, l1);
        }
        return max;
    }

    /// <summary>
    /// Delay of <see cref="Process"/>'s output in frames: output n holds the points at input times
    /// [n - L, n - L + 1), L this latency.
    /// </summary>
    public int LatencyFrames { get; private set; }

    /// <summary>Sizes the buffers and clears the history.</summary>
    /// <param name="sampleRateHz">Input rate; sets the factor as libebur128 does.</param>
    /// <param name="maxBlockFrames">Largest span per call; longer spans run in chunks.</param>
    /// <param name="extraDelayFrames">Frames added to the intrinsic latency, to line the output up with another detector.</param>
    public void Prepare(double sampleRateHz, int maxBlockFrames, int extraDelayFrames = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlockFrames, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(extraDelayFrames);
        _phases = Design(FactorFor(sampleRateHz));
        _extraDelay = extraDelayFrames;
        _history = _phases[0].Length - 1 + extraDelayFrames;
        _chunkFrames = maxBlockFrames;
        _buffer = new float[_history + maxBlockFrames + Math.Max(4 * _history, 1024)];
        _start = 0;
        LatencyFrames = IntrinsicLatencyFor(sampleRateHz) + extraDelayFrames;
    }

    /// <summary>Clears the history (as if preceded by silence); keeps the preparation.</summary>
    public void Reset()
    {
        Array.Clear(_buffer);
        _start = 0;
    }

    /// <summary>Input frames held as history: the last this many samples before a block are all that its outputs depend on besides the block.</summary>
    public int HistoryFrames => _history;

    /// <summary>Raises each <paramref name="peaks"/>[n] to at least this meter's largest point for input sample n (delayed by <see cref="LatencyFrames"/>).</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> peaks)
    {
        if (peaks.Length < input.Length) throw new ArgumentException("peaks shorter than input", nameof(peaks));
        for (int done = 0; done < input.Length;)
        {
            int n = Math.Min(_chunkFrames, input.Length - done);
            input.Slice(done, n).CopyTo(_buffer.AsSpan(Room(n) + _history));
            Kernel(n, peaks.Slice(done, n));
            _start += n;
            done += n;
        }
    }

    /// <summary>The largest point over <paramref name="input"/> (what a meter needs).</summary>
    public float ProcessMax(ReadOnlySpan<float> input)
    {
        float max = 0;
        for (int done = 0; done < input.Length;)
        {
            int n = Math.Min(_chunkFrames, input.Length - done);
            input.Slice(done, n).CopyTo(_buffer.AsSpan(Room(n) + _history));
            max = MathF.Max(max, Kernel(n, Span<float>.Empty));
            _start += n;
            done += n;
        }
        return max;
    }

    /// <summary>Takes <paramref name="input"/> into the history without interpolating it (a caller proved its peaks cannot matter).</summary>
    public void Advance(ReadOnlySpan<float> input)
    {
        if (input.Length >= _history)
        {
            input[^_history..].CopyTo(_buffer);
            _start = 0;
            return;
        }
        input.CopyTo(_buffer.AsSpan(Room(input.Length) + _history));
        _start += input.Length;
    }

    // Makes room for `frames` after the history (moving it to the front when the room ran out); returns where it starts.
    private int Room(int frames)
    {
        if (_start + _history + frames > _buffer.Length)
        {
            _buffer.AsSpan(_start, _history).CopyTo(_buffer);
            _start = 0;
        }
        return _start;
    }

    // Phase f at output n: sum over t of phase[t] * x[n - extra - t], as libebur128 sums its delay line.
    // Phase 0 is the sample (weight 1) itself: read, not summed. Vectorised over n: each lane runs the scalar
    // sequence of fused multiply-adds, so the output does not depend on the block split or the vector width.
    private float Kernel(int count, Span<float> peaks)
    {
        float[][] phases = _phases;
        ref float x0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), _start + _history - _extraDelay);
        int centre = (Taps - 1) / 2 / phases.Length, w = Vector<float>.Count, n = 0;
        float blockMax = 0;
        if (Vector.IsHardwareAccelerated && count >= w)
        {
            Vector<float> max = Vector<float>.Zero;
            for (; n < count; n += w)
            {
                // A last partial vector is recomputed as the whole vector ending at `count`: lanes are independent.
                int at = Math.Min(n, count - w);
                Vector<float> m = Vector.Abs(Vector.LoadUnsafe(ref Unsafe.Subtract(ref Unsafe.Add(ref x0, at), centre)));
                for (int f = 1; f < phases.Length; f++)
                {
                    float[] phase = phases[f];
                    Vector<float> acc = Vector<float>.Zero;
                    ref float x = ref Unsafe.Add(ref x0, at);
                    for (int t = 0; t < phase.Length; t++)
                        acc = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref Unsafe.Subtract(ref x, t)), new Vector<float>(phase[t]), acc);
                    m = Vector.Max(m, Vector.Abs(acc));
                }
                if (!peaks.IsEmpty)
                {
                    ref float p = ref Unsafe.Add(ref MemoryMarshal.GetReference(peaks), at);
                    Vector.Max(m, Vector.LoadUnsafe(ref p)).StoreUnsafe(ref p);
                }
                max = Vector.Max(max, m);
            }
            for (int lane = 0; lane < w; lane++) blockMax = MathF.Max(blockMax, max[lane]);
            return blockMax;
        }
        for (; n < count; n++)
        {
            float m = MathF.Abs(Unsafe.Subtract(ref Unsafe.Add(ref x0, n), centre));
            for (int f = 1; f < phases.Length; f++)
            {
                float[] phase = phases[f];
                float acc = 0;
                for (int t = 0; t < phase.Length; t++)
                    acc = MathF.FusedMultiplyAdd(Unsafe.Subtract(ref Unsafe.Add(ref x0, n), t), phase[t], acc);
                m = MathF.Max(m, MathF.Abs(acc));
            }
            if (!peaks.IsEmpty && m > peaks[n]) peaks[n] = m;
            blockMax = MathF.Max(blockMax, m);
        }
        return blockMax;
    }

    // libebur128's design: tap j of 49 sits at m = j - 24; sinc(m / factor) times a Hann window over the taps, into phase j % factor.
    private static float[][] Design(int factor)
    {
        int perPhase = (Taps + factor - 1) / factor;
        var phases = new float[factor][];
        for (int f = 0; f < factor; f++) phases[f] = new float[perPhase];
        for (int j = 0; j < Taps; j++)
        {
            double m = j - (Taps - 1) / 2.0;
            double c = Math.Abs(m) > 1e-6 ? Math.Sin(m * Math.PI / factor) / (m * Math.PI / factor) : 1.0;
            c *= 0.5 * (1 - Math.Cos(2 * Math.PI * j / (Taps - 1)));
            if (Math.Abs(c) > 1e-6) phases[j % factor][j / factor] = (float)c;
        }
        for (int f = 1; f < factor; f++)
        {
            int used = perPhase;
            while (used > 0 && phases[f][used - 1] == 0) used--;
            phases[f] = phases[f][..used];
        }
        return phases;
    }
}
