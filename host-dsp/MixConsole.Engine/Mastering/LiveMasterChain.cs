using MixConsole.Dsp.Core;
using MixConsole.Dsp.Loudness;
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
/// gain-matched to A's short-term loudness; both chains run with the same latency, so the switch (a
/// <see cref="BypassCrossfade"/>) lines up sample for sample. Slot B sleeps while it is not heard and would sound as A
/// does (its settings equal A's since the last <see cref="Reset"/>; with <see cref="ZeroLatencyBypass"/>, the live
/// console, whenever it is not heard): it wakes, at the block its settings diverge or it is put in play, as a copy of
/// A's whole running state (<see cref="StateCopier"/>), so with equal settings it plays exactly what an always-running
/// B would have. /master/bypass plays the unprocessed input, latency-aligned, at unity (another
/// <see cref="BypassCrossfade"/>); the chains keep running, so un-bypass returns to the processed sound itself. The
/// latency is <see cref="MasterChain.LatencyFrames"/> in every state, unless <see cref="ZeroLatencyBypass"/> (the live
/// console): then the bypass plays the undelayed input and switches by a short dip through silence
/// (<see cref="BypassMode.ZeroLatencyDip"/>), the latency is 0 while bypassed, and the chains stop once the dip is
/// over; un-bypass restarts them primed with the recent input (no stale lookahead) and they run through the dip's
/// fade-out before they are heard.
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
    private StateCopier? _wakeB;
    private bool _bAsleep, _chainsStopped;
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

    /// <summary>True (default) to let slot B sleep while it would sound as A does or is not heard; false runs B every block.</summary>
    public bool SlotBSleeps { get; set; } = true;

    /// <summary>True (default) to stop the chains while <see cref="ZeroLatencyBypass"/> plays the dry input (restarted primed on un-bypass); false keeps them running.</summary>
    public bool StopsChainsWhenBypassed { get; set; } = true;

    /// <summary>True while the chains are stopped by the live console's bypass (audio thread's view; read between blocks).</summary>
    public bool ChainsStopped => _chainsStopped;

    /// <summary>True while slot B runs (audio thread's view; read between blocks).</summary>
    public bool SlotBRunning => !_bAsleep;

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

    /// <summary>Slot A's output meter: while A is heard as it is, the main loudness meter reuses its K-weighting of the block.</summary>
    internal LoudnessMeter OutputMeter => _a.OutputMeter;


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
        _wakeB = _b.StateCopierFrom(_a);
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
        _chainsStopped = false;
        _bAsleep = SlotBSleeps && _wakeB is not null && !_a.PlayB
            && (ZeroLatencyBypass || _a.Compiler.Exchange.Front.SameSettings(_b.Compiler.Exchange.Front));
    }

    /// <inheritdoc />
    public void Process(AudioBuffer buffer, int frames)
    {
        if (CompileOnAudioThread)
        {
            _a.Compiler.Compile();
            _b.Compiler.Compile();
        }
        bool newA = _a.TryTakeNewest(out MasterChainTargets a), newB = _b.TryTakeNewest(out MasterChainTargets b);
        if (_bAsleep && (a.PlayB || !(ZeroLatencyBypass || a.SameSettings(b))))
        {
            // A's state before this block's targets is what an always-running B with A's settings would hold now.
            _wakeB!.Copy();
            _bAsleep = false;
            newB = true;
        }
        if (newA) _a.Apply(a);
        if (newB && _bAsleep) _b.MarkTaken(b);
        else if (newB) _b.Apply(b);
        _a.ApplyControlRateTargets(frames);
        if (!_bAsleep) _b.ApplyControlRateTargets(frames);
        _ab.Bypassed = _a.PlayB;
        bool wasStopped = _chainsStopped;
        _bypass.Bypassed = _a.Bypassed;
        // The live console's bypass takes the chains out: they stop once the dip is over, and restart primed.
        _chainsStopped = StopsChainsWhenBypassed && ZeroLatencyBypass && _bypass.IsDrySettled;
        if (wasStopped && !_chainsStopped)
        {
            _bypass.Prime(_a.Chain);
            if (!_bAsleep) _bypass.Prime(_b.Chain);
        }

        _bypass.Capture(buffer, frames);
        // Settled on the chains, Apply leaves the block as it is: asked now, before the chains push the fade out of the caches.
        bool bypassHeard = !_bypass.IsWetSettled;
        if (!_chainsStopped)
        {
            if (!_bAsleep)
                for (int c = 0; c < 2; c++) buffer.Channel(c, frames).CopyTo(_slotB.Channel(c, frames));
            double seconds = frames / _sampleRateHz;
            _a.Process(buffer, frames, seconds);
            if (!_bAsleep) _b.Process(_slotB, frames, seconds);

            float matchFrom = _matchGain;
            UpdateMatchGain(seconds);
            if (!_bAsleep)
            {
                _ab.Capture(_slotB, frames);
                _ab.Apply(buffer, frames, matchFrom, _matchGain);
            }
        }
        if (bypassHeard) _bypass.Apply(buffer, frames);
        if (!_bAsleep && SlotBSleeps && ZeroLatencyBypass && !_a.PlayB && _ab.IsWetSettled) _bAsleep = true;
    }

    // B is brought to A's short-term loudness, smoothed: the comparison is of sound, not of level. A sleeping B sounds as A.
    private void UpdateMatchGain(double seconds)
    {
        double a = _a.ShortTermLufs, b = _bAsleep ? a : _b.ShortTermLufs;
        if (!(a > SilenceLufs) || !(b > SilenceLufs)) return;
        double wanted = Math.Clamp(a - b, -MatchGainLimitDb, MatchGainLimitDb);
        // Arrived (a sleeping B always has): the step would add nothing and the gain is already that of _matchGainDb.
        if (wanted == _matchGainDb) return;
        _matchGainDb += (wanted - _matchGainDb) * (1.0 - Math.Exp(-seconds / MatchTimeConstantSeconds));
        _matchGain = (float)Decibels.ToGain(_matchGainDb);
    }
}
