using System.Globalization;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// Path prefixes of the console's strips and groups, numbered as on the X32: two digits for
/// channels, buses and effect returns (/ch/01, /bus/16, /fxrtn/01), one for DCAs, effect slots and
/// mute groups (/dca/1, /fx/1, /config/mute/1). Numbers start at 1.
/// </summary>
public static class ParameterPaths
{
    /// <summary>Main stereo bus prefix.</summary>
    public const string MainStereo = "/main/st";

    /// <summary>Mono (centre) bus prefix.</summary>
    public const string MainMono = "/main/m";

    /// <summary>Master (mastering) chain prefix.</summary>
    public const string Master = "/master";

    /// <summary>Input channel prefix, e.g. Channel(1) = "/ch/01".</summary>
    public static string Channel(int channel) => "/ch/" + TwoDigits(channel);

    /// <summary>Mix bus prefix, e.g. Bus(3) = "/bus/03".</summary>
    public static string Bus(int bus) => "/bus/" + TwoDigits(bus);

    /// <summary>A channel's send to a mix bus, e.g. Send(1, 3) = "/ch/01/mix/03" (then /on, /level; /pan, /type, /panFollow on odd buses).</summary>
    public static string Send(int channel, int bus) => Channel(channel) + "/mix/" + TwoDigits(bus);

    /// <summary>A channel's send to an effect slot, e.g. FxSend(1, 2) = "/ch/01/mix/fx/2" (then /level, /tap).</summary>
    public static string FxSend(int channel, int slot) => Channel(channel) + "/mix/fx/" + OneDigit(slot);

    /// <summary>The stereo link of an odd channel and the next, e.g. ChannelLink(1) = "/config/chlink/1-2".</summary>
    public static string ChannelLink(int oddChannel) =>
        oddChannel % 2 == 1 ? string.Create(CultureInfo.InvariantCulture, $"/config/chlink/{oddChannel}-{oddChannel + 1}") : throw new ArgumentOutOfRangeException(nameof(oddChannel), "links start on odd channels");

    /// <summary>DCA group prefix, e.g. Dca(1) = "/dca/1".</summary>
    public static string Dca(int dca) => "/dca/" + OneDigit(dca);

    /// <summary>Mute group switch, e.g. MuteGroup(1) = "/config/mute/1".</summary>
    public static string MuteGroup(int group) => "/config/mute/" + OneDigit(group);

    /// <summary>Effect slot prefix, e.g. Fx(1) = "/fx/1".</summary>
    public static string Fx(int slot) => "/fx/" + OneDigit(slot);

    /// <summary>Effect return prefix, e.g. FxReturn(1) = "/fxrtn/01".</summary>
    public static string FxReturn(int slot) => "/fxrtn/" + TwoDigits(slot);

    /// <summary>
    /// The path a parameter has now for a path it had before the table took the X32's shape
    /// (<c>/ch/01/config/link</c> is <c>/config/chlink/1-2</c>, <c>/config/solo/mode</c> is
    /// <c>/config/solo/chmode</c>), so older scenes still load; false when <paramref name="former"/> is not one. <see cref="FormerParameters"/> also converts the value.
    /// </summary>
    public static bool TryGetCurrent(string former, out string current)
    {
        ArgumentNullException.ThrowIfNull(former);
        current = "";
        if (former == "/config/solo/mode")
        {
            current = "/config/solo/chmode";
        }
        else if (former.Length == 18 && former.StartsWith("/ch/", StringComparison.Ordinal) && former.EndsWith("/config/link", StringComparison.Ordinal) &&
                 int.TryParse(former.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int channel) && channel % 2 == 1)
        {
            current = ChannelLink(channel);
        }

        return current.Length > 0;
    }

    /// <summary>
    /// The solo switch a strip's solo moved to when solo took the X32's shape (<c>/ch/01/solo</c> is <c>/-stat/solosw/01</c>,
    /// <c>/bus/01/solo</c> is <c>/-stat/solosw/49</c>; aux inputs and effect returns likewise), numbered by <see cref="StripSelection"/>
    /// for a console of <paramref name="config"/>; false when <paramref name="former"/> is not one or names a strip it lacks.
    /// </summary>
    public static bool TryGetSoloSwitch(string former, Configuration.ConsoleConfig config, out string current)
    {
        ArgumentNullException.ThrowIfNull(config);
        current = "";
        if (!IsFormerSolo(former, out string family, out int number)) return false;
        int index = family switch
        {
            "ch" when number <= config.Channels => StripSelection.Channel(config, number),
            "auxin" when number <= config.AuxInputs => StripSelection.AuxInput(config, number),
            "fxrtn" when number <= config.FxReturns => StripSelection.FxReturn(config, number),
            "bus" when number <= config.Buses => StripSelection.Bus(config, number),
            _ => -1,
        };
        if (index >= 0) current = StripSelection.SoloSwitchPath(StripSelection.SoloSwitch(index));
        return index >= 0;
    }

    /// <summary>"/ch/01/solo", "/auxin/01/solo", "/fxrtn/01/solo", "/bus/01/solo": a strip's solo before the X32's solo switches.</summary>
    internal static bool IsFormerSolo(string path, out string family, out int number)
    {
        ArgumentNullException.ThrowIfNull(path);
        family = "";
        number = 0;
        int digits = path.Length - 7;
        if (digits < 2 || path[0] != '/' || path[digits - 1] != '/' || !path.EndsWith("/solo", StringComparison.Ordinal)
            || !int.TryParse(path.AsSpan(digits, 2), NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1)
        {
            return false;
        }

        family = path[1..(digits - 1)];
        return family is "ch" or "auxin" or "fxrtn" or "bus";
    }

    /// <summary>"/ch/01/mix/03/tap": the per-bus send tap before sends took the X32's shape (<paramref name="bus"/> 3).</summary>
    internal static bool IsFormerSendTap(string path, out int bus)
    {
        bus = 0;
        return path.Length == 17 && path.StartsWith("/ch/", StringComparison.Ordinal) && path.AsSpan(6, 5).SequenceEqual("/mix/") &&
               path.EndsWith("/tap", StringComparison.Ordinal) && int.TryParse(path.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out _) &&
               int.TryParse(path.AsSpan(11, 2), NumberStyles.None, CultureInfo.InvariantCulture, out bus) && bus >= 1;
    }

    private static string TwoDigits(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return number.ToString("00", CultureInfo.InvariantCulture);
    }

    private static string OneDigit(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return number.ToString(CultureInfo.InvariantCulture);
    }
}
