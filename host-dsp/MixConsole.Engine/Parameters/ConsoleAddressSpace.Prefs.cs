namespace MixConsole.Engine.Parameters;

/// <summary>
/// The X32's console preferences X32 apps read at connect (<c>/-prefs</c>, fw 4.06): the surface's look and
/// confirmations, clock, mute options and the remote-control (DAW) protocol. They belong to the desk, not to a
/// mix: console state, never saved in or recalled from scenes. None acts here (this console has no lit surface,
/// word clock choice or DAW remote layer), so each is kept. The console's name stays <c>/config/name</c>.
/// </summary>
public static partial class ConsoleAddressSpace
{
    private const string SurfaceKept = Kept + "X32 desk preferences (screen, lamps, confirmations) with no desk here";
    private const string ClockKept = Kept + "the audio clock here is the sound card's";
    private const string RemoteKept = Kept + "no DAW remote (Mackie Control/HUI) layer here";

    private static readonly ParameterSpec PrefsStyle = ParameterSpec.Text(16, "", SurfaceKept).AsConsoleState();
    private static readonly ParameterSpec PrefsBrightness = ParameterSpec.Linear(10, 100, 1, "%", 50, SurfaceKept).InNodeAs(0).AsConsoleState();
    private static readonly ParameterSpec PrefsContrast = ParameterSpec.Linear(0, 100, 1, "%", 50, SurfaceKept).InNodeAs(0).AsConsoleState();
    private static readonly ParameterSpec PrefsSwitch = ParameterSpec.Bool(false, SurfaceKept).AsConsoleState();
    private static readonly ParameterSpec PrefsClockRate = ParameterSpec.Enum(["48k", "44k1"], 0, ClockKept).AsConsoleState();
    private static readonly ParameterSpec PrefsClockSource = ParameterSpec.Enum(["INT", "AES50A", "AES50B", "CARD"], 0, ClockKept).AsConsoleState();
    private static readonly ParameterSpec PrefsHeadampFlags = ParameterSpec.Bitmap(4, SurfaceKept).AsConsoleState();
    private static readonly ParameterSpec PrefsShowControl = ParameterSpec.Enum(["CUES", "SCENES", "SNIPPETS"], 1, SurfaceKept).AsConsoleState();
    private static readonly ParameterSpec PrefsClockMode = ParameterSpec.Enum(["24h", "12h"], 0, SurfaceKept).AsConsoleState();
    private static readonly ParameterSpec PrefsInvertMutes = ParameterSpec.Enum(["NORM", "INV"], 0, SurfaceKept).AsConsoleState();
    private static readonly ParameterSpec RemoteEnable = ParameterSpec.Bool(false, RemoteKept).AsConsoleState();
    private static readonly ParameterSpec RemoteProtocol = ParameterSpec.Enum(["MC", "HUI", "CC"], 0, RemoteKept).AsConsoleState();
    private static readonly ParameterSpec RemotePort = ParameterSpec.Enum(["MIDI", "CARD", "RTP"], 0, RemoteKept).AsConsoleState();
    private static readonly ParameterSpec RemoteIoEnable = ParameterSpec.Bitmap(12, RemoteKept).AsConsoleState();

    private static void AddPrefs(ParameterTableBuilder builder)
    {
        builder.Add("/-prefs/style", PrefsStyle);
        builder.Add("/-prefs/bright", PrefsBrightness);
        builder.Add("/-prefs/lcdcont", PrefsContrast);
        builder.Add("/-prefs/ledbright", PrefsBrightness);
        builder.Add("/-prefs/lamp", PrefsBrightness);
        builder.Add("/-prefs/lampon", PrefsSwitch);
        builder.Add("/-prefs/clockrate", PrefsClockRate);
        builder.Add("/-prefs/clocksource", PrefsClockSource);
        foreach (string option in (ReadOnlySpan<string>)["confirm_general", "confirm_overwrite", "confirm_sceneload", "viewrtn", "selfollowsbank", "scene_advance", "safe_masterlevels"])
        {
            builder.Add("/-prefs/" + option, PrefsSwitch);
        }

        builder.Add("/-prefs/haflags", PrefsHeadampFlags);
        builder.Add("/-prefs/autosel", PrefsSwitch);
        builder.Add("/-prefs/show_control", PrefsShowControl);
        builder.Add("/-prefs/clockmode", PrefsClockMode);
        builder.Add("/-prefs/hardmute", PrefsSwitch);
        builder.Add("/-prefs/dcamute", PrefsSwitch);
        builder.Add("/-prefs/invertmutes", PrefsInvertMutes);

        builder.Add("/-prefs/remote/enable", RemoteEnable);
        builder.Add("/-prefs/remote/protocol", RemoteProtocol);
        builder.Add("/-prefs/remote/port", RemotePort);
        builder.Add("/-prefs/remote/ioenable", RemoteIoEnable);
    }
}
