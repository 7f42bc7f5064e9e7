using MixConsole.Dsp.Core;
using MixConsole.Dsp.Dynamics;
using MixConsole.Dsp.Loudness;
using MixConsole.Dsp.Mastering;
using MixConsole.Dsp.Smoothing;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Mastering;

/// <summary>
/// One complete live chain setting (slot A or B of <see cref="LiveMasterChain"/>): its <see cref="MasterChainCompiler"/>,
/// the <see cref="MasterChain"/> it drives, the ramps of the targets the chain's stages take once per block, and its
/// loudness gain (follow, learn, hold) measured on its own output. Audio thread after construction; allocation-free.
/// </summary>
internal sealed class LiveMasterSlot
{
    private const int Bands = ConsoleAddressSpace.MasterBands;

    private readonly LoudnessMeter _outputMeter = new();
    // LEARN's probe: the output raised by the gain learned so far into a limiter of its own, never heard, so the
    // learned gain includes what the limiter will take once the song is played louder.
    private readonly TruePeakLimiter _probe = new();
    private readonly LoudnessMeter _probeInMeter = new(), _probeMeter = new();
    private AudioBuffer _probeBuffer = new(2, 1);
    private readonly LinearSmoother[] _thresholdDb = new LinearSmoother[Bands], _ratio = new LinearSmoother[Bands];
    private readonly LinearSmoother[] _compCrossoverLog = new LinearSmoother[Bands - 1], _imagerCrossoverLog = new LinearSmoother[Bands - 1];
    private readonly LinearSmoother _ceilingDbtp = new(-1f);
    private double _targetLufs = -14.0, _loudnessGainDb;
    private LoudnessMode _mode;
    private long _appliedVersion = -1;
    // False once every per-block ramp has arrived and its value is in the chain: stepping them again would change nothing.
    private bool _rampsMoving = true;

    public LiveMasterSlot(ParameterStore store, int slot, MasterChain chain)
    {
        Compiler = new MasterChainCompiler(store, slot);
        Chain = chain;
        Chain.Limiter.SafetyMarginDb = LiveMasterChain.LimiterSafetyMarginDb;
        for (int b = 0; b < Bands; b++)
        {
            _thresholdDb[b] = new LinearSmoother();
            _ratio[b] = new LinearSmoother(1f);
        }
        for (int x = 0; x < Bands - 1; x++)
        {
            _compCrossoverLog[x] = new LinearSmoother((float)Math.Log(Chain.Multiband.Crossover.GetCrossoverHz(x)));
            _imagerCrossoverLog[x] = new LinearSmoother((float)Math.Log(Chain.Imager.Crossover.GetCrossoverHz(x)));
        }
    }

    public MasterChainCompiler Compiler { get; }

    public MasterChain Chain { get; }

    /// <summary>/master/ab of the newest snapshot taken: true to play slot B.</summary>
    public bool PlayB { get; private set; }

    /// <summary>/master/bypass of the newest snapshot taken.</summary>
    public bool Bypassed { get; private set; }

    public long AppliedVersion => Volatile.Read(ref _appliedVersion);

    public double LoudnessGainDb => _loudnessGainDb;

    public double ShortTermLufs => _outputMeter.ShortTermLufs;

    /// <summary>The loudness meter of the chain's output; it keeps its last block for a meter of the same audio.</summary>
    public LoudnessMeter OutputMeter => _outputMeter;

    public void Prepare(in ProcessSpec stereo)
    {
        Compiler.SampleRateHz = stereo.SampleRateHz;
        Chain.Prepare(stereo);
        _outputMeter.Prepare(stereo, null, LoudnessMeterOptions.LoudnessOnly with { KeepsLastBlock = true });
        _probe.LookaheadMs = Chain.Limiter.LookaheadMs;
        _probe.SafetyMarginDb = Chain.Limiter.SafetyMarginDb;
        _probe.Prepare(stereo);
        _probeInMeter.Prepare(stereo, null, LoudnessMeterOptions.LoudnessOnly);
        _probeMeter.Prepare(stereo, null, LoudnessMeterOptions.LoudnessOnly);
        _probeBuffer = new AudioBuffer(2, stereo.MaxBlockFrames);
        foreach (var s in _thresholdDb) s.Prepare(stereo.SampleRateHz, LiveMasterChain.GlideMs);
        foreach (var s in _ratio) s.Prepare(stereo.SampleRateHz, LiveMasterChain.GlideMs);
        foreach (var s in _compCrossoverLog) s.Prepare(stereo.SampleRateHz, LiveMasterChain.GlideMs);
        foreach (var s in _imagerCrossoverLog) s.Prepare(stereo.SampleRateHz, LiveMasterChain.GlideMs);
        _ceilingDbtp.Prepare(stereo.SampleRateHz, LiveMasterChain.GlideMs);
    }

    /// <summary>Clears history; the current parameters apply at once (compiles: a control-side call).</summary>
    public void Reset()
    {
        _outputMeter.Reset();
        _loudnessGainDb = 0;
        Chain.LoudnessGain.GainDb = 0;
        Compiler.Compile(force: true);
        TakeNewest();
        foreach (var s in _thresholdDb) s.Reset();
        foreach (var s in _ratio) s.Reset();
        foreach (var s in _compCrossoverLog) s.Reset();
        foreach (var s in _imagerCrossoverLog) s.Reset();
        _ceilingDbtp.Reset();
        ApplyControlRateTargets(0, force: true);
        Chain.Reset(); // every stage snaps to its target
    }

    /// <summary>Audio thread, block start: takes the newest snapshot when there is one and sets every target from it.</summary>
    public void TakeNewest()
    {
        if (TryTakeNewest(out MasterChainTargets t)) Apply(t);
    }

    /// <summary>Audio thread: takes the newest snapshot when there is one (true), without applying it; <paramref name="t"/> is the newest either way.</summary>
    public bool TryTakeNewest(out MasterChainTargets t) => Compiler.Exchange.TryTakeNewest(out t);

    /// <summary>Audio thread: records <paramref name="t"/> as taken without applying it (a sleeping slot B).</summary>
    public void MarkTaken(MasterChainTargets t) => Volatile.Write(ref _appliedVersion, t.StoreVersion);

    /// <summary>Plans copying <paramref name="source"/>'s whole running state (chain, meters, ramps, loudness gain) into this slot; control side.</summary>
    public StateCopier StateCopierFrom(LiveMasterSlot source) => new(source, this, typeof(MasterChainCompiler));

    /// <summary>Audio thread: sets every target from <paramref name="t"/>.</summary>
    public void Apply(MasterChainTargets t)
    {
        PlayB = t.PlayB;
        Bypassed = t.Bypassed;
        MasterChain c = Chain;
        c.InputTrim.GainDb = t.InputGainDb;
        c.Eq.GlideTo(t.EqSections);
        for (int b = 0; b < Bands; b++)
        {
            _thresholdDb[b].SetTarget(t.BandThresholdDb[b]);
            _ratio[b].SetTarget(t.BandRatio[b]);
            Compressor band = c.Multiband.Band(b);
            band.KneeDb = t.MultibandKneeDb;
            // Time constants change no level: they apply at once. Make-up ramps inside the compressor.
            if (band.AttackMs != t.BandAttackMs[b]) band.AttackMs = t.BandAttackMs[b];
            if (band.ReleaseMs != t.BandReleaseMs[b]) band.ReleaseMs = t.BandReleaseMs[b];
            band.MakeupGainDb = t.BandMakeupDb[b];
            c.Imager.SetWidthPercent(b, t.WidthPercent[b]);
        }
        for (int x = 0; x < Bands - 1; x++)
        {
            _compCrossoverLog[x].SetTarget(MathF.Log(t.CompCrossoverHz[x]));
            _imagerCrossoverLog[x].SetTarget(MathF.Log(t.ImagerCrossoverHz[x]));
        }
        c.SetBypass(MasterStage.Saturation, !t.SaturationOn);
        c.Saturation.DriveDb = t.SaturationDriveDb;
        c.Saturation.Mix = t.SaturationMix;
        _targetLufs = t.TargetLufs;
        _ceilingDbtp.SetTarget(t.CeilingDbtp);
        _rampsMoving = true;
        if (c.Limiter.ReleaseMs != t.LimiterReleaseMs) c.Limiter.ReleaseMs = t.LimiterReleaseMs;
        c.OutputBitDepth = t.DitherBits;
        c.Dither.NoiseShaping = t.DitherShaping;
        SetMode(t.LoudnessMode);
        Volatile.Write(ref _appliedVersion, t.StoreVersion);
    }

    /// <summary>Steps the per-block ramps (multiband threshold and ratio, crossovers, ceiling) by <paramref name="frames"/>.</summary>
    public void ApplyControlRateTargets(int frames, bool force = false)
    {
        if (!_rampsMoving && !force) return;
        for (int b = 0; b < Bands; b++)
        {
            Compressor band = Chain.Multiband.Band(b);
            band.ThresholdDb = _thresholdDb[b].Advance(frames);
            band.Ratio = _ratio[b].Advance(frames);
        }
        for (int x = 0; x < Bands - 1; x++)
        {
            // A crossover is retuned (its sections recomputed from the frequency, state kept) only while it glides.
            if (force || _compCrossoverLog[x].IsSmoothing) Chain.Multiband.Crossover.SetCrossoverHz(x, Math.Exp(_compCrossoverLog[x].Advance(frames)));
            if (force || _imagerCrossoverLog[x].IsSmoothing) Chain.Imager.Crossover.SetCrossoverHz(x, Math.Exp(_imagerCrossoverLog[x].Advance(frames)));
        }
        Chain.Limiter.CeilingDbtp = _ceilingDbtp.Advance(frames);
        _rampsMoving = _ceilingDbtp.IsSmoothing;
        for (int b = 0; b < Bands && !_rampsMoving; b++) _rampsMoving = _thresholdDb[b].IsSmoothing || _ratio[b].IsSmoothing;
        for (int x = 0; x < Bands - 1 && !_rampsMoving; x++) _rampsMoving = _compCrossoverLog[x].IsSmoothing || _imagerCrossoverLog[x].IsSmoothing;
    }

    /// <summary>Runs the chain in place, meters its output and moves the loudness gain.</summary>
    public void Process(AudioBuffer buffer, int frames, double seconds)
    {
        Chain.Process(buffer, frames);
        _outputMeter.Process(buffer, frames);
        if (_mode == LoudnessMode.Learn) Probe(buffer, frames);
        if (_mode != LoudnessMode.Follow) return;
        double output = _outputMeter.ShortTermLufs;
        if (!(output > LiveMasterChain.SilenceLufs)) return;
        double error = _targetLufs - output;
        double maxStep = LiveMasterChain.LoudnessSlewDbPerSecond * seconds;
        double step = Math.Clamp(error * seconds / LiveMasterChain.LoudnessTimeConstantSeconds, -maxStep, maxStep);
        SetLoudnessGain(_loudnessGainDb + step);
    }

    // The probe plays the output raised by what the song so far asks for (target minus its integrated loudness).
    private void Probe(AudioBuffer buffer, int frames)
    {
        float gain = _outputMeter.TryGetIntegratedLufs(out double sofar)
            ? (float)Decibels.ToGain(Math.Clamp(_targetLufs - sofar, LiveMasterChain.LoudnessGainMinDb, LiveMasterChain.LoudnessGainMaxDb))
            : 1f;
        for (int c = 0; c < 2; c++)
        {
            Span<float> from = buffer.Channel(c, frames), to = _probeBuffer.Channel(c, frames);
            for (int i = 0; i < frames; i++) to[i] = gain * from[i];
        }
        _probe.CeilingDbtp = Chain.Limiter.CeilingDbtp;
        if (_probe.ReleaseMs != Chain.Limiter.ReleaseMs) _probe.ReleaseMs = Chain.Limiter.ReleaseMs;
        _probeInMeter.Process(_probeBuffer, frames);
        _probe.Process(_probeBuffer, frames);
        _probeMeter.Process(_probeBuffer, frames);
    }

    // Entering LEARN restarts the integration (gain held); leaving it sets the gain that brings the song to the target:
    // target minus the song's loudness, plus what the probe's limiter took at about that gain.
    private void SetMode(LoudnessMode mode)
    {
        if (mode == _mode) return;
        if (mode == LoudnessMode.Learn)
        {
            _outputMeter.Reset();
            _probe.Reset();
            _probeInMeter.Reset();
            _probeMeter.Reset();
        }
        else if (_mode == LoudnessMode.Learn && _outputMeter.TryGetIntegratedLufs(out double learned))
        {
            double raise = Math.Clamp(_targetLufs - learned, LiveMasterChain.LoudnessGainMinDb, LiveMasterChain.LoudnessGainMaxDb);
            // The probe's loss, input against output: both saw the same gains, so how the gain moved while learning cancels.
            double limited = _probeInMeter.TryGetIntegratedLufs(out double into) && _probeMeter.TryGetIntegratedLufs(out double outOf) ? Math.Max(0, into - outOf) : 0;
            SetLoudnessGain(_loudnessGainDb + raise + limited);
        }
        _mode = mode;
    }

    private void SetLoudnessGain(double gainDb)
    {
        _loudnessGainDb = Math.Clamp(gainDb, LiveMasterChain.LoudnessGainMinDb, LiveMasterChain.LoudnessGainMaxDb);
        Chain.LoudnessGain.GainDb = _loudnessGainDb;
    }
}
