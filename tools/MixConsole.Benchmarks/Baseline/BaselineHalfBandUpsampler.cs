using System.Numerics;
using MixConsole.Dsp.Fir;

namespace MixConsole.Benchmarks.Baseline;

// Frozen copy of the product code at b19a289 (before the 2x-aware limiter detector), kept only as the
// "old" side of the same-run speed comparison (LimiterComparison); do not change it.

/// <summary>
/// Near-ideal 2x interpolator for the limiter's detector: a long Kaiser-windowed half-band sinc with its
/// cut-off at the input Nyquist frequency, flat to about 0.47 fs. Doubling the rate first puts all content in
/// the lower half of the band, where the 8x true-peak interpolator is exact, so energy near Nyquist
/// (noise, square waves, bursts) cannot hide between the detector's points. The even output is the input
/// itself, delayed by <see cref="DelayFrames"/>; the odd output is the point half a sample later.
/// </summary>
internal sealed class BaselineHalfBandUpsampler
{
    private const double AttenuationDb = 90;
    private readonly float[] _odd;     // reversed taps over base-rate history
    private readonly int _taps;
    // Per channel: the last `taps` inputs (oldest first), then room for one block; shifted down after each block.
    private float[][] _history = [];
    private int _maxBlockFrames;

    /// <param name="transitionWidth">Transition band width as a fraction of the input rate, centred on its Nyquist frequency (0.06 = flat to 0.47 fs).</param>
    public BaselineHalfBandUpsampler(double transitionWidth)
    {
        int length = KaiserWindow.Length(AttenuationDb, transitionWidth / 2);
        DelayFrames = (length + 2) / 4;
        int total = 4 * DelayFrames + 1;
        double[] h = KaiserWindow.LowPass(total, 0.25, KaiserWindow.Beta(AttenuationDb), 2.0);
        _taps = 2 * DelayFrames;
        _odd = new float[_taps];
        double sum = 0;
        for (int t = 0; t < _taps; t++) sum += h[2 * t + 1];
        for (int t = 0; t < _taps; t++) _odd[_taps - 1 - t] = (float)(h[2 * t + 1] / sum);
        double l1 = 0;
        foreach (float tap in _odd) l1 += Math.Abs(tap);
        OddL1Norm = Math.Max(1, l1);
    }

    /// <summary>Sum of |tap| of the odd phase (at least 1): no output exceeds this times the largest |input| in its window.</summary>
    public double OddL1Norm { get; }

    /// <summary>Delay of both output phases in base-rate frames (the odd one sits half a frame later).</summary>
    public int DelayFrames { get; }

    public void Prepare(int channels, int maxBlockFrames)
    {
        _maxBlockFrames = maxBlockFrames;
        _history = new float[channels][];
        for (int c = 0; c < channels; c++) _history[c] = new float[_taps + maxBlockFrames + 3];
    }

    public void Reset()
    {
        foreach (var h in _history) Array.Clear(h);
    }

    /// <summary>Largest |x| among the samples held as history of <paramref name="channel"/> (those the next outputs depend on).</summary>
    public float HistoryAbsMax(int channel)
    {
        ReadOnlySpan<float> hist = _history[channel].AsSpan(0, _taps);
        int i = 0;
        var vmax = Vector<float>.Zero;
        if (Vector.IsHardwareAccelerated)
            for (; i <= hist.Length - Vector<float>.Count; i += Vector<float>.Count)
                vmax = Vector.Max(vmax, Vector.Abs(new Vector<float>(hist.Slice(i))));
        float max = 0;
        for (int k = 0; k < Vector<float>.Count; k++) max = MathF.Max(max, vmax[k]);
        for (; i < hist.Length; i++) max = MathF.Max(max, MathF.Abs(hist[i]));
        return max;
    }

    /// <summary>Writes 2 * input.Length samples: for each input frame n, x[n - D] then the value at n - D + 0.5.</summary>
    public void Process(int channel, ReadOnlySpan<float> input, Span<float> output) => Process(channel, input, output, 0);

    /// <summary>
    /// As <see cref="Process(int, ReadOnlySpan{float}, Span{float})"/>, but writes output only for input frames from
    /// <paramref name="firstComputedFrame"/> on (earlier frames still enter the history; their output is left as is).
    /// </summary>
    public void Process(int channel, ReadOnlySpan<float> input, Span<float> output, int firstComputedFrame)
    {
        for (int done = 0; done < input.Length;)
        {
            int n = Math.Min(_maxBlockFrames, input.Length - done);
            Chunk(channel, input.Slice(done, n), output.Slice(2 * done, 2 * n), firstComputedFrame - done);
            done += n;
        }
    }

    private void Chunk(int channel, ReadOnlySpan<float> input, Span<float> output, int firstComputedFrame)
    {
        float[] hist = _history[channel];
        int taps = _taps, frames = input.Length, centre = taps - 1 - DelayFrames;
        input.CopyTo(hist.AsSpan(taps));
        // Frame i's window (oldest .. newest) is hist[i + 1 .. i + taps].
        Span<float> sums = stackalloc float[4];
        int i = Math.Max(0, firstComputedFrame);
        for (; i + 4 <= frames; i += 4)
        {
            BaselineFirMath.Dot4(_odd, hist.AsSpan(i + 1, taps + 3), sums);
            for (int k = 0; k < 4; k++)
            {
                output[2 * (i + k)] = hist[i + k + 1 + centre];
                output[2 * (i + k) + 1] = sums[k];
            }
        }
        for (; i < frames; i++)
        {
            ReadOnlySpan<float> window = hist.AsSpan(i + 1, taps);
            output[2 * i] = window[centre];
            output[2 * i + 1] = BaselineFirMath.Dot(_odd, window);
        }
        hist.AsSpan(frames, taps).CopyTo(hist);
    }
}
