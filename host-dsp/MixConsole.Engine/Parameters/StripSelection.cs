using System.Globalization;
using MixConsole.Engine.Configuration;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// The X32's strip numbering, owned here once: the strip selection <c>/-stat/selidx</c> (one int naming the strip
/// every controller shows as selected) and the solo switches <c>/-stat/solosw/NN</c>. Selection indices: channels
/// 1..32 are 0..31, aux inputs 32..39, effect returns 1..8 are 40..47, buses 1..16 are 48..63, matrices 64..69,
/// main stereo 70, mono 71. Solo switches are the same strips one higher (01-32 channels, 33-40 aux inputs, 41-48
/// effect returns, 49-64 buses, 65-70 matrices, 71 main, 72 mono), then DCAs 73-80.
/// Strips past the X32's size follow in both, in one order: channels 33.., buses 17.., effect returns 9.. (selection
/// from 72, solo switches from 81), then, for solo only, DCAs 9... Indices of strips a smaller console lacks are
/// accepted and relayed (an X32 app may send them) but act on nothing here.
/// </summary>
public static class StripSelection
{
    /// <summary>The parameter's path.</summary>
    public const string Path = "/-stat/selidx";

    /// <summary>Index of channel 1.</summary>
    public const int FirstChannel = 0;

    /// <summary>Index of aux input 1 (/auxin/01).</summary>
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

    /// <summary>Where the solo switches live: <c>/-stat/solosw/01</c> is channel 1's.</summary>
    public const string SoloSwitchPrefix = "/-stat/solosw/";

    /// <summary>The X32's solo switches: 01..80.</summary>
    public const int X32SoloSwitches = 80;

    /// <summary>Solo switch of DCA 1.</summary>
    public const int FirstDcaSoloSwitch = 73;

    private const int X32Channels = 32;
    private const int X32Buses = 16;
    private const int X32FxReturns = 8;
    private const int X32Dcas = 8;

    /// <summary>How many indices a console of <paramref name="config"/> accepts: 72, plus one per channel past 32, bus past 16 and effect return past 8.</summary>
    public static int Count(ConsoleConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return FirstBeyondX32 + Beyond(config);
    }

    /// <summary>How many solo switches a console of <paramref name="config"/> has: 80, plus one per strip past the X32's and per DCA past 8.</summary>
    public static int SoloSwitchCount(ConsoleConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return X32SoloSwitches + Beyond(config) + Math.Max(0, config.Dcas - X32Dcas);
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
    /// <exception cref="ArgumentOutOfRangeException">The console has no such return.</exception>
    public static int FxReturn(ConsoleConfig config, int ret)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(ret, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ret, config.FxReturns);
        return ret <= X32FxReturns ? FirstFxReturn + ret - 1 : FirstBeyondX32 + ExtraChannels(config) + ExtraBuses(config) + ret - X32FxReturns - 1;
    }

    /// <summary>Index of aux input <paramref name="aux"/> (1-based).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The console has no such aux input.</exception>
    public static int AuxInput(ConsoleConfig config, int aux)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(aux, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(aux, config.AuxInputs);
        return FirstAuxInput + aux - 1;
    }

    /// <summary>Solo switch number (from 1) of the strip whose selection index is <paramref name="index"/>.</summary>
    public static int SoloSwitch(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return index < FirstBeyondX32 ? index + 1 : X32SoloSwitches + index - FirstBeyondX32 + 1;
    }

    /// <summary>Solo switch number of DCA <paramref name="dca"/> (1-based): 73..80, then after every strip past the X32's.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The console has no such DCA.</exception>
    public static int DcaSoloSwitch(ConsoleConfig config, int dca)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(dca, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dca, config.Dcas);
        return dca <= X32Dcas ? FirstDcaSoloSwitch + dca - 1 : X32SoloSwitches + Beyond(config) + dca - X32Dcas;
    }

    /// <summary>The path of solo switch <paramref name="number"/>: <c>/-stat/solosw/01</c> (two digits at least, as the X32).</summary>
    public static string SoloSwitchPath(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return SoloSwitchPrefix + number.ToString("00", CultureInfo.InvariantCulture);
    }

    private static int Beyond(ConsoleConfig config) => ExtraChannels(config) + ExtraBuses(config) + Math.Max(0, config.FxReturns - X32FxReturns);

    private static int ExtraChannels(ConsoleConfig config) => Math.Max(0, config.Channels - X32Channels);

    private static int ExtraBuses(ConsoleConfig config) => Math.Max(0, config.Buses - X32Buses);
}
