using MixConsole.Dsp.Core;
using MixConsole.Dsp.Mastering;
using MixConsole.Dsp.Smoothing;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Mastering;

/// <summary>
/// The master chain as the live console plays it: two complete chain settings, slot A (/master/...) and slot B
/// (/master/b/...), each a stereo <see cref="MasterChain"/> driven through its own control-side
/// <see cref="MasterChainCompiler"/> (designs and lookups there; here the newest snapshot is taken at block start and
/// every target is glided to), each with a loudness gain (/master/loudness/mode: follow the short-term loudness to
/// /master/loudness/target at a limited rate, learn a song's integrated loudness, or hold). /master/ab = 1 plays slot B,
/// gain-matched to A's short-term loudness; both chains always run, with the same latency, so the switch (a
/// <see cref="BypassCrossfade"/>) lines up sample for sample and returns to a chain that never stopped.
/// /master/bypass plays the unprocessed input, latency-aligned, at unity (another <see cref="BypassCrossfade"/>). The
/// latency is <see cref="MasterChain.LatencyFrames"/> in every state, unless <see cref="ZeroLatencyBypass"/> (the live
/// console): then the bypass plays the undelayed input and switches by a short dip through silence
/// (<see cref="BypassMode.ZeroLatencyDip"/>), and the latency is 0 while bypassed.
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

    private readonly LiveMasterSlot _a, _b;
    private readonly BypassCrossfade _ab = new() { FadeMs = CrossfadeMs }, _bypass = new() { FadeMs = CrossfadeMs };
    private AudioBuffer _slotB = new(2, 1);
    private double _sampleRateHz;
    private double _matchGainDb;
    private float _matchGain = 1f;

    /// <summary>Creates the adapter over <paramref name="store"/>'s /master parameters, driving <paramref name="chain"/> with slot A (a new neutral chain when null) and a chain of its own with slot B.</summary>
    public LiveMasterChain(ParameterStore store, MasterChain? chain = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _a = new LiveMasterSlot(store, 1, chain ?? new MasterChain());
        _b = new LiveMasterSlot(store, 2, new MasterChain());
    }

    /// <summary>The chain slot A drives (its stages head for the parameters from the first processed block).</summary>
    public MasterChain Chain => _a.Chain;

    /// <summary>The chain slot B drives.</summary>
    public MasterChain ChainB => _b.Chain;

    /// <summary>The control-side half of slot A: call <see cref="Compile"/> from the control thread.</summary>
    public MasterChainCompiler Compiler => _a.Compiler;

    /// <summary>The control-side half of slot B.</summary>
    public MasterChainCompiler CompilerB => _b.Compiler;

    /// <summary>
    /// True (default) to compile at the start of each block on the audio thread, when the store changed: for offline
    /// renders, tests and hosts without a control tick (deterministic: a change lands at the next block). Set false
    /// when a control thread calls <see cref="Compile"/>; then the audio thread only takes snapshots and ramps.
    /// </summary>
    public bool CompileOnAudioThread { get; set; } = true;

    /// <summary>Control side: compiles both slots' /master parameters into snapshots when the store changed; true when either published.</summary>
    public bool Compile() => _a.Compiler.Compile() | _b.Compiler.Compile();

    /// <summary>Store version of the newest snapshot the audio thread took (a slot publishes only when one of its parameters changed).</summary>
    public long AppliedVersion => Math.Max(_a.AppliedVersion, _b.AppliedVersion);

    /// <summary>Slot A's loudness gain in use, in dB.</summary>
    public double LoudnessGainDb => _a.LoudnessGainDb;

    /// <summary>Slot B's loudness gain in use, in dB.</summary>
    public double LoudnessGainBDb => _b.LoudnessGainDb;

    /// <summary>The gain applied to slot B's output so it is as loud as A's, in dB.</summary>
    public double MatchGainDb => _matchGainDb;

    /// <summary>Short-term loudness of slot A's output, in LUFS.</summary>
    public double OutputShortTermLufs => _a.ShortTermLufs;

    /// <summary>Short-term loudness of slot B's output before the match gain, in LUFS.</summary>
    public double OutputBShortTermLufs => _b.ShortTermLufs;


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
        _a.Prepare(stereo);
        _b.Prepare(stereo);
        _slotB = new AudioBuffer(2, spec.MaxBlockFrames);
        _ab.Prepare(stereo, 0); // both slots are already aligned: B's output is the "dry" side as it is
        _bypass.Prepare(stereo, Chain.LatencyFrames);
        Reset();
    }

    /// <summary>Clears history; the current parameters apply at once, without glides (compiles here: a control-side call).</summary>
    public void Reset()
    {
        _matchGainDb = 0;
        _matchGain = 1f;
        _a.Reset();
        _b.Reset();
        _ab.Bypassed = _a.PlayB;
        _bypass.Bypassed = _a.Bypassed;
        _ab.Reset();
        _bypass.Reset();
    }

    /// <inheritdoc />
    public void Process(AudioBuffer buffer, int frames)
    {
        if (CompileOnAudioThread)
        {
            _a.Compiler.Compile();
            _b.Compiler.Compile();
        }
        _a.TakeNewest();
        _b.TakeNewest();
        _a.ApplyControlRateTargets(frames);
        _b.ApplyControlRateTargets(frames);
        _ab.Bypassed = _a.PlayB;
        _bypass.Bypassed = _a.Bypassed;

        for (int c = 0; c < 2; c++) buffer.Channel(c, frames).CopyTo(_slotB.Channel(c, frames));
        _bypass.Capture(buffer, frames);
        double seconds = frames / _sampleRateHz;
        _a.Process(buffer, frames, seconds);
        _b.Process(_slotB, frames, seconds);

        float matchFrom = _matchGain;
        UpdateMatchGain(seconds);
        _ab.Capture(_slotB, frames);
        _ab.Apply(buffer, frames, matchFrom, _matchGain);
        _bypass.Apply(buffer, frames);
    }

    // B is brought to A's short-term loudness, smoothed: the comparison is of sound, not of level.
    private void UpdateMatchGain(double seconds)
    {
        double a = _a.ShortTermLufs, b = _b.ShortTermLufs;
        if (!(a > SilenceLufs) || !(b > SilenceLufs)) return;
        double wanted = Math.Clamp(a - b, -MatchGainLimitDb, MatchGainLimitDb);
        _matchGainDb += (wanted - _matchGainDb) * (1.0 - Math.Exp(-seconds / MatchTimeConstantSeconds));
        _matchGain = (float)Decibels.ToGain(_matchGainDb);
    }
}
