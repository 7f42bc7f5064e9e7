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
    private readonly float[] _odd;     // reversed taps over base-rate history
    private readonly int _taps;
    private float[][] _history = [];
    private int[] _pos = [];

    /// <param name="transitionWidth">Transition band width as a fraction of the input rate, centred on its Nyquist frequency (0.06 = flat to 0.47 fs).</param>
    public HalfBandUpsampler(double transitionWidth)
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
    }

    /// <summary>Delay of both output phases in base-rate frames (the odd one sits half a frame later).</summary>
    public int DelayFrames { get; }

    public void Prepare(int channels)
    {
        _history = new float[channels][];
        for (int c = 0; c < channels; c++) _history[c] = new float[2 * _taps];
        _pos = new int[channels];
    }

    public void Reset()
    {
        foreach (var h in _history) Array.Clear(h);
        Array.Clear(_pos);
    }

    /// <summary>Writes 2 * input.Length samples: for each input frame n, x[n - D] then the value at n - D + 0.5.</summary>
    public void Process(int channel, ReadOnlySpan<float> input, Span<float> output)
    {
        float[] hist = _history[channel];
        int pos = _pos[channel], taps = _taps, centreBack = DelayFrames;
        for (int i = 0; i < input.Length; i++)
        {
            pos++;
            if (pos == taps) pos = 0;
            hist[pos] = input[i];
            hist[pos + taps] = input[i];
            ReadOnlySpan<float> window = hist.AsSpan(pos + 1, taps); // oldest .. newest
            output[2 * i] = window[taps - 1 - centreBack];
            output[2 * i + 1] = FirMath.Dot(_odd, window);
        }
        _pos[channel] = pos;
    }
}
