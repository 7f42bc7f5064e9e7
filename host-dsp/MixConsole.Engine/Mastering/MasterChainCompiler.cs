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

    private const double ShelfQ = 0.7;

    private readonly ParameterStore _store;
    private readonly ParameterHandle _inputGain, _tilt, _lowShelfGain, _lowShelfFreq, _highShelfGain, _highShelfFreq;
    private readonly ParameterHandle _compAmount, _width, _target, _ceiling, _bypass, _ab;
    private readonly ParameterChangeSet _changes;
    private readonly float[] _values;
    private readonly int[] _changed;
    private readonly bool[] _isMaster;
    private long _compiledVersion = -1;
    private bool _stale = true;
    private double _sampleRateHz = 48000;
    // The last EQ design and what it was made from: a change elsewhere in the chain re-uses it, designs nothing.
    private readonly BiquadCoefficients[] _designed = new BiquadCoefficients[MasterEq.SectionCount];
    private readonly float[] _designedFrom = new float[5];
    private double _designedRateHz;

    /// <summary>Binds to <paramref name="store"/>'s master chain parameters by typed key; a missing one throws <see cref="ParameterBindingException"/>, named.</summary>
    public MasterChainCompiler(ParameterStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        ParameterTable table = store.Table;
        _isMaster = new bool[table.Count];
        ParameterHandle Bind(ParameterRole role)
        {
            ParameterHandle handle = table.Bind(new ParameterKey(ParameterOwner.Master, 1, role));
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
        _bypass = Bind(ParameterRole.MasterBypass);
        _ab = Bind(ParameterRole.MasterAb);
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

        (t.MultibandThresholdDb, t.MultibandRatio) = MultibandCurve(V(_compAmount));
        t.MultibandKneeDb = MultibandKneeDb;
        t.WidthPercent = V(_width);
        t.TargetLufs = V(_target);
        t.CeilingDbtp = V(_ceiling);
        t.PlayB = V(_ab) != 0;
        t.Bypassed = V(_bypass) != 0;
        Exchange.Publish();
        return true;
    }

    private float V(ParameterHandle parameter) => _values[parameter.Index];

    private void DesignEq()
    {
        Span<float> from = [V(_tilt), V(_lowShelfFreq), V(_lowShelfGain), V(_highShelfFreq), V(_highShelfGain)];
        if (_designedRateHz == _sampleRateHz && from.SequenceEqual(_designedFrom)) return;
        Span<BiquadCoefficients> eq = _designed;
        eq.Fill(BiquadCoefficients.Identity);
        double fs = _sampleRateHz;
        MasterEq.DesignBand(EqBandType.Tilt, fs, TiltCentreHz, from[0], 0.5, out eq[0], out eq[1]);
        MasterEq.DesignBand(EqBandType.LowShelf, fs, from[1], from[2], ShelfQ, out eq[2], out eq[3]);
        MasterEq.DesignBand(EqBandType.HighShelf, fs, from[3], from[4], ShelfQ, out eq[4], out eq[5]);
        from.CopyTo(_designedFrom);
        _designedRateHz = fs;
        EqDesignCount++;
    }

    /// <summary>
    /// /master/comp/amount (0..100 %) as the multiband's curve: ratio 1:1..4:1 with the threshold sinking from
    /// -12 to -30 dBFS, both linear in the amount.
    /// </summary>
    public static (float ThresholdDb, float Ratio) MultibandCurve(float amountPercent)
    {
        float amount = Math.Clamp(amountPercent / 100f, 0f, 1f);
        return (-12f - 18f * amount, 1f + 3f * amount);
    }
}
