using MixConsole.Dsp.Smoothing;
using MixConsole.Dsp.Delay;
using MixConsole.Engine.Compiler;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mixer.Strips;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// The audio thread's side of the snapshot exchange: holds every ramp, strip bank, delay and effect the graph
/// plays, and at block start hands them the parts of the newest snapshot that are newer than the last one
/// followed: ramp targets, coefficients to glide to, designed dynamics, effect settings. It copies and ramps;
/// it designs, looks up and resolves nothing. After <see cref="Reset"/> the next snapshot is taken whole and
/// without ramps (the first settings apply at once).
/// </summary>
internal sealed class SnapshotFollower
{
    private readonly int _channels, _strips, _buses, _fxSlots, _effectSlots;
    private long _followed;
    private bool _snapNext = true;
    private int _rampSamples = 1;

    public SnapshotFollower(ConsoleConfig config)
    {
        _channels = config.InputStrips;
        _strips = config.MixStrips;
        _buses = config.Buses;
        _fxSlots = config.FxSlots;
        _effectSlots = new KeyLayout(config).EffectSlots;
        Channels = new ChannelRamps[_strips];
        Buses = new MixRamps[_buses];

        ChannelBank = new StripBank(_channels);
        BusBank = new StripBank(Math.Max(1, _buses));
        MainBank = new StripBank(2);
        MainBank.SetLinked(0, true);
        MonoBank = new StripBank(1);
        Delays = new ChannelDelay[_channels];
        for (int c = 0; c < _channels; c++) Delays[c] = new ChannelDelay();
        DelayActive = new bool[_channels];
        Effects = new EffectSlot[_effectSlots];
        for (int s = 0; s < _effectSlots; s++) Effects[s] = new EffectSlot();
        Inserts = new InsertRack(Effects);
        Returns = new EffectReturns(config, Inserts);
        Sends = new SendMixer(_channels, _buses, _fxSlots);
        Matrices = new MatrixMixer(config.Matrices, _buses);
    }

    /// <summary>Input strips, then effect returns (their trim is unused).</summary>
    public ChannelRamps[] Channels { get; }

    public MixRamps[] Buses { get; }

    public EffectReturns Returns { get; }

    public MainRamps Main { get; } = new();

    public StripBank ChannelBank { get; }

    public StripBank BusBank { get; }

    public StripBank MainBank { get; }

    public StripBank MonoBank { get; }

    public ChannelDelay[] Delays { get; }

    /// <summary>Channels whose delay line runs (switched on, or fading out after being switched off).</summary>
    public bool[] DelayActive { get; }

    /// <summary>Every effect slot: the send slots (with returns) first, then the slots that run as inserts only.</summary>
    public EffectSlot[] Effects { get; }

    /// <summary>The slots serving insert points.</summary>
    public InsertRack Inserts { get; }

    public SendMixer Sends { get; }

    public MatrixMixer Matrices { get; }

    /// <summary>Solo taps after fader and pan (AFL).</summary>
    public bool SoloAfterFader { get; private set; }

    /// <summary>Generation of the snapshot followed last (0: none yet).</summary>
    public long Followed => _followed;

    /// <summary>Sizes banks, delays and effects; ramps last <paramref name="gainRampSamples"/> samples.</summary>
    public void Prepare(double sampleRateHz, int maxBlockFrames, int coefficientTickFrames, int gainRampSamples, double maxDelayMs)
    {
        _rampSamples = gainRampSamples;
        ChannelBank.Prepare(sampleRateHz, maxBlockFrames, coefficientTickFrames);
        BusBank.Prepare(sampleRateHz, maxBlockFrames, coefficientTickFrames);
        MainBank.Prepare(sampleRateHz, maxBlockFrames, coefficientTickFrames);
        MonoBank.Prepare(sampleRateHz, maxBlockFrames, coefficientTickFrames);
        Returns.Prepare(sampleRateHz, maxBlockFrames, coefficientTickFrames);
        foreach (var d in Delays) d.Prepare(sampleRateHz, maxDelayMs);
        foreach (var e in Effects) e.Prepare(sampleRateHz, maxBlockFrames);
        Inserts.Prepare(sampleRateHz, maxBlockFrames);
        Matrices.Prepare(sampleRateHz, maxBlockFrames, coefficientTickFrames, gainRampSamples);
    }

    /// <summary>Clears audio history; the next snapshot followed applies whole, without ramps.</summary>
    public void Reset()
    {
        ChannelBank.Reset();
        BusBank.Reset();
        MainBank.Reset();
        MonoBank.Reset();
        Returns.Reset();
        foreach (var d in Delays) d.Reset();
        foreach (var e in Effects) e.Reset();
        Inserts.Reset();
        Matrices.Reset();
        _snapNext = true;
    }

    /// <summary>
    /// Audio thread, block start: applies the parts of <paramref name="snapshot"/> newer than the last snapshot
    /// followed (every part, at once, after a reset). A snapshot never compiled yet (generation 0) is ignored.
    /// </summary>
    public void Follow(ConsoleSnapshot snapshot)
    {
        bool snap = _snapNext;
        long generation = snapshot.Generation;
        if (generation == 0 || (!snap && generation == _followed)) return;
        long since = snap ? long.MinValue : _followed;
        var keys = snapshot.Keys;
        for (int c = 0; c < _strips; c++)
            if (snapshot.KeyGeneration[c] > since) FollowChannel(snapshot, c, NewerParts(snapshot, c, since), snap);

        for (int b = 0; b < _buses; b++)
            if (snapshot.KeyGeneration[keys.Bus(b)] > since) FollowBus(snapshot, b, NewerParts(snapshot, keys.Bus(b), since), snap);

        if (snapshot.KeyGeneration[keys.Main] > since) FollowMain(snapshot, NewerParts(snapshot, keys.Main, since), snap);
        if (snapshot.KeyGeneration[keys.Mono] > since) FollowMono(snapshot, NewerParts(snapshot, keys.Mono, since), snap);
        if (Newer(snapshot, keys.Inserts, StripAspect.Effect, since)) Inserts.Follow(snapshot.Inserts, snap);
        for (int s = 0; s < _effectSlots; s++)
        {
            if (Newer(snapshot, keys.Fx(s), StripAspect.Effect, since))
            {
                Effects[s].Apply(in snapshot.Effects[s]);
                if (snap) Effects[s].Reset(); // first settings take effect at once: no glide from the kernels' defaults
            }
        }

        Matrices.Follow(snapshot, since, snap);
        if (snap)
        {
            ChannelBank.FinishRamps();
            BusBank.FinishRamps();
            MainBank.FinishRamps();
            MonoBank.FinishRamps();
            Returns.Bank.FinishRamps();
            _snapNext = false;
        }

        _followed = generation;
    }

    private void FollowChannel(ConsoleSnapshot snapshot, int c, int parts, bool snap)
    {
        ref readonly ChannelTargets t = ref snapshot.Channels[c];
        ReadOnlySpan<Dsp.Filters.BiquadCoefficients> sections = snapshot.ChannelSections.AsSpan(c * StripSection.Count, StripSection.Count);
        // Effect returns are strips of their own bank and send mixer (they run after the effects).
        bool isReturn = c >= _channels;
        StripBank bank = isReturn ? Returns.Bank : ChannelBank;
        int strip = isReturn ? c - _channels : c;
        if (Has(parts, StripAspect.Link)) bank.SetLinked(strip, t.Linked);
        if (!isReturn && Has(parts, StripAspect.Input))
        {
            Set(ref Channels[c].Trim, t.Trim, snap);
            Delays[c].SetDelayMs(t.DelayOn ? t.DelayMs : 0);
            if (t.DelayOn) DelayActive[c] = true;
            if (snap)
            {
                Delays[c].Reset();
                DelayActive[c] = t.DelayOn;
            }
        }

        if (Has(parts, StripAspect.Gate))
        {
            bank.SetGate(strip, in t.Gate);
            bank.SetSection(strip, StripSection.GateKey, sections[StripSection.GateKey], glide: false);
        }

        if (Has(parts, StripAspect.Compressor)) FollowCompressor(bank, strip, in t.Compressor, sections);
        if (Has(parts, StripAspect.Mix))
        {
            FollowMix(ref Channels[c].Mix, in t.Mix, snap);
            SoloAfterFader = snapshot.Main.SoloAfterFader;
        }

        if (Has(parts, StripAspect.Sends)) (isReturn ? Returns.Sends : Sends).Follow(strip, snapshot, snap, _rampSamples);

        if (Has(parts, StripAspect.HighPass))
        {
            bank.SetSection(strip, StripSection.HighPass0, sections[StripSection.HighPass0], !snap);
            bank.SetSection(strip, StripSection.HighPass1, sections[StripSection.HighPass1], !snap);
        }

        FollowEqBands(bank, strip, sections, parts, snap);
    }

    private void FollowMix(ref MixRamps r, in MixGains t, bool snap)
    {
        Set(ref r.Fader, t.Fader, snap);
        Set(ref r.PanLeft, t.PanLeft, snap);
        Set(ref r.PanRight, t.PanRight, snap);
        Set(ref r.Mono, t.Mono, snap);
        Set(ref r.SoloLeft, t.SoloLeft, snap);
        Set(ref r.SoloRight, t.SoloRight, snap);
    }

    private void FollowBus(ConsoleSnapshot snapshot, int b, int parts, bool snap)
    {
        ref readonly BusTargets t = ref snapshot.Buses[b];
        ReadOnlySpan<Dsp.Filters.BiquadCoefficients> sections = snapshot.BusSections.AsSpan(b * StripSection.Count, StripSection.Count);
        if (Has(parts, StripAspect.Compressor)) FollowCompressor(BusBank, b, in t.Compressor, sections);
        if (Has(parts, StripAspect.Mix)) FollowMix(ref Buses[b], in t.Mix, snap);
        FollowEqBands(BusBank, b, sections, parts, snap);
    }

    private void FollowMain(ConsoleSnapshot snapshot, int parts, bool snap)
    {
        ref readonly MainTargets t = ref snapshot.Main;
        ReadOnlySpan<Dsp.Filters.BiquadCoefficients> sections = snapshot.MainSections;
        if (Has(parts, StripAspect.Compressor))
        {
            FollowCompressor(MainBank, 0, in t.Compressor, sections);
            FollowCompressor(MainBank, 1, in t.Compressor, sections);
        }

        if (Has(parts, StripAspect.Mix))
        {
            Set(ref Main.Left, t.Left, snap);
            Set(ref Main.Right, t.Right, snap);
            Set(ref Main.Solo, t.SoloLevel, snap);
            Set(ref Main.MasterWet, t.MasterWet, snap);
        }

        FollowEqBands(MainBank, 0, sections, parts, snap);
        FollowEqBands(MainBank, 1, sections, parts, snap);
    }

    private void FollowMono(ConsoleSnapshot snapshot, int parts, bool snap)
    {
        ReadOnlySpan<Dsp.Filters.BiquadCoefficients> sections = snapshot.MonoSections;
        if (Has(parts, StripAspect.Compressor)) FollowCompressor(MonoBank, 0, in snapshot.Main.MonoCompressor, sections);
        if (Has(parts, StripAspect.Mix)) Set(ref Main.Mono, snapshot.Main.Mono, snap);
        FollowEqBands(MonoBank, 0, sections, parts, snap);
    }

    private static void FollowCompressor(StripBank bank, int strip, in CompressorSettings compressor, ReadOnlySpan<Dsp.Filters.BiquadCoefficients> sections)
    {
        bank.SetCompressor(strip, in compressor);
        bank.SetSection(strip, StripSection.CompressorKey, sections[StripSection.CompressorKey], glide: false);
        bank.SetSection(strip, StripSection.CompressorKeyPostEq, sections[StripSection.CompressorKeyPostEq], glide: false);
    }

    private static void FollowEqBands(StripBank bank, int strip, ReadOnlySpan<Dsp.Filters.BiquadCoefficients> sections, int parts, bool snap)
    {
        for (int band = 0; band < StripSection.EqBands; band++)
            if (Has(parts, StripAspect.EqBand(band)))
                bank.SetSection(strip, StripSection.Eq(band), sections[StripSection.Eq(band)], !snap);
    }

    internal static bool Newer(ConsoleSnapshot snapshot, int key, int aspect, long since) =>
        snapshot.PartGeneration[ConsoleSnapshot.Part(key, aspect)] > since;

    // The parts of key newer than since, a bit per aspect: one pass over the key's generations.
    private static int NewerParts(ConsoleSnapshot snapshot, int key, long since)
    {
        ReadOnlySpan<long> generations = snapshot.PartGeneration.AsSpan(key * StripAspect.Count, StripAspect.Count);
        int parts = 0;
        for (int a = 0; a < generations.Length; a++)
            if (generations[a] > since) parts |= 1 << a;
        return parts;
    }

    private static bool Has(int parts, int aspect) => (parts & (1 << aspect)) != 0;

    private void Set(ref LinearRamp ramp, float target, bool snap)
    {
        if (snap) ramp.Snap(target);
        else ramp.SetTarget(target, _rampSamples);
    }
}
