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
/// </summary>
public sealed class OscMeterLayout
{
    /// <summary>Creates the layout for <paramref name="channels"/> inputs and <paramref name="buses"/> mix buses.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or above the console maximum.</exception>
    public OscMeterLayout(int channels, int buses)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channels);
        ArgumentOutOfRangeException.ThrowIfNegative(buses);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, ConsoleConfig.MaxChannels);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(buses, ConsoleConfig.MaxBuses);
        Channels = channels;
        Buses = buses;
        Count = 4 * channels + buses + 3;
    }

    /// <summary>The layout for a console of the given size.</summary>
    public static OscMeterLayout For(ConsoleConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new OscMeterLayout(config.Channels, config.Buses);
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
    public int BusPostFader(int bus)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bus);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bus, Buses);
        return 4 * Channels + bus;
    }

    /// <summary>Index of the main stereo bus's left peak.</summary>
    public int MainLeft => 4 * Channels + Buses;

    /// <summary>Index of the main stereo bus's right peak.</summary>
    public int MainRight => MainLeft + 1;

    /// <summary>Index of the mono (centre) main bus's peak.</summary>
    public int MainMono => MainLeft + 2;

    private int CheckChannel(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, Channels);
        return channel;
    }
}
