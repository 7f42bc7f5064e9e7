using MixConsole.Dsp.Core;
using MixConsole.Dsp.Loudness;
using MixConsole.Dsp.Mastering;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Mastering;

/// <summary>
/// The master chain as the live console plays it: a stereo <see cref="MasterChain"/> driven by the /master/*
/// parameters (read once per block, only when the store changed), an automatic loudness gain that walks
/// the output's short-term loudness to /master/loudness/target at a limited rate, and a loudness-matched
/// A/B: /master/ab = 1 plays the unprocessed input delayed by the chain's latency and gain-matched to the
/// processed output's short-term loudness, crossfaded so the switch never clicks.
/// /master/bypass is applied by <see cref="MixConsole.Engine.Mixer.MixerEngine"/> (its own crossfade); with
/// <see cref="HandlesBypass"/> set, this chain applies it itself (latency-aligned unity dry, crossfaded).
/// </summary>
public sealed class LiveMasterChain : IAudioProcessor
{
    /// <summary>Fastest the automatic loudness gain moves, in dB per second.</summary>
    public const double LoudnessSlewDbPerSecond = 1.0;

    /// <summary>Lowest automatic loudness gain, in dB.</summary>
    public const double LoudnessGainMinDb = -12.0;

    /// <summary>Highest automatic loudness gain, in dB.</summary>
    public const double LoudnessGainMaxDb = 12.0;

    /// <summary>Time constant of the loudness loop below the slew limit, in seconds (slow against the 3 s short-term window's lag, so it settles without hunting).</summary>
    public const double LoudnessTimeConstantSeconds = 3.0;

    /// <summary>Short-term readings below this (LUFS) count as silence: gains hold instead of chasing noise.</summary>
    public const double SilenceLufs = -60.0;

    /// <summary>Largest A/B match gain either way, in dB.</summary>
    public const double MatchGainLimitDb = 24.0;

    /// <summary>Length of the A/B and bypass crossfades, in milliseconds.</summary>
    public const double CrossfadeMs = 20.0;

    /// <summary>How far under the ceiling the limiter aims, in dB: an 8x true-peak meter still found 0.1 dB overs at the limiter's default 0.1 dB on dense programme.</summary>
    public const double LimiterSafetyMarginDb = 0.3;

    private const double MatchTimeConstantSeconds = 0.3;

    private readonly ParameterStore _store;
    private readonly int _inputGain, _tilt, _lowShelfGain, _lowShelfFreq, _highShelfGain, _highShelfFreq;
    private readonly int _compAmount, _width, _target, _ceiling, _bypass, _ab;
    private readonly LoudnessMeter _inputMeter = new(), _outputMeter = new();
    private AudioBuffer _dry = new(2, 1);
    private float[][] _delay = [[], []];
    private int _delayPos;
    private double _sampleRateHz;
    private long _appliedVersion = -1;
    private double _targetLufs = -14.0;
    private float _abTarget, _abWeight, _bypassTarget, _bypassWeight, _fadeStep;
    private double _loudnessGainDb, _matchGainDb;
    private float _matchGain = 1f;

    /// <summary>Creates the adapter over <paramref name="store"/>'s /master/* parameters, driving <paramref name="chain"/> (a new neutral chain when null).</summary>
    public LiveMasterChain(ParameterStore store, MasterChain? chain = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        Chain = chain ?? new MasterChain();
        Chain.Limiter.SafetyMarginDb = LimiterSafetyMarginDb;
        ParameterTable table = store.Table;
        _inputGain = table.IndexOf("/master/input/gain");
        _tilt = table.IndexOf("/master/eq/tilt");
        _lowShelfGain = table.IndexOf("/master/eq/lowshelf/g");
        _lowShelfFreq = table.IndexOf("/master/eq/lowshelf/f");
        _highShelfGain = table.IndexOf("/master/eq/highshelf/g");
        _highShelfFreq = table.IndexOf("/master/eq/highshelf/f");
        _compAmount = table.IndexOf("/master/comp/amount");
        _width = table.IndexOf("/master/width");
        _target = table.IndexOf("/master/loudness/target");
        _ceiling = table.IndexOf("/master/limiter/ceiling");
        _bypass = table.IndexOf("/master/bypass");
        _ab = table.IndexOf("/master/ab");
    }

    /// <summary>The chain being driven (its stages reflect the parameters after the first processed block).</summary>
    public MasterChain Chain { get; }

    /// <summary>True when /master/bypass is applied here (no mixer engine around it, e.g. the mastering box); false when the engine crossfades it.</summary>
    public bool HandlesBypass { get; set; }

    /// <summary>The automatic loudness gain in use, in dB.</summary>
    public double LoudnessGainDb => _loudnessGainDb;

    /// <summary>The gain applied to the unprocessed B signal so it is as loud as A, in dB.</summary>
    public double MatchGainDb => _matchGainDb;

    /// <summary>Short-term loudness of the processed (A) output, in LUFS.</summary>
    public double OutputShortTermLufs => _outputMeter.ShortTermLufs;

    /// <summary>Short-term loudness of the unprocessed input, in LUFS.</summary>
    public double InputShortTermLufs => _inputMeter.ShortTermLufs;

    /// <inheritdoc />
    public int LatencyFrames => Chain.LatencyFrames;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        var stereo = new ProcessSpec(spec.SampleRateHz, spec.MaxBlockFrames, 2);
        stereo.Validate();
        _sampleRateHz = spec.SampleRateHz;
        Chain.Prepare(stereo);
        _inputMeter.Prepare(stereo, null, LoudnessMeterOptions.LoudnessOnly);
        _outputMeter.Prepare(stereo, null, LoudnessMeterOptions.LoudnessOnly);
        _dry = new AudioBuffer(2, spec.MaxBlockFrames);
        _delay = [new float[Chain.LatencyFrames + 1], new float[Chain.LatencyFrames + 1]];
        _fadeStep = (float)(1000.0 / (CrossfadeMs * spec.SampleRateHz));
        Reset();
    }

    /// <inheritdoc />
    public void Reset()
    {
        Chain.Reset();
        _inputMeter.Reset();
        _outputMeter.Reset();
        Array.Clear(_delay[0]);
        Array.Clear(_delay[1]);
        _delayPos = 0;
        _loudnessGainDb = 0;
        _matchGainDb = 0;
        _matchGain = 1f;
        Chain.LoudnessGain.GainDb = 0;
        _appliedVersion = -1;
        ReadParameters();
        _abWeight = _abTarget;
        _bypassWeight = _bypassTarget;
    }

    /// <inheritdoc />
    public void Process(AudioBuffer buffer, int frames)
    {
        if (_store.Version != _appliedVersion) ReadParameters();
        Span<float> left = buffer.Channel(0, frames);
        Span<float> right = buffer.Channels > 1 ? buffer.Channel(1, frames) : left;
        Span<float> dryL = _dry.Channel(0, frames), dryR = _dry.Channel(1, frames);
        left.CopyTo(dryL);
        right.CopyTo(dryR);

        _inputMeter.Process(_dry, frames);
        Chain.Process(buffer, frames);
        _outputMeter.Process(buffer, frames);
        Delay(dryL, dryR);

        double seconds = frames / _sampleRateHz;
        UpdateLoudnessGain(seconds);
        float matchFrom = _matchGain;
        UpdateMatchGain(seconds);
        float matchTo = _matchGain;

        if (_abWeight == 0f && _abTarget == 0f && _bypassWeight == 0f && _bypassTarget == 0f) return;

        // out = A + w (B g - A), then out + v (dry - out): B is the matched dry, bypass the unity dry.
        float matchStep = (matchTo - matchFrom) / frames;
        for (int i = 0; i < frames; i++)
        {
            _abWeight = Approach(_abWeight, _abTarget, _fadeStep);
            _bypassWeight = Approach(_bypassWeight, _bypassTarget, _fadeStep);
            float g = matchFrom + matchStep * (i + 1);
            float l = left[i] + _abWeight * (dryL[i] * g - left[i]);
            float r = right[i] + _abWeight * (dryR[i] * g - right[i]);
            left[i] = l + _bypassWeight * (dryL[i] - l);
            if (buffer.Channels > 1) right[i] = r + _bypassWeight * (dryR[i] - r);
        }
    }

    private static float Approach(float value, float target, float step) =>
        value < target ? Math.Min(target, value + step) : Math.Max(target, value - step);

    private void UpdateLoudnessGain(double seconds)
    {
        double output = _outputMeter.ShortTermLufs;
        if (!(output > SilenceLufs)) return;
        double error = _targetLufs - output;
        double maxStep = LoudnessSlewDbPerSecond * seconds;
        double step = Math.Clamp(error * seconds / LoudnessTimeConstantSeconds, -maxStep, maxStep);
        _loudnessGainDb = Math.Clamp(_loudnessGainDb + step, LoudnessGainMinDb, LoudnessGainMaxDb);
        Chain.LoudnessGain.GainDb = _loudnessGainDb;
    }

    private void UpdateMatchGain(double seconds)
    {
        double output = _outputMeter.ShortTermLufs, input = _inputMeter.ShortTermLufs;
        if (!(output > SilenceLufs) || !(input > SilenceLufs)) return;
        double wanted = Math.Clamp(output - input, -MatchGainLimitDb, MatchGainLimitDb);
        _matchGainDb += (wanted - _matchGainDb) * (1.0 - Math.Exp(-seconds / MatchTimeConstantSeconds));
        _matchGain = (float)Decibels.ToGain(_matchGainDb);
    }

    private void Delay(Span<float> left, Span<float> right)
    {
        // Same ring as the chain's bypassed stages: write, then read the oldest of latency + 1 slots.
        float[] lineL = _delay[0], lineR = _delay[1];
        int length = lineL.Length, pos = _delayPos;
        for (int i = 0; i < left.Length; i++)
        {
            int read = pos + 1 == length ? 0 : pos + 1;
            lineL[pos] = left[i];
            lineR[pos] = right[i];
            left[i] = lineL[read];
            right[i] = lineR[read];
            pos = read;
        }
        _delayPos = pos;
    }

    private void ReadParameters()
    {
        _appliedVersion = _store.Version;
        Chain.InputTrim.GainDb = _store.GetReal(_inputGain);
        Chain.Eq.SetBand(0, EqBandType.Tilt, 1000.0, _store.GetReal(_tilt), 0.5);
        Chain.Eq.SetBand(1, EqBandType.LowShelf, _store.GetReal(_lowShelfFreq), _store.GetReal(_lowShelfGain));
        Chain.Eq.SetBand(2, EqBandType.HighShelf, _store.GetReal(_highShelfFreq), _store.GetReal(_highShelfGain));

        // Amount 0..100 %: ratio 1:1..4:1 with the threshold sinking from -12 to -30 dBFS and a 6 dB knee.
        float amount = Math.Clamp(_store.GetReal(_compAmount) / 100f, 0f, 1f);
        for (int b = 0; b < Chain.Multiband.BandCount; b++)
        {
            var band = Chain.Multiband.Band(b);
            band.Ratio = 1f + 3f * amount;
            band.ThresholdDb = -12f - 18f * amount;
            band.KneeDb = 6f;
        }

        double width = _store.GetReal(_width);
        for (int b = 0; b < Chain.Imager.BandCount; b++) Chain.Imager.SetWidthPercent(b, width);
        _targetLufs = _store.GetReal(_target);
        Chain.Limiter.CeilingDbtp = _store.GetReal(_ceiling);
        _abTarget = _store.GetReal(_ab) != 0 ? 1f : 0f;
        _bypassTarget = HandlesBypass && _store.GetReal(_bypass) != 0 ? 1f : 0f;
    }
}
