using System.Numerics;
using MixConsole.Dsp.Fir;
using MixConsole.Dsp.Lanes;

namespace MixConsole.Dsp.Oversampling;

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
    // Partial filters for a cheap bound (narrowest first): the folded taps next to the centre, and the L1 norm of all
    // the others; an odd output is within that norm times the largest |input| of its window of what the partial gives.
    private static readonly int[] s_centreWidths = [16, 32, 64];
    private readonly float[][] _centres;
    private readonly double[] _outerL1Norms;
    private float[] _centreOut = [];
    // Per channel: the last lookBack + taps inputs (oldest first) from _start on, then room for one block; the window
    // slides up block by block and is moved back to the front only when the room runs out.
    private float[][] _history = [];
    private int[] _start = [];
    private int _maxBlockFrames, _lookBack;

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
        int widths = 0;
        while (widths < s_centreWidths.Length && s_centreWidths[widths] < DelayFrames) widths++;
        _centres = new float[widths][];
        _outerL1Norms = new double[widths];
        for (int k = 0; k < widths; k++)
        {
            _centres[k] = _folded[(DelayFrames - s_centreWidths[k])..];
            for (int t = 0; t < DelayFrames - s_centreWidths[k]; t++) _outerL1Norms[k] += 2 * Math.Abs(_folded[t]);
        }
    }

    /// <summary>Sum of |tap| of the odd phase (at least 1): no output exceeds this times the largest |input| in its window.</summary>
    public double OddL1Norm { get; }

    /// <summary>Delay of both output phases in base-rate frames (the odd one sits half a frame later).</summary>
    public int DelayFrames { get; }

    /// <summary>
    /// Sizes history for <paramref name="channels"/> and blocks of up to <paramref name="maxBlockFrames"/>, keeping
    /// enough input to recompute the outputs of the last <paramref name="lookBackFrames"/> frames of the previous block.
    /// </summary>
    public void Prepare(int channels, int maxBlockFrames, int lookBackFrames = 0)
    {
        _maxBlockFrames = maxBlockFrames;
        _lookBack = Math.Max(0, lookBackFrames);
        _history = new float[channels][];
        int slide = Math.Max(4 * (_lookBack + _taps), 1024);
        for (int c = 0; c < channels; c++) _history[c] = new float[_lookBack + _taps + maxBlockFrames + slide];
        _start = new int[channels];
        _centreOut = new float[_lookBack + maxBlockFrames];
    }

    public void Reset()
    {
        foreach (var h in _history) Array.Clear(h);
        Array.Clear(_start);
    }

    /// <summary>Input frames held as history (the last this many samples before a block are all the next outputs, and the look-back ones, depend on besides the block).</summary>
    public int HistoryFrames => _lookBack + _taps;

    /// <summary>
    /// For each input frame n writes <paramref name="even"/>[n] = x[n - D] and <paramref name="odd"/>[n] = the value at
    /// n - D + 0.5. Input longer than the prepared block size runs in chunks.
    /// </summary>
    public void Process(int channel, ReadOnlySpan<float> input, Span<float> even, Span<float> odd)
    {
        for (int done = 0; done < input.Length;)
        {
            int n = Math.Min(_maxBlockFrames, input.Length - done);
            Process(channel, input.Slice(done, n), even.Slice(done, n), odd.Slice(done, n), 0);
            done += n;
        }
    }

    /// <summary>
    /// As <see cref="Process(int, ReadOnlySpan{float}, Span{float}, Span{float})"/> for one block, but first recomputes
    /// the <paramref name="lookBackFrames"/> frames before it (at most the prepared look-back): output j is frame
    /// j - lookBackFrames, so the outputs hold lookBackFrames + input.Length frames.
    /// </summary>
    public void Process(int channel, ReadOnlySpan<float> input, Span<float> even, Span<float> odd, int lookBackFrames)
    {
        if (input.Length > _maxBlockFrames || (uint)lookBackFrames > (uint)_lookBack) throw new ArgumentOutOfRangeException(nameof(input), "block or look-back larger than prepared");
        Span<float> hist = Window(channel, input.Length);
        int frames = input.Length, count = lookBackFrames + frames, origin = _lookBack - lookBackFrames;
        input.CopyTo(hist[(_lookBack + _taps)..]);
        // Output j's window (oldest .. newest) is hist[origin + j + 1 .. origin + j + taps]; its centre sample is hist[origin + j + D].
        hist.Slice(origin + DelayFrames, count).CopyTo(even);
        FoldedFir.Process(_folded, hist[origin..], count, odd);
        _start[channel] += frames;
    }

    /// <summary>
    /// True when every odd output over the <paramref name="lookBackFrames"/> frames before <paramref name="input"/> (at
    /// most the prepared look-back) and <paramref name="input"/> is provably under <paramref name="limit"/>, without
    /// computing them: a partial filter of the centre taps exactly, plus the other taps' L1 norm times
    /// <paramref name="windowAbsMax"/> (at least the largest |x| in the history and the block), plus a thousandth of the
    /// whole L1 norm for float rounding; wider partials are tried while the bound fails. <paramref name="inputAbsMax"/>,
    /// the largest |x| of <paramref name="input"/> (the caller has it), only chooses which partials are worth trying.
    /// Leaves the history as it was: <see cref="Process(int, ReadOnlySpan{float}, Span{float}, Span{float}, int)"/> or <see cref="Advance"/> follows.
    /// </summary>
    public bool OddProvablyUnder(int channel, ReadOnlySpan<float> input, float inputAbsMax, float windowAbsMax, double limit, int lookBackFrames)
    {
        if (input.Length > _maxBlockFrames || (uint)lookBackFrames > (uint)_lookBack) throw new ArgumentOutOfRangeException(nameof(input), "block or look-back larger than prepared");
        Span<float> hist = Window(channel, input.Length);
        int count = lookBackFrames + input.Length, origin = _lookBack - lookBackFrames;
        input.CopyTo(hist[(_lookBack + _taps)..]);
        Span<float> partial = _centreOut.AsSpan(0, count);
        for (int k = 0; k < _centres.Length; k++)
        {
            double rest = (_outerL1Norms[k] + 1e-3 * OddL1Norm) * windowAbsMax;
            // The centre taps give about the block's largest sample: a partial whose rest leaves no room for that is not tried, unless it is the last.
            if (rest >= limit || (rest + inputAbsMax >= limit && k < _centres.Length - 1)) continue;
            // Output j's window starts at hist[origin + j + 1]; the partial's pairs start DelayFrames - width later.
            float[] centre = _centres[k];
            FoldedFir.Process(centre, hist[(origin + DelayFrames - centre.Length)..], count, partial);
            if (VectorMath.AbsMax(partial) + rest < limit) return true;
        }
        return false;
    }

    /// <summary>Takes a block into the history without computing its outputs (they can be recomputed by the next block's look-back).</summary>
    public void Advance(int channel, ReadOnlySpan<float> input)
    {
        if (input.Length > _maxBlockFrames) throw new ArgumentOutOfRangeException(nameof(input), "block larger than prepared");
        input.CopyTo(Window(channel, input.Length)[(_lookBack + _taps)..]);
        _start[channel] += input.Length;
    }

    // The channel's history and room for `frames` more after it, moved back to the front of its array when the room ran out.
    private Span<float> Window(int channel, int frames)
    {
        float[] hist = _history[channel];
        int start = _start[channel], held = _lookBack + _taps;
        if (start + held + frames > hist.Length)
        {
            hist.AsSpan(start, held).CopyTo(hist);
            _start[channel] = start = 0;
        }
        return hist.AsSpan(start);
    }
}
