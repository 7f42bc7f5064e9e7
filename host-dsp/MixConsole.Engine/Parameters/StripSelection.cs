using MixConsole.Engine.Configuration;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// The X32 strip selection <c>/-stat/selidx</c>: one int naming the strip every controller shows as selected.
/// Numbered as on the X32 so X32 apps and the surface agree with the host: channels 1..32 are 0..31, aux inputs
/// 32..39, effect returns 1..8 are 40..47, buses 1..16 are 48..63, matrices 64..69, main stereo 70, mono 71.
/// Strips past the X32's size follow at 72: channels 33.. first, then buses 17...
/// The host has no aux inputs: those indices, and those of strips a smaller console lacks, are
/// accepted and relayed (an X32 app may send them) but select nothing here. No audio depends on the selection.
/// </summary>
public static class StripSelection
{
    /// <summary>The parameter's path.</summary>
    public const string Path = "/-stat/selidx";

    /// <summary>Index of channel 1.</summary>
    public const int FirstChannel = 0;

    /// <summary>Index of aux input 1 (the host has none).</summary>
    public const int FirstAuxInput = 32;

    /// <summary>Index of effect return 1 (/fxrtn/01).</summary>
    public const int FirstFxReturn = 40;

    /// <summary>Index of bus 1.</summary>
    public const int FirstBus = 48;

    /// <summary>Index of matrix 1.</summary>
    public const int FirstMatrix = 64;

    /// <summary>Index of the main stereo bus (/main/st).</summary>
    public const int MainStereo = 70;

    /// <summary>Index of the mono bus (/main/m).</summary>
    public const int MainMono = 71;

    /// <summary>First index past the X32's layout: channel 33 when the console has it, else bus 17.</summary>
    public const int FirstBeyondX32 = 72;

    private const int X32Channels = 32;
    private const int X32Buses = 16;
    private const int X32FxReturns = 8;

    /// <summary>How many indices a console of <paramref name="config"/> accepts: 72, plus one per channel past 32 and per bus past 16.</summary>
    public static int Count(ConsoleConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return FirstBeyondX32 + ExtraChannels(config) + Math.Max(0, config.Buses - X32Buses);
    }

    /// <summary>Index of input channel <paramref name="channel"/> (1-based).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The console has no such channel.</exception>
    public static int Channel(ConsoleConfig config, int channel)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(channel, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channel, config.Channels);
        return channel <= X32Channels ? FirstChannel + channel - 1 : FirstBeyondX32 + channel - X32Channels - 1;
    }

    /// <summary>Index of mix bus <paramref name="bus"/> (1-based).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The console has no such bus.</exception>
    public static int Bus(ConsoleConfig config, int bus)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(bus, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bus, config.Buses);
        return bus <= X32Buses ? FirstBus + bus - 1 : FirstBeyondX32 + ExtraChannels(config) + bus - X32Buses - 1;
    }

    /// <summary>Index of effect return strip <paramref name="ret"/> (1-based, /fxrtn/NN: 1 and 2 are slot 1's left and right).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The console has no such return, or it lies past the X32's eight (slots 5-8 here).</exception>
    public static int FxReturn(ConsoleConfig config, int ret)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(ret, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ret, Math.Min(config.FxReturns, X32FxReturns));
        return FirstFxReturn + ret - 1;
    }

    private static int ExtraChannels(ConsoleConfig config) => Math.Max(0, config.Channels - X32Channels);
}
