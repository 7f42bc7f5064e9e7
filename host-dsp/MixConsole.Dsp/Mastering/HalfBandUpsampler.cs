using System.Numerics;

namespace MixConsole.Dsp.Mastering;

/// <summary>
/// Near-ideal 2x interpolator for the limiter's detector: a long Kaiser-windowed half-band sinc with its
/// cut-off at the input Nyquist frequency, flat to about 0.47 fs. Doubling the rate first puts all content in
/// the lower half of the band, where the 8x true-peak interpolator is exact, so energy near Nyquist
/// (noise, square waves, bursts) cannot hide between the detector's points. The even output is the input
/// itself, delayed by <see cref="DelayFrames"/>; the odd output is the point half a sample later.
/// </summary>
internal sealed class HalfBandUpsampler
{
    private const double AttenuationDb = 90;
    // The odd phase is symmetric: tap t and tap 2D-1-t share _folded[t], so each pair costs one add and one FMA.
    private readonly float[] _folded;
    private readonly int _taps;
    // Per channel: the last `taps` inputs (oldest first), then room for one block; shifted down after each block.
    private float[][] _history = [];
    private int _maxBlockFrames;

    /// <param name="transitionWidth">Transition band width as a fraction of the input rate, centred on its Nyquist frequency (0.06 = flat to 0.47 fs).</param>
    public HalfBandUpsampler(double transitionWidth)
    {
        int length = KaiserWindow.Length(AttenuationDb, transitionWidth / 2);
        DelayFrames = (length + 2) / 4;
        int total = 4 * DelayFrames + 1;
        double[] h = KaiserWindow.LowPass(total, 0.25, KaiserWindow.Beta(AttenuationDb), 2.0);
        _taps = 2 * DelayFrames;
        double sum = 0;
        for (int t = 0; t < _taps; t++) sum += h[2 * t + 1];
        // Window order (oldest first): tap t of the window weighs h[2 (taps - 1 - t) + 1]; fold t with its mirror.
        _folded = new float[DelayFrames];
        double l1 = 0;
        for (int t = 0; t < DelayFrames; t++)
        {
            double c = 0.5 * (h[2 * (_taps - 1 - t) + 1] + h[2 * t + 1]) / sum;
            _folded[t] = (float)c;
            l1 += 2 * Math.Abs((float)c);
        }
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
        for (int c = 0; c < channels; c++) _history[c] = new float[_taps + maxBlockFrames];
    }

    public void Reset()
    {
        foreach (var h in _history) Array.Clear(h);
    }

    /// <summary>Largest |x| among the samples held as history of <paramref name="channel"/> (those the next outputs depend on).</summary>
    public float HistoryAbsMax(int channel) => VectorMath.AbsMax(_history[channel].AsSpan(0, _taps));

    /// <summary>
    /// For each input frame n writes <paramref name="even"/>[n] = x[n - D] and <paramref name="odd"/>[n] = the value at
    /// n - D + 0.5, from frame <paramref name="firstComputedFrame"/> on (earlier frames still enter the history;
    /// their outputs are left as they are).
    /// </summary>
    public void Process(int channel, ReadOnlySpan<float> input, Span<float> even, Span<float> odd, int firstComputedFrame = 0)
    {
        for (int done = 0; done < input.Length;)
        {
            int n = Math.Min(_maxBlockFrames, input.Length - done);
            Chunk(channel, input.Slice(done, n), even.Slice(done, n), odd.Slice(done, n), firstComputedFrame - done);
            done += n;
        }
    }

    private void Chunk(int channel, ReadOnlySpan<float> input, Span<float> even, Span<float> odd, int firstComputedFrame)
    {
        float[] hist = _history[channel];
        int taps = _taps, frames = input.Length, first = Math.Max(0, firstComputedFrame);
        input.CopyTo(hist.AsSpan(taps));
        if (first < frames)
        {
            // Frame i's window (oldest .. newest) is hist[i + 1 .. i + taps]; its centre sample is hist[i + D].
            hist.AsSpan(first + DelayFrames, frames - first).CopyTo(even[first..]);
            FoldedFir.Process(_folded, hist, first, frames, odd);
        }
        hist.AsSpan(frames, taps).CopyTo(hist);
    }
}
