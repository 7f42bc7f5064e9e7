using MixConsole.Dsp.Core;
using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Mastering;

/// <summary>
/// Mastering EQ: up to <see cref="MaxBands"/> bands of bells, shelves and tilt, analog-matched biquads
/// (no cramping near Nyquist). Minimum phase and zero latency by default (live). With
/// <see cref="LinearPhase"/> (offline) the same magnitude response is realised as a symmetric FIR of
/// <see cref="LinearPhaseTaps"/> taps (Kaiser-windowed frequency sampling): no phase shift, a latency of
/// (taps - 1) / 2 frames reported in <see cref="LatencyFrames"/>. Band changes apply at the next block; the
/// minimum-phase filters keep their state when retuned.
/// </summary>
public sealed class MasterEq : IAudioProcessor
{
    /// <summary>Number of bands available.</summary>
    public const int MaxBands = 8;

    private readonly EqBandType[] _type = new EqBandType[MaxBands];
    private readonly double[] _frequencyHz = [60, 200, 800, 2500, 6000, 10000, 12000, 16000];
    private readonly double[] _gainDb = new double[MaxBands];
    private readonly double[] _q = [0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7];
    private readonly BiquadCoefficients[] _designed = new BiquadCoefficients[2 * MaxBands];
    private Biquad[][] _sections = [];     // [channel][2 * band + part]
    private double _sampleRateHz = 48000;
    private int _version = 1, _appliedVersion;
    private bool _linearPhasePrepared;

    // Linear-phase state.
    private float[] _fir = [];
    private float[][] _history = [];
    private int _historyPos;
    private double[] _designRe = [], _designIm = [];

    /// <summary>Realise the response as a linear-phase FIR (offline). Takes effect at the next <see cref="Prepare"/>.</summary>
    public bool LinearPhase { get; set; }

    /// <summary>FIR length for <see cref="LinearPhase"/> at 48 kHz (odd; scaled with the rate), 255..16383. Default 4095 (85 ms).</summary>
    public int LinearPhaseTaps { get; set; } = 4095;

    /// <summary>Sets band <paramref name="band"/>: shape, centre/corner frequency in Hz, gain in dB (±24), Q (0.1..10).</summary>
    public void SetBand(int band, EqBandType type, double frequencyHz, double gainDb, double q = 0.7)
    {
        _type[band] = type;
        _frequencyHz[band] = Math.Clamp(frequencyHz, 10, 40000);
        _gainDb[band] = Math.Clamp(gainDb, -24, 24);
        _q[band] = Math.Clamp(q, 0.1, 10);
        _version++;
    }

    /// <summary>Shape of band <paramref name="band"/>.</summary>
    public EqBandType GetBandType(int band) => _type[band];

    /// <summary>Analytic magnitude of the whole EQ in dB at <paramref name="frequencyHz"/> (what both modes realise).</summary>
    public double MagnitudeDb(double frequencyHz)
    {
        Design();
        double db = 0;
        for (int s = 0; s < _designed.Length; s++) db += _designed[s].MagnitudeDb(frequencyHz, _sampleRateHz);
        return db;
    }

    /// <inheritdoc />
    public int LatencyFrames => _linearPhasePrepared ? (_fir.Length - 1) / 2 : 0;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        spec.Validate();
        _sampleRateHz = spec.SampleRateHz;
        _sections = new Biquad[spec.Channels][];
        for (int c = 0; c < spec.Channels; c++)
        {
            _sections[c] = new Biquad[2 * MaxBands];
            for (int s = 0; s < _sections[c].Length; s++) _sections[c][s] = new Biquad();
        }
        _linearPhasePrepared = LinearPhase;
        if (LinearPhase)
        {
            int taps = (int)Math.Round(Math.Clamp(LinearPhaseTaps, 255, 16383) * spec.SampleRateHz / 48000) | 1;
            _fir = new float[taps];
            _history = new float[spec.Channels][];
            for (int c = 0; c < spec.Channels; c++) _history[c] = new float[2 * taps];
            int fftSize = 1;
            while (fftSize < 4 * taps) fftSize <<= 1;
            _designRe = new double[fftSize];
            _designIm = new double[fftSize];
        }
        _appliedVersion = 0;
        Apply();
        Reset();
    }

    /// <inheritdoc />
    public void Reset()
    {
        foreach (var channel in _sections) foreach (var s in channel) s.Reset();
        foreach (var h in _history) Array.Clear(h);
        _historyPos = 0;
    }

    /// <inheritdoc />
    public void Process(AudioBuffer buffer, int frames)
    {
        if (_appliedVersion != _version) Apply();
        int channels = Math.Min(buffer.Channels, _sections.Length);
        if (_linearPhasePrepared)
        {
            ProcessFir(buffer, frames, channels);
            return;
        }
        for (int c = 0; c < channels; c++)
        {
            Span<float> x = buffer.Channel(c, frames);
            Biquad[] sections = _sections[c];
            for (int band = 0; band < MaxBands; band++)
            {
                if (_type[band] == EqBandType.Off) continue;
                sections[2 * band].Process(x);
                if (_type[band] == EqBandType.Tilt) sections[2 * band + 1].Process(x);
            }
        }
    }

    private void ProcessFir(AudioBuffer buffer, int frames, int channels)
    {
        int taps = _fir.Length;
        int pos = _historyPos;
        for (int c = 0; c < channels; c++)
        {
            Span<float> x = buffer.Channel(c, frames);
            float[] hist = _history[c];
            pos = _historyPos;
            for (int i = 0; i < x.Length; i++)
            {
                pos++;
                if (pos == taps) pos = 0;
                hist[pos] = x[i];
                hist[pos + taps] = x[i];
                x[i] = FirMath.Dot(_fir, hist.AsSpan(pos + 1, taps)); // symmetric taps: no reversal needed
            }
        }
        _historyPos = pos;
    }

    private void Design()
    {
        double fs = _sampleRateHz, nyquistSafe = 0.49 * fs;
        for (int band = 0; band < MaxBands; band++)
        {
            double f = Math.Min(_frequencyHz[band], nyquistSafe), g = _gainDb[band], q = _q[band];
            BiquadCoefficients first = BiquadCoefficients.Identity, second = BiquadCoefficients.Identity;
            switch (_type[band])
            {
                case EqBandType.Bell: first = AnalogMatchedDesign.Peaking(fs, f, q, g); break;
                case EqBandType.LowShelf: first = AnalogMatchedDesign.LowShelf(fs, f, q, g); break;
                case EqBandType.HighShelf: first = AnalogMatchedDesign.HighShelf(fs, f, q, g); break;
                case EqBandType.Tilt:
                    first = AnalogMatchedDesign.LowShelf(fs, f, 0.5, -g / 2);
                    second = AnalogMatchedDesign.HighShelf(fs, f, 0.5, g / 2);
                    break;
            }
            _designed[2 * band] = first;
            _designed[2 * band + 1] = second;
        }
    }

    private void Apply()
    {
        Design();
        _appliedVersion = _version;
        foreach (var channel in _sections)
            for (int s = 0; s < channel.Length; s++) channel[s].Update(_designed[s]);
        if (_linearPhasePrepared) DesignFir();
    }

    // Frequency sampling: the product of the sections' magnitudes, zero phase, to the time domain, centred, Kaiser-windowed.
    private void DesignFir()
    {
        int n = _designRe.Length, taps = _fir.Length, half = taps / 2;
        for (int k = 0; k <= n / 2; k++)
        {
            double f = k * _sampleRateHz / n, mag = 1;
            for (int s = 0; s < _designed.Length; s++) mag *= _designed[s].Magnitude(f, _sampleRateHz);
            _designRe[k] = mag;
            _designIm[k] = 0;
            if (k > 0 && k < n / 2) { _designRe[n - k] = mag; _designIm[n - k] = 0; }
        }
        ComplexFft.Transform(_designRe, _designIm, inverse: true);
        double beta = KaiserWindow.Beta(90);
        for (int t = -half; t <= half; t++)
        {
            double h = _designRe[(t + n) % n] / n;
            _fir[t + half] = (float)(h * KaiserWindow.Value(t, half + 1, beta));
        }
    }
}
