using MixConsole.Dsp.Filters;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Mixer.Strips;

namespace MixConsole.Engine.Compiler;

/// <summary>
/// Everything the audio thread follows, compiled: typed targets per strip, filter coefficients, send gains and
/// taps, effect settings. Immutable once published (the producer only writes the exchange's back slot); three
/// are made up front and recycled through <see cref="Dsp.Core.SnapshotExchange{T}"/>, so publishing allocates
/// nothing. Every snapshot holds the whole console as of compile <see cref="Generation"/>; each part (strip key
/// by <see cref="StripAspect"/>) records the compile that last changed it, so a reader that followed generation
/// G re-applies exactly the parts newer than G, and a writer refreshing a recycled slot copies only those.
/// </summary>
internal sealed class ConsoleSnapshot
{
    public ConsoleSnapshot(ConsoleConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Keys = new KeyLayout(config);
        int channels = config.MixStrips, buses = config.Buses, fx = config.FxSlots;
        PartGeneration = new long[Keys.Count * StripAspect.Count];
        KeyGeneration = new long[Keys.Count];
        Channels = new ChannelTargets[channels];
        ChannelSections = new BiquadCoefficients[channels * StripSection.Count];
        SendLevels = new float[channels * buses];
        SendTaps = new int[channels * buses];
        FxSendLeft = new float[channels * fx];
        FxSendRight = new float[channels * fx];
        FxTaps = new int[channels * fx];
        Buses = new BusTargets[buses];
        BusSections = new BiquadCoefficients[buses * StripSection.Count];
        MainSections = new BiquadCoefficients[StripSection.Count];
        MonoSections = new BiquadCoefficients[StripSection.Count];
        Effects = new EffectSettings[Keys.EffectSlots];
        Inserts = new InsertTargets[Keys.EffectSlots];
        Array.Fill(Inserts, InsertTargets.Unused);
        Matrices = new MatrixTargets[config.Matrices];
        MatrixSections = new BiquadCoefficients[config.Matrices * StripSection.Count];
        MatrixSends = new float[config.Matrices * MatrixSources(config)];
        MatrixPostFader = new bool[config.Matrices * MatrixSources(config)];
        Array.Fill(MatrixSections, BiquadCoefficients.Identity);
        Array.Fill(ChannelSections, BiquadCoefficients.Identity);
        Array.Fill(BusSections, BiquadCoefficients.Identity);
        Array.Fill(MainSections, BiquadCoefficients.Identity);
        Array.Fill(MonoSections, BiquadCoefficients.Identity);
    }

    /// <summary>How strip keys are numbered.</summary>
    public KeyLayout Keys { get; }

    /// <summary>The compile this snapshot reflects in full; 0 before the first compile.</summary>
    public long Generation;

    /// <summary>The parameter store version compiled (at least).</summary>
    public long StoreVersion;

    /// <summary>Sample rate the coefficients and time constants were designed at.</summary>
    public double SampleRateHz;

    /// <summary>Compile that last changed each part, at [key * <see cref="StripAspect.Count"/> + aspect].</summary>
    public readonly long[] PartGeneration;

    /// <summary>Newest part generation of each key: a key not newer than what a reader followed is skipped whole.</summary>
    public readonly long[] KeyGeneration;

    /// <summary>Per strip on the channel path: channels, aux inputs, effect returns.</summary>
    public readonly ChannelTargets[] Channels;

    /// <summary>Biquad sections of each channel, at [channel * <see cref="StripSection.Count"/> + section].</summary>
    public readonly BiquadCoefficients[] ChannelSections;

    /// <summary>Channel-to-bus send gains, at [channel * buses + bus].</summary>
    public readonly float[] SendLevels;

    /// <summary>Channel-to-bus send taps (pre-EQ, pre-fader, post-fader), like <see cref="SendLevels"/>.</summary>
    public readonly int[] SendTaps;

    /// <summary>Channel-to-effect send gains into the effect's left input, at [channel * slots + slot] (a linked pair keeps its sides apart).</summary>
    public readonly float[] FxSendLeft;

    /// <summary>Channel-to-effect send gains into the effect's right input.</summary>
    public readonly float[] FxSendRight;

    /// <summary>Channel-to-effect send taps.</summary>
    public readonly int[] FxTaps;

    /// <summary>Per mix bus.</summary>
    public readonly BusTargets[] Buses;

    /// <summary>Biquad sections of each bus, at [bus * <see cref="StripSection.Count"/> + section].</summary>
    public readonly BiquadCoefficients[] BusSections;

    /// <summary>Main, mono, solo and the master chain's wet share.</summary>
    public MainTargets Main;

    /// <summary>Biquad sections of main (the same for both sides).</summary>
    public readonly BiquadCoefficients[] MainSections;

    /// <summary>Biquad sections of the mono bus.</summary>
    public readonly BiquadCoefficients[] MonoSections;

    /// <summary>Per effect slot (every X32 slot: those past the console's send slots run as inserts only).</summary>
    public readonly EffectSettings[] Effects;

    /// <summary>What each effect slot serves as an insert (the insert routing key).</summary>
    public readonly InsertTargets[] Inserts;

    /// <summary>Per matrix bus.</summary>
    public readonly MatrixTargets[] Matrices;

    /// <summary>Biquad sections of each matrix, at [matrix * <see cref="StripSection.Count"/> + section].</summary>
    public readonly BiquadCoefficients[] MatrixSections;

    /// <summary>Gains into each matrix, at [matrix * <see cref="MatrixSources"/> + source]: buses, main left, main right, mono.</summary>
    public readonly float[] MatrixSends;

    /// <summary>Whether each matrix input taps its source after the source's fader (else before it), like <see cref="MatrixSends"/>.</summary>
    public readonly bool[] MatrixPostFader;

    /// <summary>Sources a matrix mixes: every bus, then main left, main right and mono.</summary>
    public static int MatrixSources(ConsoleConfig config) => config.Buses + 3;

    /// <summary>Index of part (<paramref name="key"/>, <paramref name="aspect"/>) in <see cref="PartGeneration"/>.</summary>
    public static int Part(int key, int aspect) => key * StripAspect.Count + aspect;

    /// <summary>
    /// Producer: brings this recycled snapshot up to <paramref name="source"/> by copying only the parts that
    /// changed after this snapshot's own generation (a channel's EQ band alone when only that band moved: every
    /// line copied is a line the audio block may find evicted). Allocates nothing.
    /// </summary>
    public void CopyChangedFrom(ConsoleSnapshot source)
    {
        long since = Generation;
        var keys = Keys;
        for (int c = 0; c < keys.Channels; c++)
        {
            if (source.KeyGeneration[c] <= since) continue;
            CopyChannelParts(source, c, CopyKey(source, c, since));
        }

        for (int b = 0; b < keys.Buses; b++)
        {
            int key = keys.Bus(b);
            if (source.KeyGeneration[key] <= since) continue;
            int parts = CopyKey(source, key, since);
            ref BusTargets to = ref Buses[b];
            ref readonly BusTargets from = ref source.Buses[b];
            if (Has(parts, StripAspect.Compressor)) to.Compressor = from.Compressor;
            if (Has(parts, StripAspect.Mix)) to.Mix = from.Mix;
            CopySections(source.BusSections, BusSections, b, parts);
        }

        if (source.KeyGeneration[keys.Main] > since || source.KeyGeneration[keys.Mono] > since)
        {
            CopyKey(source, keys.Main, since);
            CopyKey(source, keys.Mono, since);
            Main = source.Main;
            source.MainSections.CopyTo(MainSections, 0);
            source.MonoSections.CopyTo(MonoSections, 0);
        }

        for (int s = 0; s < keys.EffectSlots; s++)
        {
            if (source.KeyGeneration[keys.Fx(s)] > since)
            {
                CopyKey(source, keys.Fx(s), since);
                Effects[s] = source.Effects[s];
            }
        }

        if (source.KeyGeneration[keys.Inserts] > since)
        {
            CopyKey(source, keys.Inserts, since);
            source.Inserts.CopyTo(Inserts, 0);
        }

        int inputs = source.MatrixSends.Length / Math.Max(1, keys.Matrices);
        for (int m = 0; m < keys.Matrices; m++)
        {
            int key = keys.Matrix(m);
            if (source.KeyGeneration[key] <= since) continue;
            CopyKey(source, key, since);
            Matrices[m] = source.Matrices[m];
            source.MatrixSections.AsSpan(m * StripSection.Count, StripSection.Count).CopyTo(MatrixSections.AsSpan(m * StripSection.Count));
            source.MatrixSends.AsSpan(m * inputs, inputs).CopyTo(MatrixSends.AsSpan(m * inputs));
            source.MatrixPostFader.AsSpan(m * inputs, inputs).CopyTo(MatrixPostFader.AsSpan(m * inputs));
        }

        Generation = source.Generation;
        StoreVersion = source.StoreVersion;
        SampleRateHz = source.SampleRateHz;
    }

    // The key's part generations, and a mask of the parts newer than since (what else to copy).
    private int CopyKey(ConsoleSnapshot source, int key, long since)
    {
        KeyGeneration[key] = source.KeyGeneration[key];
        ReadOnlySpan<long> from = source.PartGeneration.AsSpan(key * StripAspect.Count, StripAspect.Count);
        Span<long> to = PartGeneration.AsSpan(key * StripAspect.Count, StripAspect.Count);
        int parts = 0;
        for (int a = 0; a < from.Length; a++)
        {
            if (from[a] <= since) continue;
            to[a] = from[a];
            parts |= 1 << a;
        }

        return parts;
    }

    // Each part of a channel strip and what the compiler writes for it (an effect part has nothing of the strip's).
    private void CopyChannelParts(ConsoleSnapshot source, int c, int parts)
    {
        ref ChannelTargets to = ref Channels[c];
        ref readonly ChannelTargets from = ref source.Channels[c];
        if (Has(parts, StripAspect.Input))
        {
            to.Trim = from.Trim;
            to.DelayOn = from.DelayOn;
            to.DelayMs = from.DelayMs;
        }

        if (Has(parts, StripAspect.Gate)) to.Gate = from.Gate;
        if (Has(parts, StripAspect.Compressor)) to.Compressor = from.Compressor;
        if (Has(parts, StripAspect.Mix)) to.Mix = from.Mix;
        if (Has(parts, StripAspect.Link)) to.Linked = from.Linked;
        CopySections(source.ChannelSections, ChannelSections, c, parts);
        if (!Has(parts, StripAspect.Sends)) return;
        int buses = Keys.Buses, fx = Keys.FxSlots;
        source.SendLevels.AsSpan(c * buses, buses).CopyTo(SendLevels.AsSpan(c * buses));
        source.SendTaps.AsSpan(c * buses, buses).CopyTo(SendTaps.AsSpan(c * buses));
        source.FxSendLeft.AsSpan(c * fx, fx).CopyTo(FxSendLeft.AsSpan(c * fx));
        source.FxSendRight.AsSpan(c * fx, fx).CopyTo(FxSendRight.AsSpan(c * fx));
        source.FxTaps.AsSpan(c * fx, fx).CopyTo(FxTaps.AsSpan(c * fx));
    }

    // The biquad sections of strip row `row` that belong to the parts in the mask.
    private static void CopySections(BiquadCoefficients[] source, BiquadCoefficients[] destination, int row, int parts)
    {
        int at = row * StripSection.Count;
        if (Has(parts, StripAspect.HighPass))
        {
            destination[at + StripSection.HighPass0] = source[at + StripSection.HighPass0];
            destination[at + StripSection.HighPass1] = source[at + StripSection.HighPass1];
        }

        if (Has(parts, StripAspect.Gate)) destination[at + StripSection.GateKey] = source[at + StripSection.GateKey];
        if (Has(parts, StripAspect.Compressor))
        {
            destination[at + StripSection.CompressorKey] = source[at + StripSection.CompressorKey];
            destination[at + StripSection.CompressorKeyPostEq] = source[at + StripSection.CompressorKeyPostEq];
        }

        for (int band = 0; band < StripSection.EqBands; band++)
            if (Has(parts, StripAspect.EqBand(band))) destination[at + StripSection.Eq(band)] = source[at + StripSection.Eq(band)];
    }

    private static bool Has(int parts, int aspect) => (parts & (1 << aspect)) != 0;
}
