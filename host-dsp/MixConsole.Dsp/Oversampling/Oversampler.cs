using MixConsole.Dsp.Fir;

namespace MixConsole.Dsp.Oversampling;

/// <summary>
/// Polyphase FIR up/down sampler by an integer <see cref="Factor"/> for nonlinear stages: a Kaiser-windowed sinc
/// flat to 0.4167 fs (20 kHz at 48 kHz) with about 100 dB rejection from 0.5833 fs, so harmonics generated
/// above Nyquist are removed before decimation (what aliases lands above 20 kHz). Linear phase; the
/// round trip delays by exactly <see cref="LatencyFrames"/> base-rate frames.
/// Usage per base sample: <see cref="Upsample"/> into Factor values, process them, <see cref="Downsample"/>.
/// </summary>
public sealed class Oversampler
{
    private readonly float[][] _upPhases;   // per phase, reversed taps over base-rate history
    private readonly float[] _down;          // reversed taps over oversampled history
    private readonly int _upTaps;
    private readonly int _downTaps;
    private float[][] _upHistory = [];       // mirrored rings (2 x length) so every window is contiguous
    private float[][] _downHistory = [];
    private int[] _upPos = [];
    private int[] _downPos = [];

    /// <summary>Designs an oversampler by <paramref name="factor"/> (2..16).</summary>
    public Oversampler(int factor = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(factor, 16);
        Factor = factor;
        const double attenuationDb = 100;
        double pass = 20.0 / 48 / factor, stop = 28.0 / 48 / factor;
        int length = KaiserWindow.Length(attenuationDb, stop - pass);
        LatencyFrames = (length - 1 + factor - 1) / factor;
        int taps = LatencyFrames * factor + 1; // (taps - 1) / factor whole base frames of round-trip delay
        double[] h = KaiserWindow.LowPass(taps, (pass + stop) / 2, KaiserWindow.Beta(attenuationDb), 1.0);

        _downTaps = taps;
        _down = new float[taps];
        for (int j = 0; j < taps; j++) _down[taps - 1 - j] = (float)h[j];
        _upTaps = LatencyFrames + 1;
        _upPhases = new float[factor][];
        for (int p = 0; p < factor; p++)
        {
            _upPhases[p] = new float[_upTaps];
            for (int t = 0; t < _upTaps; t++)
            {
                int j = p + t * factor;
                _upPhases[p][_upTaps - 1 - t] = j < taps ? (float)(h[j] * factor) : 0f; // zero stuffing loses 1/factor of the gain
            }
        }
    }

    /// <summary>Oversampling factor.</summary>
    public int Factor { get; }

    /// <summary>Round-trip delay (up then down) in base-rate frames.</summary>
    public int LatencyFrames { get; }

    /// <summary>Sizes the per-channel histories. Allocates.</summary>
    public void Prepare(int channels)
    {
        _upHistory = new float[channels][];
        _downHistory = new float[channels][];
        for (int c = 0; c < channels; c++)
        {
            _upHistory[c] = new float[2 * _upTaps];
            _downHistory[c] = new float[2 * _downTaps];
        }
        _upPos = new int[channels];
        _downPos = new int[channels];
    }

    /// <summary>Clears the filter histories.</summary>
    public void Reset()
    {
        foreach (var h in _upHistory) Array.Clear(h);
        foreach (var h in _downHistory) Array.Clear(h);
        Array.Clear(_upPos);
        Array.Clear(_downPos);
    }

    /// <summary>Pushes one base-rate sample of <paramref name="channel"/> and writes its <see cref="Factor"/> oversampled values.</summary>
    public void Upsample(int channel, float x, Span<float> oversampled)
    {
        float[] hist = _upHistory[channel];
        int pos = _upPos[channel] + 1;
        if (pos == _upTaps) pos = 0;
        hist[pos] = x;
        hist[pos + _upTaps] = x;
        _upPos[channel] = pos;
        ReadOnlySpan<float> window = hist.AsSpan(pos + 1, _upTaps);
        for (int p = 0; p < Factor; p++) oversampled[p] = FirMath.Dot(_upPhases[p], window);
    }

    /// <summary>Pushes <see cref="Factor"/> oversampled values of <paramref name="channel"/> and returns one base-rate sample.</summary>
    public float Downsample(int channel, ReadOnlySpan<float> oversampled)
    {
        float[] hist = _downHistory[channel];
        int pos = _downPos[channel];
        float result = 0;
        for (int p = 0; p < Factor; p++)
        {
            pos++;
            if (pos == _downTaps) pos = 0;
            hist[pos] = oversampled[p];
            hist[pos + _downTaps] = oversampled[p];
            // The decimated output is taken at the first of the group: the round trip then delays by whole frames.
            if (p == 0) result = FirMath.Dot(_down, hist.AsSpan(pos + 1, _downTaps));
        }
        _downPos[channel] = pos;
        return result;
    }
}
