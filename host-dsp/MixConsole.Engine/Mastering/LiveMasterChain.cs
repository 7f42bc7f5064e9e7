using MixConsole.Dsp.Core;
using MixConsole.Dsp.Loudness;
using MixConsole.Dsp.Mastering;
using MixConsole.Dsp.Smoothing;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Mastering;

/// <summary>
/// The master chain as the live console plays it: a stereo <see cref="MasterChain"/> driven by the /master/*
/// parameters through a control-side <see cref="MasterChainCompiler"/> (designs and lookups there; here the newest
/// snapshot is taken at block start and every target is glided to), an automatic loudness gain that walks the
/// output's short-term loudness to /master/loudness/target at a limited rate, a loudness-matched A/B
/// (/master/ab = 1 plays the unprocessed input, latency-aligned and gain-matched to the processed output's
/// short-term loudness) and /master/bypass (the unprocessed input, latency-aligned, at unity). A/B and bypass are
/// each a <see cref="BypassCrossfade"/>. The chain keeps running while B or the bypass plays, so its lookahead,
/// envelopes and loudness are current when it is faded back in: what returns nulls against a chain that never
/// stopped. The latency is <see cref="MasterChain.LatencyFrames"/> in every state, unless
/// <see cref="ZeroLatencyBypass"/> (the live console): then the bypass plays the undelayed input and switches by a
/// short dip through silence (<see cref="BypassMode.ZeroLatencyDip"/>), and the latency is 0 while bypassed.
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
    public const double CrossfadeMs = BypassCrossfade.DefaultFadeMs;

    /// <summary>Time the multiband threshold and ratio and the limiter ceiling take to glide to a new value, in milliseconds (stepped once per block).</summary>
    public const double GlideMs = 20.0;

    /// <summary>How far under the ceiling the limiter aims, in dB: an 8x true-peak meter still found 0.1 dB overs at the limiter's default 0.1 dB on dense programme.</summary>
    public const double LimiterSafetyMarginDb = 0.3;

    private const double MatchTimeConstantSeconds = 0.3;

    private readonly MasterChainCompiler _compiler;
    private readonly LoudnessMeter _inputMeter = new(), _outputMeter = new();
    private readonly BypassCrossfade _ab = new() { FadeMs = CrossfadeMs }, _bypass = new() { FadeMs = CrossfadeMs };
    private readonly LinearSmoother _thresholdDb = new(), _ratio = new(1f), _ceilingDbtp = new(-1f);
    private double _sampleRateHz;
    private long _appliedVersion = -1;
    private double _targetLufs = -14.0;
    private double _loudnessGainDb, _matchGainDb;
    private float _matchGain = 1f;

    /// <summary>Creates the adapter over <paramref name="store"/>'s /master/* parameters, driving <paramref name="chain"/> (a new neutral chain when null).</summary>
    public LiveMasterChain(ParameterStore store, MasterChain? chain = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _compiler = new MasterChainCompiler(store);
        Chain = chain ?? new MasterChain();
        Chain.Limiter.SafetyMarginDb = LimiterSafetyMarginDb;
    }

    /// <summary>The chain being driven (its stages head for the parameters from the first processed block).</summary>
    public MasterChain Chain { get; }

    /// <summary>The control-side half: call <see cref="Compile"/> (or its <see cref="MasterChainCompiler.Compile"/>) from the control thread.</summary>
    public MasterChainCompiler Compiler => _compiler;

    /// <summary>
    /// True (default) to compile at the start of each block on the audio thread, when the store changed: for offline
    /// renders, tests and hosts without a control tick (deterministic: a change lands at the next block). Set false
    /// when a control thread calls <see cref="Compile"/>; then the audio thread only takes snapshots and ramps.
    /// </summary>
    public bool CompileOnAudioThread { get; set; } = true;

    /// <summary>Control side: compiles the /master/* parameters into a snapshot when the store changed; true when it published one.</summary>
    public bool Compile() => _compiler.Compile();

    /// <summary>Store version of the snapshot the audio thread took last.</summary>
    public long AppliedVersion => Volatile.Read(ref _appliedVersion);

    /// <summary>The automatic loudness gain in use, in dB.</summary>
    public double LoudnessGainDb => _loudnessGainDb;

    /// <summary>The gain applied to the unprocessed B signal so it is as loud as A, in dB.</summary>
    public double MatchGainDb => _matchGainDb;

    /// <summary>Short-term loudness of the processed (A) output, in LUFS.</summary>
    public double OutputShortTermLufs => _outputMeter.ShortTermLufs;

    /// <summary>Short-term loudness of the unprocessed input, in LUFS.</summary>
    public double InputShortTermLufs => _inputMeter.ShortTermLufs;

    /// <summary>The dry share of the bypass crossfade: 0 = the chain, 1 = bypassed (with <see cref="ZeroLatencyBypass"/>, the dip's progress: 0.5 = silence).</summary>
    public float BypassWeight => _bypass.Weight;

    /// <summary>
    /// False (default, the mastering box): /master/bypass plays the input delayed by the chain's latency, crossfaded
    /// (constant latency). True (the live console): it plays the undelayed input, so a bypassed chain adds no latency,
    /// and a switch dips through silence (10 ms out, swap, 10 ms in) so the delayed and undelayed signal never sound
    /// together. The chain keeps running either way. Set it before <see cref="Prepare"/> (later, it applies at once, without a fade).
    /// </summary>
    public bool ZeroLatencyBypass
    {
        get => _bypass.Mode == BypassMode.ZeroLatencyDip;
        set => _bypass.Mode = value ? BypassMode.ZeroLatencyDip : BypassMode.LatencyAligned;
    }

    /// <summary>
    /// Delay from input to output, in frames: <see cref="MasterChain.LatencyFrames"/>; with <see cref="ZeroLatencyBypass"/>,
    /// 0 from the dip's swap to the undelayed input until the swap back (read it on the audio thread or between blocks).
    /// </summary>
    public int LatencyFrames => _bypass.PlaysUndelayedDry ? 0 : Chain.LatencyFrames;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        var stereo = new ProcessSpec(spec.SampleRateHz, spec.MaxBlockFrames, 2);
        stereo.Validate();
        _sampleRateHz = spec.SampleRateHz;
        _compiler.SampleRateHz = spec.SampleRateHz;
        Chain.Prepare(stereo);
        _inputMeter.Prepare(stereo, null, LoudnessMeterOptions.LoudnessOnly);
        _outputMeter.Prepare(stereo, null, LoudnessMeterOptions.LoudnessOnly);
        _ab.Prepare(stereo, Chain.LatencyFrames);
        _bypass.Prepare(stereo, Chain.LatencyFrames);
        _thresholdDb.Prepare(spec.SampleRateHz, GlideMs);
        _ratio.Prepare(spec.SampleRateHz, GlideMs);
        _ceilingDbtp.Prepare(spec.SampleRateHz, GlideMs);
        Reset();
    }

    /// <summary>Clears history; the current parameters apply at once, without glides (compiles here: a control-side call).</summary>
    public void Reset()
    {
        _inputMeter.Reset();
        _outputMeter.Reset();
        _loudnessGainDb = 0;
        _matchGainDb = 0;
        _matchGain = 1f;
        Chain.LoudnessGain.GainDb = 0;
        _compiler.Compile(force: true);
        _compiler.Exchange.TryTakeNewest(out MasterChainTargets targets);
        Retarget(targets);
        _thresholdDb.Reset();
        _ratio.Reset();
        _ceilingDbtp.Reset();
        ApplyControlRateTargets(0);
        Chain.Reset(); // every stage snaps to its target
        _ab.Reset();
        _bypass.Reset();
    }

    /// <inheritdoc />
    public void Process(AudioBuffer buffer, int frames)
    {
        if (CompileOnAudioThread) _compiler.Compile();
        if (_compiler.Exchange.TryTakeNewest(out MasterChainTargets targets)) Retarget(targets);
        ApplyControlRateTargets(frames);

        _ab.Capture(buffer, frames);
        _bypass.Capture(buffer, frames);
        _inputMeter.Process(buffer, frames);
        Chain.Process(buffer, frames);
        _outputMeter.Process(buffer, frames);

        double seconds = frames / _sampleRateHz;
        UpdateLoudnessGain(seconds);
        float matchFrom = _matchGain;
        UpdateMatchGain(seconds);
        _ab.Apply(buffer, frames, matchFrom, _matchGain);
        _bypass.Apply(buffer, frames);
    }

    // Targets from a snapshot: every stage ramps there by itself (EQ coefficients, trim, width, crossfades) or by a ramp here.
    private void Retarget(MasterChainTargets t)
    {
        Chain.InputTrim.GainDb = t.InputGainDb;
        Chain.Eq.GlideTo(t.EqSections);
        _thresholdDb.SetTarget(t.MultibandThresholdDb);
        _ratio.SetTarget(t.MultibandRatio);
        for (int b = 0; b < Chain.Multiband.BandCount; b++) Chain.Multiband.Band(b).KneeDb = t.MultibandKneeDb;
        for (int b = 0; b < Chain.Imager.BandCount; b++) Chain.Imager.SetWidthPercent(b, t.WidthPercent);
        _targetLufs = t.TargetLufs;
        _ceilingDbtp.SetTarget((float)t.CeilingDbtp);
        _ab.Bypassed = t.PlayB;
        _bypass.Bypassed = t.Bypassed;
        Volatile.Write(ref _appliedVersion, t.StoreVersion);
    }

    // The multiband and limiter take their settings once per block: their ramps step per block, within the glide.
    private void ApplyControlRateTargets(int frames)
    {
        float threshold = _thresholdDb.Advance(frames), ratio = _ratio.Advance(frames);
        for (int b = 0; b < Chain.Multiband.BandCount; b++)
        {
            var band = Chain.Multiband.Band(b);
            band.ThresholdDb = threshold;
            band.Ratio = ratio;
        }
        Chain.Limiter.CeilingDbtp = _ceilingDbtp.Advance(frames);
    }

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
}
