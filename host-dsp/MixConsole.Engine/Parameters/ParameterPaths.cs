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
