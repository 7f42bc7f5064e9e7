using MixConsole.Dsp.Core;
using MixConsole.Engine.Compiler.Binding;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Mixer.Strips;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Compiler;

/// <summary>
/// The control side of the console: turns the parameter store into snapshots of typed targets for the audio
/// thread. Each <see cref="Compile"/> reads the store (only when its version moved, never while a batch is
/// open, so a bundle or a scene lands whole), visits only the parameters written since (a
/// <see cref="ParameterChangeSet"/>), re-derives only the strip parts
/// they drive (stereo links, DCAs, mute groups and solo resolved here; filters, dynamics and effects designed
/// here) and publishes one snapshot through a lock-free triple buffer. Allocates nothing after construction.
/// <para>One caller at a time: a live control thread (<see cref="ConsoleCompilerThread"/>), or the engine's
/// own <see cref="MixerEngine.Process"/> at block start when <see cref="MixerEngine.CompileOnAudioThread"/> is
/// set (offline renders and tests). A second caller finds the compiler busy and returns at once.</para>
/// </summary>
public sealed partial class ConsoleCompiler
{
    private const int TapPreEq = 0;

    private readonly ParameterStore _store;
    private readonly ConsoleBinding _binding;
    private readonly KeyLayout _keys;
    private readonly int _channels, _buses, _fxSlots, _dcas, _muteGroups, _firstAuxInput, _firstReturn;
    private readonly float[] _values, _applied;
    private readonly int[] _dirty;
    private readonly ParameterChangeSet _changes;
    private readonly int[] _changed;
    private readonly ConsoleSnapshot _compiled;
    private readonly SnapshotExchange<ConsoleSnapshot> _exchange;
    private double _sampleRateHz;
    private long _compiledVersion = -1;
    private long _generation;
    private bool _everything = true;
    private int _busy;
    private long _batchWaits;

    /// <summary>Binds every parameter of <paramref name="store"/>'s table (a missing one throws <see cref="ParameterBindingException"/>, named).</summary>
    public ConsoleCompiler(ParameterStore store)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        ConsoleConfig config = store.Table.Config;
        _binding = new ConsoleBinding(store.Table);
        _keys = _binding.Keys;
        _channels = config.MixStrips;
        _firstAuxInput = config.Channels;
        _firstReturn = config.InputStrips;
        _buses = config.Buses;
        _fxSlots = config.FxSlots;
        _dcas = config.Dcas;
        _muteGroups = config.MuteGroups;
        _values = new float[store.Count];
        _applied = new float[store.Count];
        _changes = store.TrackChanges();
        _changed = new int[store.Count];
        _dirty = new int[_keys.Global + 1];
        _compiled = new ConsoleSnapshot(config);
        _exchange = new SnapshotExchange<ConsoleSnapshot>(() => new ConsoleSnapshot(config));
    }

    /// <summary>The store compiled from.</summary>
    public ParameterStore Store => _store;

    /// <summary>Snapshots published so far.</summary>
    public long Published => _exchange.Published;

    /// <summary>Compiles skipped because a batch was open (they happen after it closes).</summary>
    public long BatchWaits => Interlocked.Read(ref _batchWaits);

    /// <summary>Store version of the newest compile (-1 before the first).</summary>
    public long CompiledVersion => Interlocked.Read(ref _compiledVersion);

    /// <summary>True once the engine's <see cref="MixerEngine.Prepare"/> gave the compiler a sample rate to design at.</summary>
    public bool IsPrepared => Volatile.Read(ref _sampleRateHz) > 0;

    /// <summary>Handle of /master/bypass (what the engine's latency report reads).</summary>
    internal ParameterHandle MasterBypass => _binding.MasterBypass;

    /// <summary>The exchange the audio thread takes snapshots from.</summary>
    internal SnapshotExchange<ConsoleSnapshot> Exchange => _exchange;

    /// <summary>The compiler's own state as of its last compile, which every published snapshot copies its changed parts from.</summary>
    internal ConsoleSnapshot Compiled => _compiled;

    /// <summary>
    /// Control side, from <see cref="MixerEngine.Prepare"/>: designs everything for <paramref name="sampleRateHz"/>
    /// and publishes a full snapshot now (waiting out another compile in progress). Should a batch be open, the
    /// full compile happens at the first <see cref="Compile"/> after it closes; until a first snapshot exists
    /// the audio side plays silence.
    /// </summary>
    internal void Prepare(double sampleRateHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        var spin = default(SpinWait);
        while (Interlocked.CompareExchange(ref _busy, 1, 0) != 0) spin.SpinOnce();
        try
        {
            Volatile.Write(ref _sampleRateHz, sampleRateHz);
            _everything = true;
            CompileLocked();
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>
    /// Compiles what changed since the last compile and publishes it as one snapshot. Returns true when a
    /// snapshot was published; false when nothing changed, a batch is open (try again when it closes: the
    /// store's <see cref="ParameterStore.Changed"/> says when), the compiler is not prepared yet, or another
    /// thread is compiling. Allocates nothing.
    /// </summary>
    public bool Compile()
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0) return false;
        try
        {
            return _sampleRateHz > 0 && CompileLocked();
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private bool CompileLocked()
    {
        if (!_everything && _store.Version == _compiledVersion) return false;
        if (!_store.TryCopyChangesOutsideBatch(_changes, _values, out long version))
        {
            Interlocked.Increment(ref _batchWaits);
            return false;
        }

        if (!MarkChanges())
        {
            // Only text moved (names): nothing for the audio.
            Volatile.Write(ref _compiledVersion, version);
            return false;
        }

        _generation++;
        DesignDirtyParts();
        _compiled.Generation = _generation;
        _compiled.StoreVersion = version;
        _compiled.SampleRateHz = _sampleRateHz;
        _exchange.Back.CopyChangedFrom(_compiled);
        _exchange.Publish();
        Volatile.Write(ref _compiledVersion, version);
        return true;
    }

    // ---- Which parts changed ----

    private bool MarkChanges()
    {
        // Only the parameters written since the last compile are visited; one written back to its old value is no change.
        int changed = _changes.Take(_changed);
        var ownerOf = _binding.OwnerOf;
        var aspectOf = _binding.AspectOf;
        for (int k = 0; k < changed; k++)
        {
            int i = _changed[k];
            if (_values[i] == _applied[i]) continue;
            _applied[i] = _values[i];
            int key = ownerOf[i];
            if (key >= 0) _dirty[key] |= StripAspect.Bits(aspectOf[i]);
        }

        if (_everything)
        {
            _values.CopyTo(_applied, 0);
            Array.Fill(_dirty, StripAspect.All);
            _everything = false;
        }

        PropagateLinksAndGroups();
        foreach (int d in _dirty)
            if (d != 0) return true;
        return false;
    }

    private void PropagateLinksAndGroups()
    {
        int global = _keys.Global;
        if (_dirty[global] != 0)
        {
            // Solo, DCAs, mute groups and the master bypass feed every mix.
            for (int c = 0; c < _channels; c++) _dirty[c] |= StripAspect.Bits(StripAspect.Mix);
            for (int b = 0; b < _buses; b++) _dirty[_keys.Bus(b)] |= StripAspect.Bits(StripAspect.Mix);
            _dirty[_keys.Main] |= StripAspect.Bits(StripAspect.Mix);
            _dirty[global] = 0;
        }

        for (int c = 0; c + 1 < _channels; c++)
        {
            if (Leader(c) != c || Leader(c + 1) != c) continue;
            if ((_dirty[c] & StripAspect.Bits(StripAspect.Link)) != 0)
            {
                _dirty[c] |= StripAspect.All;
                _dirty[c + 1] |= StripAspect.All;
            }
            else if (IsLinked(c))
            {
                // The odd channel leads: its changes re-derive its partner too (polarity stays per side).
                _dirty[c + 1] |= _dirty[c];
            }
        }
    }

    // ---- Designs ----

    private void DesignDirtyParts()
    {
        DesignInsertsIfDirty();
        for (int c = 0; c < _channels; c++)
        {
            int d = _dirty[c];
            if (d == 0) continue;
            _dirty[c] = 0;
            // Aux inputs have no high-pass, gate or compressor, effect returns no input stage either: those parts stay off.
            if (c >= _firstAuxInput) d &= ~(StripAspect.Bits(StripAspect.HighPass) | StripAspect.Bits(StripAspect.Gate) | StripAspect.Bits(StripAspect.Compressor));
            if (c >= _firstReturn) d &= ~StripAspect.Bits(StripAspect.Input);
            int leader = IsLinked(c) ? Leader(c) : c;
            var p = _binding.Channels[leader];
            ref ChannelTargets t = ref _compiled.Channels[c];
            if (Has(d, StripAspect.Link)) t.Linked = IsLinked(c);
            if (Has(d, StripAspect.Input)) DesignInput(c, p, ref t);
            if (Has(d, StripAspect.Gate)) DesignGate(c, p, ref t);
            if (Has(d, StripAspect.Compressor)) t.Compressor = DesignCompressor(p, _compiled.ChannelSections.AsSpan(c * StripSection.Count));
            if (Has(d, StripAspect.Mix)) DesignChannelMix(c, p, ref t);
            if (Has(d, StripAspect.Sends)) DesignChannelSends(c, p);
            if (Has(d, StripAspect.HighPass)) DesignHighPass(c, p);
            DesignEqBands(p, d, _compiled.ChannelSections.AsSpan(c * StripSection.Count));
            MarkParts(c, d & (StripAspect.All & ~StripAspect.Bits(StripAspect.Effect)));
        }

        for (int b = 0; b < _buses; b++)
        {
            int key = _keys.Bus(b);
            int d = _dirty[key];
            if (d == 0) continue;
            _dirty[key] = 0;
            var p = _binding.Buses[b];
            // Buses have no input, high-pass, gate, link or effect parts.
            d &= StripAspect.Bits(StripAspect.Compressor) | StripAspect.Bits(StripAspect.Mix) | StripAspect.Bits(StripAspect.AllEqBands);
            ref BusTargets t = ref _compiled.Buses[b];
            if (Has(d, StripAspect.Compressor)) t.Compressor = DesignCompressor(p, _compiled.BusSections.AsSpan(b * StripSection.Count));
            if (Has(d, StripAspect.Mix)) DesignBusMix(p, ref t);
            DesignEqBands(p, d, _compiled.BusSections.AsSpan(b * StripSection.Count));
            MarkParts(key, d);
        }

        int main = _keys.Main;
        if (_dirty[main] != 0)
        {
            int d = _dirty[main] & (StripAspect.Bits(StripAspect.Compressor) | StripAspect.Bits(StripAspect.Mix) | StripAspect.Bits(StripAspect.AllEqBands));
            _dirty[main] = 0;
            if (Has(d, StripAspect.Compressor)) _compiled.Main.Compressor = DesignCompressor(_binding.Main, _compiled.MainSections);
            if (Has(d, StripAspect.Mix)) DesignMainMix();
            DesignEqBands(_binding.Main, d, _compiled.MainSections);
            MarkParts(main, d);
        }

        int mono = _keys.Mono;
        if (_dirty[mono] != 0)
        {
            int d = _dirty[mono] & (StripAspect.Bits(StripAspect.Compressor) | StripAspect.Bits(StripAspect.Mix) | StripAspect.Bits(StripAspect.AllEqBands));
            _dirty[mono] = 0;
            var p = _binding.Mono;
            if (Has(d, StripAspect.Compressor)) _compiled.Main.MonoCompressor = DesignCompressor(p, _compiled.MonoSections);
            if (Has(d, StripAspect.Mix)) _compiled.Main.Mono = Muted(p.On) ? 0f : MixLaws.DbToLinear(V(p.Fader));
            DesignEqBands(p, d, _compiled.MonoSections);
            MarkParts(mono, d);
        }

        for (int s = 0; s < _keys.EffectSlots; s++)
        {
            int fx = _keys.Fx(s);
            if (_dirty[fx] != 0)
            {
                _dirty[fx] = 0;
                _compiled.Effects[s] = EffectDesign.Design(_binding.Effects[s], _values, _sampleRateHz);
                MarkParts(fx, StripAspect.Bits(StripAspect.Effect));
            }

        }

        DesignMatrices();
    }

    private void MarkParts(int key, int dirty)
    {
        if (dirty == 0) return;
        for (int a = 0; a < StripAspect.Count; a++)
            if ((dirty & (1 << a)) != 0) _compiled.PartGeneration[ConsoleSnapshot.Part(key, a)] = _generation;
        _compiled.KeyGeneration[key] = _generation;
    }

    private static bool Has(int dirty, int aspect) => (dirty & StripAspect.Bits(aspect)) != 0;

    private void DesignInput(int c, StripBinding leader, ref ChannelTargets t)
    {
        float gain = MixLaws.DbToLinear(V(leader.Trim));
        if (V(_binding.Channels[c].Invert) != 0) gain = -gain;
        t.Trim = gain;
        t.DelayOn = leader.DelayOn.IsBound && V(leader.DelayOn) != 0;
        t.DelayMs = leader.DelayTime.IsBound ? V(leader.DelayTime) : 0f;
    }

    private void DesignHighPass(int c, StripBinding p)
    {
        var cascade = StripDesigns.HighPass(_sampleRateHz, V(p.HpOn) != 0, V(p.HpFrequency), (int)V(p.HpSlope));
        Span<Dsp.Filters.BiquadCoefficients> sections = _compiled.ChannelSections.AsSpan(c * StripSection.Count);
        sections[StripSection.HighPass0] = cascade.Section0;
        sections[StripSection.HighPass1] = cascade.Section1;
    }

    private void DesignGate(int c, StripBinding p, ref ChannelTargets t)
    {
        t.Gate = GateSettings.DesignMode(_sampleRateHz, V(p.GateOn) != 0, (int)V(p.GateMode), V(p.GateThreshold), V(p.GateRange),
            V(p.GateAttack), V(p.GateHold), V(p.GateRelease));
        _compiled.ChannelSections[c * StripSection.Count + StripSection.GateKey] =
            StripDesigns.KeyFilter(_sampleRateHz, V(p.GateKeyOn) != 0, (int)V(p.GateKeyType), V(p.GateKey));
    }

    private CompressorSettings DesignCompressor(StripBinding p, Span<Dsp.Filters.BiquadCoefficients> sections)
    {
        var key = StripDesigns.KeyFilter(_sampleRateHz, V(p.DynKeyOn) != 0, (int)V(p.DynKeyType), V(p.DynKey));
        sections[StripSection.CompressorKey] = key;
        sections[StripSection.CompressorKeyPostEq] = key;
        return CompressorSettings.Design(_sampleRateHz, V(p.DynOn) != 0, V(p.DynDetector) != 0, V(p.DynThreshold),
            ConsoleAddressSpace.CompressorRatio(V(p.DynRatio)), ConsoleAddressSpace.CompressorKneeDb(V(p.DynKnee)), V(p.DynAttack), V(p.DynRelease), V(p.DynMakeup), V(p.DynMix) / 100f, beforeEq: V(p.DynPosition) == 0);
    }

    private void DesignEqBands(StripBinding p, int dirty, Span<Dsp.Filters.BiquadCoefficients> sections)
    {
        bool on = V(p.EqOn) != 0;
        for (int band = 0; band < p.EqType.Length; band++)
        {
            if (!Has(dirty, StripAspect.EqBand(band))) continue;
            sections[StripSection.Eq(band)] = StripDesigns.EqBand(_sampleRateHz, on, (int)V(p.EqType[band]),
                V(p.EqFrequency[band]), V(p.EqGain[band]), V(p.EqQ[band]));
        }
    }

    private void DesignChannelMix(int c, StripBinding p, ref ChannelTargets t)
    {
        t.Mix.Fader = StripGain(p);
        bool linked = IsLinked(c);
        bool isLeft = Leader(c) == c;
        float pan = V(p.Pan) / 100f;
        float left, right;
        if (linked)
        {
            MixLaws.Balance(pan, out float bl, out float br);
            left = isLeft ? bl : 0f;
            right = isLeft ? 0f : br;
        }
        else
        {
            MixLaws.Pan(pan, out left, out right);
        }

        bool toMain = V(p.Stereo) != 0;
        t.Mix.PanLeft = toMain ? left : 0f;
        t.Mix.PanRight = toMain ? right : 0f;
        t.Mix.Mono = V(p.Mono) != 0 ? MixLaws.DbToLinear(V(p.MonoLevel)) : 0f;

        bool solo = Soloed(p);
        bool afl = V(_binding.SoloMode) != 0;
        t.Mix.SoloLeft = !solo ? 0f : afl ? left : linked ? (isLeft ? 1f : 0f) : 1f;
        t.Mix.SoloRight = !solo ? 0f : afl ? right : linked ? (isLeft ? 0f : 1f) : 1f;
        _compiled.Main.SoloAfterFader = afl;
    }

    private void DesignChannelSends(int c, StripBinding p)
    {
        bool linked = IsLinked(c);
        bool isLeft = Leader(c) == c;
        for (int b = 0; b < _buses; b++)
        {
            int i = c * _buses + b;
            _compiled.SendLevels[i] = V(p.SendOn[b]) != 0 ? MixLaws.DbToLinear(V(p.SendLevel[b])) : 0f;
            _compiled.SendTaps[i] = SendMixer.TapOfType((int)V(p.SendTap[b]));
        }

        // Effect returns have no effect sends (effects hear only input strips: no loop).
        for (int s = 0; s < p.FxLevel.Length; s++)
        {
            int i = c * _fxSlots + s;
            float level = MixLaws.DbToLinear(V(p.FxLevel[s]));
            // A linked pair keeps its sides apart: the odd channel feeds the effect's left, the even its right.
            _compiled.FxSendLeft[i] = linked && !isLeft ? 0f : level;
            _compiled.FxSendRight[i] = linked && isLeft ? 0f : level;
            _compiled.FxTaps[i] = (int)V(p.FxTap[s]);
        }
    }

    private void DesignBusMix(StripBinding p, ref BusTargets t)
    {
        t.Mix.Fader = StripGain(p);
        MixLaws.Pan(V(p.Pan) / 100f, out float left, out float right);
        bool toMain = V(p.Stereo) != 0;
        t.Mix.PanLeft = toMain ? left : 0f;
        t.Mix.PanRight = toMain ? right : 0f;
        t.Mix.Mono = V(p.Mono) != 0 ? MixLaws.DbToLinear(V(p.MonoLevel)) : 0f;
        bool solo = Soloed(p);
        bool afl = V(_binding.SoloMode) != 0;
        t.Mix.SoloLeft = solo ? (afl ? left : 1f) : 0f;
        t.Mix.SoloRight = solo ? (afl ? right : 1f) : 0f;
    }

    private void DesignMainMix()
    {
        var p = _binding.Main;
        float gain = Muted(p.On) ? 0f : MixLaws.DbToLinear(V(p.Fader));
        MixLaws.Balance(V(p.Pan) / 100f, out float bl, out float br);
        ref MainTargets t = ref _compiled.Main;
        t.Left = gain * bl;
        t.Right = gain * br;
        t.SoloLevel = MixLaws.DbToLinear(V(_binding.SoloLevel));
        t.MasterWet = V(_binding.MasterBypass) != 0 ? 0f : 1f;
        t.SoloAfterFader = V(_binding.SoloMode) != 0;
    }

    /// <summary>Fader plus the DCAs it belongs to, or silence when muted by its switch, a DCA or a mute group.</summary>
    private float StripGain(StripBinding p)
    {
        if (Muted(p.On)) return 0f;
        float db = V(p.Fader);
        if (p.Dca.IsBound)
        {
            int dcas = (int)V(p.Dca);
            for (int d = 0; d < _dcas; d++)
            {
                if ((dcas & (1 << d)) == 0) continue;
                if (V(_binding.DcaOn[d]) == 0) return 0f;
                db += V(_binding.DcaFader[d]);
            }
        }

        if (p.MuteGroups.IsBound)
        {
            int groups = (int)V(p.MuteGroups);
            for (int g = 0; g < _muteGroups; g++)
                if ((groups & (1 << g)) != 0 && V(_binding.MuteGroupOn[g]) != 0) return 0f;
        }

        return MixLaws.DbToLinear(db);
    }

    /// <summary>Its own solo switch, or a solo switch of a DCA it belongs to (as the X32: a DCA solos its members).</summary>
    private bool Soloed(StripBinding p)
    {
        if (V(p.Solo) != 0) return true;
        if (!p.Dca.IsBound) return false;
        int dcas = (int)V(p.Dca);
        for (int d = 0; d < _dcas; d++)
            if ((dcas & (1 << d)) != 0 && V(_binding.DcaSolo[d]) != 0) return true;
        return false;
    }

    // The odd strip of a pair: channels pair from /ch/01, effect returns from /fxrtn/01.
    private int Leader(int strip) => strip >= _firstReturn ? _firstReturn + ((strip - _firstReturn) & ~1) : strip & ~1;

    private bool IsLinked(int channel)
    {
        int leader = Leader(channel);
        var link = _binding.Channels[leader].Link;
        return link.IsBound && V(link) != 0 && leader + 1 < _channels;
    }

    private bool Muted(ParameterHandle on) => on.IsBound && V(on) == 0;

    private float V(ParameterHandle parameter) => _values[parameter.Index];
}
