using MixConsole.Dsp.Core;
using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Fir;
using MixConsole.Dsp.Smoothing;
using MixConsole.Dsp.Spectral;

namespace MixConsole.Dsp.Mastering;

/// <summary>
/// Mastering EQ: up to <see cref="MaxBands"/> bands of bells, shelves and tilt, analog-matched biquads
/// (no cramping near Nyquist). Minimum phase and zero latency by default (live). With
/// <see cref="LinearPhase"/> (offline) the same magnitude response is realised as a symmetric FIR of
/// <see cref="LinearPhaseTaps"/> taps (Kaiser-windowed frequency sampling): no phase shift, a latency of
/// (taps - 1) / 2 frames reported in <see cref="LatencyFrames"/>.
/// <para>Retuning glides: a new response (from <see cref="SetBand"/>, designed at the next block, or from
/// <see cref="GlideTo"/>, designed on the control side with <see cref="DesignBand"/>) is reached by moving every
/// coefficient of every changed section along a straight line over <see cref="GlideMs"/>, per sample, keeping
/// the filter state (a <see cref="LinearSmoother"/> per coefficient, the five of a section restarting together).
/// The biquad stability triangle is convex, so every section stays stable along the way; the glide lands on the
/// target's float coefficients exactly. The linear-phase FIR is redesigned whole at the next block (offline use).</para>
/// </summary>
public sealed class MasterEq : IAudioProcessor
{
    /// <summary>Number of bands available.</summary>
    public const int MaxBands = 8;

    /// <summary>Number of second-order sections: two per band (the second used by tilt only).</summary>
    public const int SectionCount = 2 * MaxBands;

    /// <summary>Default glide time for a retune, in milliseconds.</summary>
    public const double DefaultGlideMs = 20;

    private const int CoefficientsPerSection = 5;

    private readonly EqBandType[] _type = new EqBandType[MaxBands];
    private readonly double[] _frequencyHz = [60, 200, 800, 2500, 6000, 10000, 12000, 16000];
    private readonly double[] _gainDb = new double[MaxBands];
    private readonly double[] _q = [0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7];
    private readonly BiquadCoefficients[] _target = new BiquadCoefficients[SectionCount];
    private readonly LinearSmoother[] _ramps = new LinearSmoother[CoefficientsPerSection * SectionCount];
    private readonly bool[] _active = new bool[SectionCount];
    private BiquadSection[] _state = [];   // [channel * SectionCount + section]
    private float[] _glide = [];           // per-sample coefficients of the section being glided: [k * maxBlock + i]
    private int _channels, _maxBlockFrames;
    private double _sampleRateHz = 48000;
    private int _version = 1, _designedVersion;
    private bool _retune;
    private bool _firCurrent;
    private bool _linearPhasePrepared;

    // Linear-phase state.
    private float[] _fir = [];
    private float[][] _history = [];
    private int _historyPos;
    private double[] _designRe = [], _designIm = [];

    /// <summary>Creates a flat EQ (every band off).</summary>
    public MasterEq()
    {
        Array.Fill(_target, BiquadCoefficients.Identity);
        for (int r = 0; r < _ramps.Length; r++) _ramps[r] = new LinearSmoother(r % CoefficientsPerSection == 0 ? 1f : 0f);
    }

    /// <summary>Realise the response as a linear-phase FIR (offline). Takes effect at the next <see cref="Prepare"/>.</summary>
    public bool LinearPhase { get; set; }

    /// <summary>FIR length for <see cref="LinearPhase"/> at 48 kHz (odd; scaled with the rate), 255..16383. Default 4095 (85 ms).</summary>
    public int LinearPhaseTaps { get; set; } = 4095;

    /// <summary>Time a retune takes to glide to its new coefficients, in milliseconds (takes effect at the next <see cref="Prepare"/>).</summary>
    public double GlideMs { get; set; } = DefaultGlideMs;

    /// <summary>True while any section is still gliding to its target.</summary>
    public bool IsGliding
    {
        get
        {
            foreach (var ramp in _ramps) if (ramp.IsSmoothing) return true;
            return false;
        }
    }

    /// <summary>Sets band <paramref name="band"/>: shape, centre/corner frequency in Hz, gain in dB (±24), Q (0.1..10). Designed and glided to at the next block.</summary>
    public void SetBand(int band, EqBandType type, double frequencyHz, double gainDb, double q = 0.7)
    {
        _type[band] = type;
        _frequencyHz[band] = Math.Clamp(frequencyHz, 10, 40000);
        _gainDb[band] = Math.Clamp(gainDb, -24, 24);
        _q[band] = Math.Clamp(q, 0.1, 10);
        _version++;
    }

    /// <summary>Shape of band <paramref name="band"/> (as last set by <see cref="SetBand"/>).</summary>
    public EqBandType GetBandType(int band) => _type[band];

    /// <summary>Frequency of band <paramref name="band"/> in Hz (as last set by <see cref="SetBand"/>).</summary>
    public double GetBandFrequencyHz(int band) => _frequencyHz[band];

    /// <summary>Gain of band <paramref name="band"/> in dB (as last set by <see cref="SetBand"/>).</summary>
    public double GetBandGainDb(int band) => _gainDb[band];

    /// <summary>Q of band <paramref name="band"/> (as last set by <see cref="SetBand"/>).</summary>
    public double GetBandQ(int band) => _q[band];

    /// <summary>
    /// The two sections of one band for a filter running at <paramref name="sampleRateHz"/>: shape, frequency in Hz
    /// (10..40000, kept under 0.49 of the rate), gain in dB (±24), Q (0.1..10); the second is the identity except for
    /// tilt (a low shelf down and a high shelf up by half the gain, Q 0.5). Pure: for the control side.
    /// </summary>
    public static void DesignBand(EqBandType type, double sampleRateHz, double frequencyHz, double gainDb, double q,
        out BiquadCoefficients first, out BiquadCoefficients second)
    {
        double f = Math.Min(Math.Clamp(frequencyHz, 10, 40000), 0.49 * sampleRateHz);
        double g = Math.Clamp(gainDb, -24, 24);
        q = Math.Clamp(q, 0.1, 10);
        first = BiquadCoefficients.Identity;
        second = BiquadCoefficients.Identity;
        switch (type)
        {
            case EqBandType.Bell: first = AnalogMatchedDesign.Peaking(sampleRateHz, f, q, g); break;
            case EqBandType.LowShelf: first = AnalogMatchedDesign.LowShelf(sampleRateHz, f, q, g); break;
            case EqBandType.HighShelf: first = AnalogMatchedDesign.HighShelf(sampleRateHz, f, q, g); break;
            case EqBandType.Tilt:
                first = AnalogMatchedDesign.LowShelf(sampleRateHz, f, 0.5, -g / 2);
                second = AnalogMatchedDesign.HighShelf(sampleRateHz, f, 0.5, g / 2);
                break;
        }
    }

    /// <summary>
    /// Audio thread: glides to <paramref name="sections"/> (<see cref="SectionCount"/> designed sections, band b in
    /// 2b and 2b + 1, e.g. from <see cref="DesignBand"/> on the control side), from the next processed sample on.
    /// The band settings of <see cref="SetBand"/> stop describing the response until the next SetBand. No allocation.
    /// </summary>
    public void GlideTo(ReadOnlySpan<BiquadCoefficients> sections)
    {
        if (sections.Length != SectionCount) throw new ArgumentException($"{SectionCount} sections expected", nameof(sections));
        sections.CopyTo(_target);
        _designedVersion = _version;
        _retune = true;
        _firCurrent = false;
    }

    /// <summary>Analytic magnitude of the whole EQ in dB at <paramref name="frequencyHz"/>: the target response both modes realise.</summary>
    public double MagnitudeDb(double frequencyHz)
    {
        DesignIfChanged();
        double db = 0;
        for (int s = 0; s < _target.Length; s++) db += _target[s].MagnitudeDb(frequencyHz, _sampleRateHz);
        return db;
    }

    /// <inheritdoc />
    public int LatencyFrames => _linearPhasePrepared ? (_fir.Length - 1) / 2 : 0;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        spec.Validate();
        bool rateChanged = spec.SampleRateHz != _sampleRateHz;
        _sampleRateHz = spec.SampleRateHz;
        _channels = spec.Channels;
        _maxBlockFrames = spec.MaxBlockFrames;
        _state = new BiquadSection[spec.Channels * SectionCount];
        _glide = new float[CoefficientsPerSection * spec.MaxBlockFrames];
        foreach (var ramp in _ramps) ramp.Prepare(spec.SampleRateHz, GlideMs);
        _linearPhasePrepared = LinearPhase;
        _firCurrent = false;
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
        // Band settings are designed for the prepared rate; coefficients handed over by GlideTo are kept as they are.
        if (rateChanged && _designedVersion == _version) _designedVersion = 0;
        DesignIfChanged();
        Reset();
    }

    /// <summary>Clears the filter states and ends any glide on its target; settings are kept.</summary>
    public void Reset()
    {
        DesignIfChanged();
        _retune = false;
        for (int s = 0; s < SectionCount; s++)
        {
            BiquadCoefficients t = _target[s];
            float b0 = (float)t.B0, b1 = (float)t.B1, b2 = (float)t.B2, a1 = (float)t.A1, a2 = (float)t.A2;
            int r = CoefficientsPerSection * s;
            _ramps[r].SnapTo(b0);
            _ramps[r + 1].SnapTo(b1);
            _ramps[r + 2].SnapTo(b2);
            _ramps[r + 3].SnapTo(a1);
            _ramps[r + 4].SnapTo(a2);
            _active[s] = t != BiquadCoefficients.Identity;
            for (int c = 0; c < _channels; c++)
            {
                ref BiquadSection section = ref _state[c * SectionCount + s];
                section.Update(b0, b1, b2, a1, a2);
                section.Reset();
            }
        }
        if (_linearPhasePrepared && !_firCurrent) DesignFir();
        foreach (var h in _history) Array.Clear(h);
        _historyPos = 0;
    }

    /// <inheritdoc />
    public void Process(AudioBuffer buffer, int frames)
    {
        DesignIfChanged();
        if (_retune)
        {
            _retune = false;
            StartGlide();
            if (_linearPhasePrepared && !_firCurrent) DesignFir();
        }
        int channels = Math.Min(buffer.Channels, _channels);
        if (_linearPhasePrepared)
        {
            ProcessFir(buffer, frames, channels);
            return;
        }
        for (int s = 0; s < SectionCount; s++)
        {
            if (!_active[s]) continue;
            if (IsRamping(s)) Glide(s, buffer, frames, channels);
            else
            {
                int c = 0;
                for (; c + 1 < channels; c += 2)
                    RunPair(ref _state[c * SectionCount + s], ref _state[(c + 1) * SectionCount + s], buffer.Channel(c, frames), buffer.Channel(c + 1, frames));
                for (; c < channels; c++) Run(ref _state[c * SectionCount + s], buffer.Channel(c, frames));
            }
            RetireIfClear(s);
        }
    }

    // Two channels of a settled section in one loop (each recurrence fills the other's wait), the same float steps as Run.
    private static void RunPair(ref BiquadSection stateX, ref BiquadSection stateY, Span<float> x, Span<float> y)
    {
        BiquadSection first = stateX, second = stateY;
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = first.Next(x[i]);
            y[i] = second.Next(y[i]);
        }
        first.FlushDenormals();
        second.FlushDenormals();
        stateX = first;
        stateY = second;
    }

    // A settled section: the same float steps as Biquad.Process.
    private static void Run(ref BiquadSection state, Span<float> x)
    {
        var section = state;
        for (int i = 0; i < x.Length; i++) x[i] = section.Next(x[i]);
        section.FlushDenormals();
        state = section;
    }

    // A gliding section: the ramps give each sample's coefficients once, every channel uses them.
    private void Glide(int s, AudioBuffer buffer, int frames, int channels)
    {
        int r = CoefficientsPerSection * s, m = _maxBlockFrames;
        for (int k = 0; k < CoefficientsPerSection; k++) _ramps[r + k].Fill(_glide.AsSpan(k * m, frames));
        ReadOnlySpan<float> b0 = _glide.AsSpan(0, frames), b1 = _glide.AsSpan(m, frames), b2 = _glide.AsSpan(2 * m, frames);
        ReadOnlySpan<float> a1 = _glide.AsSpan(3 * m, frames), a2 = _glide.AsSpan(4 * m, frames);
        int c = 0;
        for (; c + 1 < channels; c += 2)
        {
            // Two channels in one loop: each section's recurrence waits on its own last output, the other fills that wait.
            Span<float> x = buffer.Channel(c, frames), y = buffer.Channel(c + 1, frames);
            ref BiquadSection stateX = ref _state[c * SectionCount + s], stateY = ref _state[(c + 1) * SectionCount + s];
            BiquadSection first = stateX, second = stateY;
            for (int i = 0; i < x.Length; i++)
            {
                float cb0 = b0[i], cb1 = b1[i], cb2 = b2[i], ca1 = a1[i], ca2 = a2[i];
                first.Update(cb0, cb1, cb2, ca1, ca2);
                second.Update(cb0, cb1, cb2, ca1, ca2);
                x[i] = first.Next(x[i]);
                y[i] = second.Next(y[i]);
            }
            first.FlushDenormals();
            second.FlushDenormals();
            stateX = first;
            stateY = second;
        }
        for (; c < channels; c++)
        {
            Span<float> x = buffer.Channel(c, frames);
            ref BiquadSection state = ref _state[c * SectionCount + s];
            var section = state;
            for (int i = 0; i < x.Length; i++)
            {
                section.Update(b0[i], b1[i], b2[i], a1[i], a2[i]);
                x[i] = section.Next(x[i]);
            }
            section.FlushDenormals();
            state = section;
        }
    }

    // A section settled on the identity stops running once its state has drained (two samples of identity
    // coefficients clear it exactly), so where a block ends never changes the output.
    private void RetireIfClear(int s)
    {
        if (_target[s] != BiquadCoefficients.Identity || IsRamping(s)) return;
        for (int c = 0; c < _channels; c++) if (!_state[c * SectionCount + s].IsClear) return;
        _active[s] = false;
    }

    private bool IsRamping(int s)
    {
        int r = CoefficientsPerSection * s;
        return _ramps[r].IsSmoothing || _ramps[r + 1].IsSmoothing || _ramps[r + 2].IsSmoothing || _ramps[r + 3].IsSmoothing || _ramps[r + 4].IsSmoothing;
    }

    // Every section whose target moved restarts its five ramps together from where it is.
    private void StartGlide()
    {
        for (int s = 0; s < SectionCount; s++)
        {
            BiquadCoefficients t = _target[s];
            float b0 = (float)t.B0, b1 = (float)t.B1, b2 = (float)t.B2, a1 = (float)t.A1, a2 = (float)t.A2;
            int r = CoefficientsPerSection * s;
            if (_ramps[r].Target == b0 && _ramps[r + 1].Target == b1 && _ramps[r + 2].Target == b2 && _ramps[r + 3].Target == a1 && _ramps[r + 4].Target == a2) continue;
            _ramps[r].RampTo(b0);
            _ramps[r + 1].RampTo(b1);
            _ramps[r + 2].RampTo(b2);
            _ramps[r + 3].RampTo(a1);
            _ramps[r + 4].RampTo(a2);
            _active[s] = true;
        }
    }

    private void DesignIfChanged()
    {
        if (_designedVersion == _version) return;
        _designedVersion = _version;
        for (int band = 0; band < MaxBands; band++)
            DesignBand(_type[band], _sampleRateHz, _frequencyHz[band], _gainDb[band], _q[band], out _target[2 * band], out _target[2 * band + 1]);
        _retune = true;
        _firCurrent = false;
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

    // Frequency sampling: the product of the sections' magnitudes, zero phase, to the time domain, centred, Kaiser-windowed.
    private void DesignFir()
    {
        _firCurrent = true;
        int n = _designRe.Length, taps = _fir.Length, half = taps / 2;
        for (int k = 0; k <= n / 2; k++)
        {
            double f = k * _sampleRateHz / n, mag = 1;
            for (int s = 0; s < _target.Length; s++) mag *= _target[s].Magnitude(f, _sampleRateHz);
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
