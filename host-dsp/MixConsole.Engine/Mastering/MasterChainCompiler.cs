using MixConsole.Dsp.Core;
using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Mastering;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Mastering;

/// <summary>
/// The control side of the live master chain: reads the /master/* parameters when the store's version moved,
/// maps them to stage targets, designs the EQ sections, and publishes the whole as one
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
    private readonly int _inputGain, _tilt, _lowShelfGain, _lowShelfFreq, _highShelfGain, _highShelfFreq;
    private readonly int _compAmount, _width, _target, _ceiling, _bypass, _ab;
    private long _compiledVersion = -1;
    private double _sampleRateHz = 48000;
    // The last EQ design and what it was made from: a change elsewhere in the console re-uses it, designs nothing.
    private readonly BiquadCoefficients[] _designed = new BiquadCoefficients[MasterEq.SectionCount];
    private readonly float[] _designedFrom = new float[5];
    private double _designedRateHz;

    /// <summary>Binds to <paramref name="store"/>'s /master/* parameters; a missing one fails here, by name.</summary>
    public MasterChainCompiler(ParameterStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        ParameterTable table = store.Table;
        const string m = ParameterPaths.Master;
        _inputGain = table.IndexOf(m + "/input/gain");
        _tilt = table.IndexOf(m + "/eq/tilt");
        _lowShelfGain = table.IndexOf(m + "/eq/lowshelf/g");
        _lowShelfFreq = table.IndexOf(m + "/eq/lowshelf/f");
        _highShelfGain = table.IndexOf(m + "/eq/highshelf/g");
        _highShelfFreq = table.IndexOf(m + "/eq/highshelf/f");
        _compAmount = table.IndexOf(m + "/comp/amount");
        _width = table.IndexOf(m + "/width");
        _target = table.IndexOf(m + "/loudness/target");
        _ceiling = table.IndexOf(m + "/limiter/ceiling");
        _bypass = table.IndexOf(m + "/bypass");
        _ab = table.IndexOf(m + "/ab");
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
            _compiledVersion = -1; // every design depends on the rate
        }
    }

    /// <summary>How many times the EQ was designed: only when an EQ parameter or the rate changed (a statistic).</summary>
    public long EqDesignCount { get; private set; }

    /// <summary>The store version of the last publish (-1 before the first).</summary>
    public long CompiledVersion => _compiledVersion;

    /// <summary>
    /// Control side: when the store changed since the last publish (or <paramref name="force"/>), compiles every
    /// /master/* parameter into the next snapshot and publishes it whole; returns true when it published.
    /// </summary>
    public bool Compile(bool force = false)
    {
        long version = _store.Version;
        if (!force && version == _compiledVersion) return false;
        // The version is read first: a change landing during the reads is compiled again next time.
        MasterChainTargets t = Exchange.Back;
        t.StoreVersion = version;
        t.InputGainDb = _store.GetReal(_inputGain);

        DesignEq();
        _designed.CopyTo(t.EqSections, 0);

        (t.MultibandThresholdDb, t.MultibandRatio) = MultibandCurve(_store.GetReal(_compAmount));
        t.MultibandKneeDb = MultibandKneeDb;
        t.WidthPercent = _store.GetReal(_width);
        t.TargetLufs = _store.GetReal(_target);
        t.CeilingDbtp = _store.GetReal(_ceiling);
        t.PlayB = _store.GetReal(_ab) != 0;
        t.Bypassed = _store.GetReal(_bypass) != 0;
        Exchange.Publish();
        _compiledVersion = version;
        return true;
    }

    private void DesignEq()
    {
        Span<float> from = [_store.GetReal(_tilt), _store.GetReal(_lowShelfFreq), _store.GetReal(_lowShelfGain), _store.GetReal(_highShelfFreq), _store.GetReal(_highShelfGain)];
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
