using MixConsole.Engine.Configuration;

namespace MixConsole.Control.Meters;

/// <summary>
/// The order of values in one meter snapshot, fixed by the console size: what an <see cref="IMeterSource"/>
/// fills and what the meter banks pick from. Levels are linear peak magnitudes (1.0 = 0 dBFS); gain
/// reductions are linear gain factors (1.0 = no reduction, 0.5 = 6 dB of reduction).
/// <code>
/// [channel pre-fader peak x C][channel post-fader peak x C][channel gate gain x C][channel compressor gain x C]
/// [bus post-fader peak x B][main left][main right][main mono]
/// </code>
/// A mastering box's layout (<see cref="HasMasterChain"/>) appends the live master chain's readings:
/// <code>
/// [input peak L][input peak R][output peak L][output peak R][limiter gain][band gain x 4][correlation]
/// </code>
/// where correlation runs from -1 (out of phase) through 0 (unrelated or silent) to +1 (mono).
/// Then the strips the X32 banks carry beyond channels and buses, post-fader peaks:
/// <code>
/// [matrix x M][aux input x A][effect return left, right x F]
/// </code>
/// Last, the screen section, which no X32 bank carries (the web console's strips read it): RMS levels integrated over
/// the last <see cref="RmsWindow.WindowMs"/> ms, linear, and the bus and main compressors' gains:
/// <code>
/// [channel post-fader RMS x C][bus RMS x B][main RMS left][main RMS right][bus compressor gain x B][main compressor gain]
/// [effect return RMS left, right x F]
/// </code>
/// </summary>
public sealed class OscMeterLayout
{
    /// <summary>Values in the master chain's section.</summary>
    public const int MasterChainValues = 10;

    /// <summary>Bands of the multiband compressor the master chain's section carries.</summary>
    public const int MasterBands = 4;

    /// <summary>
    /// Creates the layout for <paramref name="channels"/> inputs and <paramref name="buses"/> mix buses, with the master
    /// chain's section when <paramref name="masterChain"/> (the mastering box, where the chain is the whole signal path).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or above the console maximum.</exception>
    public OscMeterLayout(int channels, int buses, bool masterChain = false, int matrices = 0, int auxInputs = 0, int fxSlots = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fxSlots);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fxSlots, ConsoleConfig.MaxFxSlots);
        ArgumentOutOfRangeException.ThrowIfNegative(auxInputs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(auxInputs, ConsoleConfig.MaxAuxInputs);
        ArgumentOutOfRangeException.ThrowIfNegative(matrices);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(matrices, ConsoleConfig.MaxMatrices);
        ArgumentOutOfRangeException.ThrowIfNegative(channels);
        ArgumentOutOfRangeException.ThrowIfNegative(buses);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, ConsoleConfig.MaxChannels);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(buses, ConsoleConfig.MaxBuses);
        Channels = channels;
        Buses = buses;
        HasMasterChain = masterChain;
        Matrices = matrices;
        FirstMatrix = 4 * channels + buses + 3 + (masterChain ? MasterChainValues : 0);
        AuxInputs = auxInputs;
        FxSlots = fxSlots;
        FirstScreenValue = FirstMatrix + matrices + auxInputs + 2 * fxSlots;
        Count = FirstScreenValue + channels + 2 * buses + 3 + 2 * fxSlots;
    }

    /// <summary>The layout for a console of the given size.</summary>
    public static OscMeterLayout For(ConsoleConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new OscMeterLayout(config.Channels, config.Buses, matrices: config.Matrices, auxInputs: config.AuxInputs, fxSlots: config.FxSlots);
    }

    /// <summary>Input channels metered.</summary>
    public int Channels { get; }

    /// <summary>Mix buses metered.</summary>
    public int Buses { get; }

    /// <summary>Values in one snapshot.</summary>
    public int Count { get; }

    /// <summary>Index of channel <paramref name="channel"/>'s (0-based) peak before its fader.</summary>
    public int ChannelPreFader(int channel) => CheckChannel(channel);

    /// <summary>Index of channel <paramref name="channel"/>'s (0-based) peak after its fader and mute.</summary>
    public int ChannelPostFader(int channel) => Channels + CheckChannel(channel);

    /// <summary>Index of channel <paramref name="channel"/>'s (0-based) gate gain (1.0 = open).</summary>
    public int ChannelGateGain(int channel) => 2 * Channels + CheckChannel(channel);

    /// <summary>Index of channel <paramref name="channel"/>'s (0-based) compressor gain (1.0 = no reduction).</summary>
    public int ChannelCompressorGain(int channel) => 3 * Channels + CheckChannel(channel);

    /// <summary>Index of bus <paramref name="bus"/>'s (0-based) peak after its fader.</summary>
    public int BusPostFader(int bus) => 4 * Channels + CheckBus(bus);

    /// <summary>Matrix buses (their levels follow the master chain's section, so the positions before keep their places).</summary>
    public int Matrices { get; }

    /// <summary>Position of matrix <paramref name="matrix"/> (0-based) after its fader.</summary>
    public int MatrixPostFader(int matrix)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(matrix);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(matrix, Matrices);
        return FirstMatrix + matrix;
    }

    private int FirstMatrix { get; }

    /// <summary>Effect slots, each with a stereo return (their levels follow the aux inputs').</summary>
    public int FxSlots { get; }

    /// <summary>Position of effect return side <paramref name="side"/> (0-based: slot 1 left, slot 1 right, slot 2 left, ...).</summary>
    public int FxReturnPostFader(int side)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(side);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(side, 2 * FxSlots);
        return FirstMatrix + Matrices + AuxInputs + side;
    }

    /// <summary>Aux inputs (their levels follow the matrices').</summary>
    public int AuxInputs { get; }

    /// <summary>Position of aux input <paramref name="aux"/> (0-based) after its fader.</summary>
    public int AuxInputPostFader(int aux)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(aux);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(aux, AuxInputs);
        return FirstMatrix + Matrices + aux;
    }

    /// <summary>Index of the main stereo bus's left peak.</summary>
    public int MainLeft => 4 * Channels + Buses;

    /// <summary>Index of the main stereo bus's right peak.</summary>
    public int MainRight => MainLeft + 1;

    /// <summary>Index of the mono (centre) main bus's peak.</summary>
    public int MainMono => MainLeft + 2;

    /// <summary>True when the snapshot carries the master chain's section.</summary>
    public bool HasMasterChain { get; }

    /// <summary>Index of the master chain's input peak, channel 0 (left) or 1 (right).</summary>
    public int MasterInputPeak(int channel) => MasterChain(0, channel, 2);

    /// <summary>Index of the master chain's output peak, channel 0 (left) or 1 (right).</summary>
    public int MasterOutputPeak(int channel) => MasterChain(2, channel, 2);

    /// <summary>Index of the master limiter's gain (1.0 = no reduction).</summary>
    public int MasterLimiterGain => MasterChain(4, 0, 1);

    /// <summary>Index of multiband band <paramref name="band"/>'s (0-based, lowest first) gain (1.0 = no reduction).</summary>
    public int MasterBandGain(int band) => MasterChain(5, band, MasterBands);

    /// <summary>Index of the output's left/right correlation, -1 to +1.</summary>
    public int MasterCorrelation => MasterChain(9, 0, 1);

    /// <summary>Index of the screen section's first value: the values before it are the ones X32 banks pick from.</summary>
    public int FirstScreenValue { get; }

    /// <summary>Index of channel <paramref name="channel"/>'s (0-based) RMS after its fader.</summary>
    public int ChannelRms(int channel) => FirstScreenValue + CheckChannel(channel);

    /// <summary>Index of bus <paramref name="bus"/>'s (0-based) RMS after its fader.</summary>
    public int BusRms(int bus) => FirstScreenValue + Channels + CheckBus(bus);

    /// <summary>Index of the main stereo bus's left RMS; right follows.</summary>
    public int MainRmsLeft => FirstScreenValue + Channels + Buses;

    /// <summary>Index of the main stereo bus's right RMS.</summary>
    public int MainRmsRight => MainRmsLeft + 1;

    /// <summary>Index of bus <paramref name="bus"/>'s (0-based) compressor gain (1.0 = no reduction).</summary>
    public int BusCompressorGain(int bus) => MainRmsRight + 1 + CheckBus(bus);

    /// <summary>Index of the main stereo bus's compressor gain (1.0 = no reduction).</summary>
    public int MainCompressorGain => MainRmsRight + 1 + Buses;

    /// <summary>Index of effect return side <paramref name="side"/>'s (0-based, as <see cref="FxReturnPostFader"/>) RMS after its fader.</summary>
    public int FxReturnRms(int side)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(side);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(side, 2 * FxSlots);
        return MainCompressorGain + 1 + side;
    }

    /// <summary>Writes 1.0 (no reduction) to every gain of the console's strips in <paramref name="linear"/>.</summary>
    public void WriteNoReduction(Span<float> linear)
    {
        for (int c = 0; c < Channels; c++)
        {
            linear[ChannelGateGain(c)] = 1f;
            linear[ChannelCompressorGain(c)] = 1f;
        }

        for (int b = 0; b < Buses; b++) linear[BusCompressorGain(b)] = 1f;
        linear[MainCompressorGain] = 1f;
    }

    /// <summary>A gain reduction in dB (positive) as the linear gain the snapshot carries: 6 dB reads 0.5, none 1.0.</summary>
    public static float GainOfReduction(float reductionDb) => reductionDb > 0f ? MathF.Pow(10f, -reductionDb / 20f) : 1f;

    private int MasterChain(int offset, int item, int items)
    {
        if (!HasMasterChain) throw new InvalidOperationException("this layout has no master chain section");
        ArgumentOutOfRangeException.ThrowIfNegative(item);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(item, items);
        return MainMono + 1 + offset + item;
    }

    private int CheckBus(int bus)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bus);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bus, Buses);
        return bus;
    }

    private int CheckChannel(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, Channels);
        return channel;
    }
}
