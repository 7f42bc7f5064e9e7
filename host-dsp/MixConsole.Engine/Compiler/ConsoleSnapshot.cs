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
    /// Producer: brings this recycled snapshot up to <paramref name="source"/> by copying only the keys that
    /// changed after this snapshot's own generation. Allocates nothing.
    /// </summary>
    public void CopyChangedFrom(ConsoleSnapshot source)
    {
        long since = Generation;
        var keys = Keys;
        int buses = keys.Buses, fx = keys.FxSlots, sections = StripSection.Count;
        for (int c = 0; c < keys.Channels; c++)
        {
            if (source.KeyGeneration[c] <= since) continue;
            CopyKey(source, c);
            Channels[c] = source.Channels[c];
            source.ChannelSections.AsSpan(c * sections, sections).CopyTo(ChannelSections.AsSpan(c * sections));
            source.SendLevels.AsSpan(c * buses, buses).CopyTo(SendLevels.AsSpan(c * buses));
            source.SendTaps.AsSpan(c * buses, buses).CopyTo(SendTaps.AsSpan(c * buses));
            source.FxSendLeft.AsSpan(c * fx, fx).CopyTo(FxSendLeft.AsSpan(c * fx));
            source.FxSendRight.AsSpan(c * fx, fx).CopyTo(FxSendRight.AsSpan(c * fx));
            source.FxTaps.AsSpan(c * fx, fx).CopyTo(FxTaps.AsSpan(c * fx));
        }

        for (int b = 0; b < buses; b++)
        {
            int key = keys.Bus(b);
            if (source.KeyGeneration[key] <= since) continue;
            CopyKey(source, key);
            Buses[b] = source.Buses[b];
            source.BusSections.AsSpan(b * sections, sections).CopyTo(BusSections.AsSpan(b * sections));
        }

        if (source.KeyGeneration[keys.Main] > since || source.KeyGeneration[keys.Mono] > since)
        {
            CopyKey(source, keys.Main);
            CopyKey(source, keys.Mono);
            Main = source.Main;
            source.MainSections.CopyTo(MainSections, 0);
            source.MonoSections.CopyTo(MonoSections, 0);
        }

        for (int s = 0; s < keys.EffectSlots; s++)
        {
            if (source.KeyGeneration[keys.Fx(s)] > since)
            {
                CopyKey(source, keys.Fx(s));
                Effects[s] = source.Effects[s];
            }
        }

        if (source.KeyGeneration[keys.Inserts] > since)
        {
            CopyKey(source, keys.Inserts);
            source.Inserts.CopyTo(Inserts, 0);
        }

        int inputs = source.MatrixSends.Length / Math.Max(1, keys.Matrices);
        for (int m = 0; m < keys.Matrices; m++)
        {
            int key = keys.Matrix(m);
            if (source.KeyGeneration[key] <= since) continue;
            CopyKey(source, key);
            Matrices[m] = source.Matrices[m];
            source.MatrixSections.AsSpan(m * sections, sections).CopyTo(MatrixSections.AsSpan(m * sections));
            source.MatrixSends.AsSpan(m * inputs, inputs).CopyTo(MatrixSends.AsSpan(m * inputs));
            source.MatrixPostFader.AsSpan(m * inputs, inputs).CopyTo(MatrixPostFader.AsSpan(m * inputs));
        }

        Generation = source.Generation;
        StoreVersion = source.StoreVersion;
        SampleRateHz = source.SampleRateHz;
    }

    private void CopyKey(ConsoleSnapshot source, int key)
    {
        KeyGeneration[key] = source.KeyGeneration[key];
        source.PartGeneration.AsSpan(key * StripAspect.Count, StripAspect.Count).CopyTo(PartGeneration.AsSpan(key * StripAspect.Count));
    }
}
