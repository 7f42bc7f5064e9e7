using MixConsole.Dsp.Core;
using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Mastering;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Mastering;

/// <summary>
/// The control side of the live master chain: reads the master chain's parameters (bound by typed key) when one
/// of them changed, maps them to stage targets, designs the EQ sections, and publishes the whole as one
/// <see cref="MasterChainTargets"/> through a lock-free <see cref="SnapshotExchange{T}"/>. The audio thread
/// (<see cref="LiveMasterChain"/>) takes the newest snapshot at block start and ramps to it.
/// <para>One producer: call <see cref="Compile"/> from one thread at a time (the control tick, or the audio thread
/// itself when <see cref="LiveMasterChain.CompileOnAudioThread"/> is set). Allocation-free after construction.</para>
/// </summary>
public sealed class MasterChainCompiler
{
    /// <summary>Soft knee of the multiband bands, in dB.</summary>
    public const float MultibandKneeDb = 6f;

    /// <summary>Centre of the tilt EQ, in Hz.</summary>
    public const double TiltCentreHz = 1000;

    /// <summary>Threshold of every band at 0 % amount, in dBFS (ratio 1:1 there, so it only matters mid-way).</summary>
    public const float LightThresholdDb = -12f;

    /// <summary>Q of the two master shelves.</summary>
    public const double ShelfQ = 0.7;

    private readonly ParameterStore _store;
    private const int Bands = ConsoleAddressSpace.MasterBands, Bells = ConsoleAddressSpace.MasterEqBells;

    private readonly ParameterHandle _inputGain, _tilt, _lowShelfGain, _lowShelfFreq, _highShelfGain, _highShelfFreq;
    private readonly ParameterHandle _compAmount, _width, _target, _ceiling, _bypass, _ab, _loudnessMode;
    private readonly ParameterHandle _bassMono, _saturationOn, _saturationDrive, _saturationMix, _limiterRelease, _ditherOn, _ditherBits, _ditherShape;
    private readonly ParameterHandle[] _bellFreq = new ParameterHandle[Bells], _bellGain = new ParameterHandle[Bells], _bellQ = new ParameterHandle[Bells];
    private readonly ParameterHandle[] _bandThreshold = new ParameterHandle[Bands], _bandRatio = new ParameterHandle[Bands], _bandAttack = new ParameterHandle[Bands];
    private readonly ParameterHandle[] _bandRelease = new ParameterHandle[Bands], _bandMakeup = new ParameterHandle[Bands], _bandWidth = new ParameterHandle[Bands];
    private readonly ParameterHandle[] _compCrossover = new ParameterHandle[Bands - 1], _imagerCrossover = new ParameterHandle[Bands - 1];
    private readonly ParameterChangeSet _changes;
    private readonly float[] _values;
    private readonly int[] _changed;
    private readonly bool[] _isMaster;
    private long _compiledVersion = -1;
    private bool _stale = true;
    private double _sampleRateHz = 48000;
    // The last EQ design and what it was made from: a change elsewhere in the chain re-uses it, designs nothing.
    private readonly BiquadCoefficients[] _designed = new BiquadCoefficients[MasterEq.SectionCount];
    private readonly float[] _designedFrom = new float[5 + 3 * Bells];
    private double _designedRateHz;

    /// <summary>
    /// Binds to <paramref name="store"/>'s master chain parameters of setting <paramref name="slot"/> (1 = A at /master, 2 = B
    /// at /master/b) and the switches both share, by typed key; a missing one throws <see cref="ParameterBindingException"/>, named.
    /// </summary>
    public MasterChainCompiler(ParameterStore store, int slot = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slot, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slot, 2);
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        ParameterTable table = store.Table;
        _isMaster = new bool[table.Count];
        ParameterHandle Bind(ParameterRole role, int index = 0, bool shared = false)
        {
            ParameterHandle handle = table.Bind(new ParameterKey(ParameterOwner.Master, shared ? 1 : slot, role, index));
            _isMaster[handle.Index] = true;
            return handle;
        }

        _inputGain = Bind(ParameterRole.MasterInputGain);
        _tilt = Bind(ParameterRole.MasterTilt);
        _lowShelfGain = Bind(ParameterRole.MasterLowShelfGain);
        _lowShelfFreq = Bind(ParameterRole.MasterLowShelfFrequency);
        _highShelfGain = Bind(ParameterRole.MasterHighShelfGain);
        _highShelfFreq = Bind(ParameterRole.MasterHighShelfFrequency);
        _compAmount = Bind(ParameterRole.MasterCompression);
        _width = Bind(ParameterRole.MasterWidth);
        _target = Bind(ParameterRole.MasterLoudnessTarget);
        _ceiling = Bind(ParameterRole.MasterCeiling);
        _bypass = Bind(ParameterRole.MasterBypass, shared: true);
        _ab = Bind(ParameterRole.MasterAb, shared: true);
        _loudnessMode = Bind(ParameterRole.MasterLoudnessMode, shared: true);
        _bassMono = Bind(ParameterRole.MasterBassMono);
        _saturationOn = Bind(ParameterRole.MasterSaturationOn);
        _saturationDrive = Bind(ParameterRole.MasterSaturationDrive);
        _saturationMix = Bind(ParameterRole.MasterSaturationMix);
        _limiterRelease = Bind(ParameterRole.MasterLimiterRelease);
        _ditherOn = Bind(ParameterRole.MasterDitherOn);
        _ditherBits = Bind(ParameterRole.MasterDitherBits);
        _ditherShape = Bind(ParameterRole.MasterDitherShaping);
        for (int b = 0; b < Bells; b++)
        {
            _bellFreq[b] = Bind(ParameterRole.MasterEqBandFrequency, b + 1);
            _bellGain[b] = Bind(ParameterRole.MasterEqBandGain, b + 1);
            _bellQ[b] = Bind(ParameterRole.MasterEqBandQ, b + 1);
        }
        for (int b = 0; b < Bands; b++)
        {
            _bandThreshold[b] = Bind(ParameterRole.MasterBandThreshold, b + 1);
            _bandRatio[b] = Bind(ParameterRole.MasterBandRatio, b + 1);
            _bandAttack[b] = Bind(ParameterRole.MasterBandAttack, b + 1);
            _bandRelease[b] = Bind(ParameterRole.MasterBandRelease, b + 1);
            _bandMakeup[b] = Bind(ParameterRole.MasterBandMakeup, b + 1);
            _bandWidth[b] = Bind(ParameterRole.MasterImagerWidth, b + 1);
        }
        for (int x = 0; x < Bands - 1; x++)
        {
            _compCrossover[x] = Bind(ParameterRole.MasterCompCrossover, x + 1);
            _imagerCrossover[x] = Bind(ParameterRole.MasterImagerCrossover, x + 1);
        }
        _values = new float[table.Count];
        _changed = new int[table.Count];
        _changes = store.TrackChanges();
        Exchange = new SnapshotExchange<MasterChainTargets>(() => new MasterChainTargets());
    }

    /// <summary>The snapshots, control side to audio side.</summary>
    public SnapshotExchange<MasterChainTargets> Exchange { get; }

    /// <summary>Sample rate the EQ is designed for, in Hz (set by <see cref="LiveMasterChain.Prepare"/>, before it compiles).</summary>
    public double SampleRateHz
    {
        get => _sampleRateHz;
        set
        {
            if (value == _sampleRateHz) return;
            _sampleRateHz = value;
            _stale = true; // every design depends on the rate
        }
    }

    /// <summary>How many times the EQ was designed: only when an EQ parameter or the rate changed (a statistic).</summary>
    public long EqDesignCount { get; private set; }

    /// <summary>The store version read last (-1 before the first compile).</summary>
    public long CompiledVersion => _compiledVersion;

    /// <summary>
    /// Control side: when a master chain parameter changed since the last publish (or <paramref name="force"/>),
    /// compiles every one into the next snapshot and publishes it whole; returns true when it published. Reads the
    /// store outside batches, so a scene or a bundle lands whole (while one is open it publishes nothing and the
    /// batch's close asks again); <paramref name="force"/> (<see cref="LiveMasterChain.Reset"/>) reads it as it is.
    /// </summary>
    public bool Compile(bool force = false)
    {
        if (!force && !_stale && _store.Version == _compiledVersion) return false;
        if (!_store.TryCopyChangesOutsideBatch(_changes, _values, out long version))
        {
            if (!force) return false;
            version = _store.CopyValuesTo(_values);
        }

        bool changed = force || _stale;
        int count = _changes.Take(_changed);
        for (int k = 0; k < count && !changed; k++) changed = _isMaster[_changed[k]];
        _compiledVersion = version;
        if (!changed) return false;
        _stale = false;

        MasterChainTargets t = Exchange.Back;
        t.StoreVersion = version;
        t.InputGainDb = V(_inputGain);

        DesignEq();
        _designed.CopyTo(t.EqSections, 0);

        float amount = Math.Clamp(V(_compAmount) / 100f, 0f, 1f), width = V(_width);
        for (int b = 0; b < Bands; b++)
        {
            (t.BandThresholdDb[b], t.BandRatio[b]) = BandCurve(amount, V(_bandThreshold[b]), V(_bandRatio[b]));
            t.BandAttackMs[b] = V(_bandAttack[b]);
            t.BandReleaseMs[b] = V(_bandRelease[b]);
            t.BandMakeupDb[b] = V(_bandMakeup[b]);
            t.WidthPercent[b] = BandWidthPercent(b, V(_bassMono) != 0, width, V(_bandWidth[b]));
        }
        for (int x = 0; x < Bands - 1; x++)
        {
            t.CompCrossoverHz[x] = V(_compCrossover[x]);
            t.ImagerCrossoverHz[x] = V(_imagerCrossover[x]);
        }
        t.MultibandKneeDb = MultibandKneeDb;
        t.SaturationOn = V(_saturationOn) != 0;
        t.SaturationDriveDb = V(_saturationDrive);
        t.SaturationMix = V(_saturationMix) / 100.0;
        t.TargetLufs = V(_target);
        t.CeilingDbtp = V(_ceiling);
        t.LimiterReleaseMs = V(_limiterRelease);
        t.DitherBits = V(_ditherOn) == 0 ? 0 : V(_ditherBits) == 0 ? 16 : 24;
        t.DitherShaping = V(_ditherShape) == 0 ? DitherNoiseShaping.None : DitherNoiseShaping.FirstOrder;
        t.LoudnessMode = (LoudnessMode)(int)V(_loudnessMode);
        t.PlayB = V(_ab) != 0;
        t.Bypassed = V(_bypass) != 0;
        Exchange.Publish();
        return true;
    }

    private float V(ParameterHandle parameter) => _values[parameter.Index];

    private void DesignEq()
    {
        Span<float> from = stackalloc float[_designedFrom.Length];
        from[0] = V(_tilt); from[1] = V(_lowShelfFreq); from[2] = V(_lowShelfGain); from[3] = V(_highShelfFreq); from[4] = V(_highShelfGain);
        for (int b = 0; b < Bells; b++)
        {
            from[5 + 3 * b] = V(_bellFreq[b]);
            from[6 + 3 * b] = V(_bellGain[b]);
            from[7 + 3 * b] = V(_bellQ[b]);
        }
        if (_designedRateHz == _sampleRateHz && from.SequenceEqual(_designedFrom)) return;
        Span<BiquadCoefficients> eq = _designed;
        eq.Fill(BiquadCoefficients.Identity);
        double fs = _sampleRateHz;
        MasterEq.DesignBand(EqBandType.Tilt, fs, TiltCentreHz, from[0], 0.5, out eq[0], out eq[1]);
        MasterEq.DesignBand(EqBandType.LowShelf, fs, from[1], from[2], ShelfQ, out eq[2], out eq[3]);
        MasterEq.DesignBand(EqBandType.HighShelf, fs, from[3], from[4], ShelfQ, out eq[4], out eq[5]);
        for (int b = 0; b < Bells; b++)
            MasterEq.DesignBand(EqBandType.Bell, fs, from[5 + 3 * b], from[6 + 3 * b], from[7 + 3 * b], out eq[6 + 2 * b], out eq[7 + 2 * b]);
        from.CopyTo(_designedFrom);
        _designedRateHz = fs;
        EqDesignCount++;
    }

    /// <summary>The imager width band <paramref name="band"/> plays, in percent: the master width times the band's, 0 for the low band with bass mono.</summary>
    public static float BandWidthPercent(int band, bool bassMono, float widthPercent, float bandWidthPercent) =>
        band == 0 && bassMono ? 0f : Math.Clamp(widthPercent * bandWidthPercent / 100f, 0f, 200f);

    /// <summary>
    /// One multiband band's threshold (dBFS) and ratio at <paramref name="amount"/> (0..1 of /comp/amount): from
    /// (<see cref="LightThresholdDb"/>, 1:1) at 0 to the band's own <paramref name="thresholdDb"/> and <paramref name="ratio"/> at 1, linear.
    /// </summary>
    public static (float ThresholdDb, float Ratio) BandCurve(float amount, float thresholdDb, float ratio) =>
        (LightThresholdDb + (thresholdDb - LightThresholdDb) * amount, 1f + (ratio - 1f) * amount);
}
