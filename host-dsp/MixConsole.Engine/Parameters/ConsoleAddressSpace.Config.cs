using System.Globalization;
using MixConsole.Engine.Configuration;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// The X32's <c>/config</c> nodes in its order (fw 4.06): links, mute groups, link options, mono, solo,
/// talkback, oscillator, tape, automix. Leaves the console acts on carry a key; X32 hardware with nothing
/// to act on here is declared without one, stored, echoed and saved so apps read a whole console.
/// </summary>
public static partial class ConsoleAddressSpace
{
    /// <summary>How the meaning of an X32 leaf with nothing to act on here begins; the reason follows.</summary>
    public const string KeptForCompatibility = "Kept for compatibility, no effect here: ";

    private const string Kept = KeptForCompatibility;

    private static readonly ParameterSpec Icon = ParameterSpec.Index(75, 1, Kept + "strip icons (1-74) are shown by X32 apps, not drawn here");
    private static readonly ParameterSpec Color = ParameterSpec.Enum(
        ["OFF", "RD", "GN", "YE", "BL", "MG", "CY", "WH", "OFFi", "RDi", "GNi", "YEi", "BLi", "MGi", "CYi", "WHi"], 3, Kept + "strip colours are shown by X32 apps, not drawn here");
    private static readonly ParameterSpec ChannelSource = ParameterSpec.Index(65, 1, Kept + "each channel here takes its own input (no X32 input patch)");
    private static readonly ParameterSpec AutomixGroup = ParameterSpec.Enum(["OFF", "X", "Y"], 0, Kept + "no automixer here");
    private static readonly ParameterSpec AutomixWeight = ParameterSpec.Linear(-12, 12, 0.5, "dB", 0, Kept + "no automixer here").InNodeAs(1, signed: true);
    private static readonly ParameterSpec HeadampGain = ParameterSpec.Linear(-12, 60, 0.5, "dB", 0, Kept + "no X32 preamps here (the input gain is /ch/NN/preamp/trim)");
    private static readonly ParameterSpec Phantom = ParameterSpec.Bool(false, Kept + "no phantom power here (no preamps)");
    private static readonly ParameterSpec AuxLink = ParameterSpec.Bool(false, Kept + "no aux inputs here");
    private static readonly ParameterSpec FxLink = ParameterSpec.Bool(false, Kept + "this console has no such effect returns");
    private static readonly ParameterSpec BusLink = ParameterSpec.Bool(false, Kept + "mix buses are mono here (no stereo bus pairs yet)");
    private static readonly ParameterSpec MatrixLink = ParameterSpec.Bool(false, Kept + "matrices are mono here: a linked pair is two mono matrices");
    private static readonly ParameterSpec LinkOption = ParameterSpec.Bool(true, Kept + "a channel link here always links every section but polarity");
    private static readonly ParameterSpec MonoMode = ParameterSpec.Enum(["LR+M", "LCR"], 0, Kept + "the mono bus here is fed per strip (/mix/mono, /mix/mlevel)");
    private static readonly ParameterSpec MonoLink = ParameterSpec.Bool(false, Kept + "the mono bus here has its own fader");
    private static readonly ParameterSpec SoloSource = ParameterSpec.Enum(["OFF", "LR", "LR+C", "LRPFL", "LRAFL", "AUX56", "AUX78"], 3, Kept + "the solo bus has its own outputs here");
    private static readonly ParameterSpec SoloSourceTrim = ParameterSpec.Linear(-18, 18, 0.5, "dB", 0, Kept + "the solo bus has its own outputs here");
    private static readonly ParameterSpec SoloOtherMode = ParameterSpec.Enum(["PFL", "AFL"], 0, Kept + "one PFL/AFL choice (chmode) serves every strip here");
    private static readonly ParameterSpec SoloOption = ParameterSpec.Bool(false, Kept + "the solo bus here has no monitor section");
    private static readonly ParameterSpec SoloDimAttenuation = ParameterSpec.Linear(-40, 0, 1, "dB", -20, Kept + "the solo bus here has no monitor section").InNodeAs(0);
    private static readonly ParameterSpec SoloDelayTime = ParameterSpec.Linear(0.3, 500, 0.1, "ms", 0.3, Kept + "the solo bus here has no monitor section");
    private static readonly ParameterSpec TalkOption = ParameterSpec.Bool(false, Kept + "no talkback microphone here");
    private static readonly ParameterSpec TalkSource = ParameterSpec.Enum(["INT", "EXT"], 0, Kept + "no talkback microphone here");
    private static readonly ParameterSpec TalkLevel = ParameterSpec.Fader(double.NegativeInfinity, Kept + "no talkback microphone here");
    private static readonly ParameterSpec TalkDestinations = ParameterSpec.Bitmap(18, Kept + "no talkback microphone here");
    private static readonly ParameterSpec OscillatorLevel = ParameterSpec.Fader(double.NegativeInfinity, Kept + "no test oscillator here");
    private static readonly ParameterSpec OscillatorFrequency = ParameterSpec.Log(20, 20000, 121, "Hz", 1000, Kept + "no test oscillator here");
    private static readonly ParameterSpec OscillatorSelect = ParameterSpec.Enum(["F1", "F2"], 0, Kept + "no test oscillator here");
    private static readonly ParameterSpec OscillatorType = ParameterSpec.Enum(["SINE", "PINK", "WHITE"], 0, Kept + "no test oscillator here");
    private static readonly ParameterSpec OscillatorDestination = ParameterSpec.Index(26, 0, Kept + "no test oscillator here");
    private static readonly ParameterSpec TapeGain = ParameterSpec.Linear(-6, 24, 0.5, "dB", 0, Kept + "no USB tape deck here");
    private static readonly ParameterSpec TapeAutoplay = ParameterSpec.Bool(false, Kept + "no USB tape deck here");
    private static readonly ParameterSpec AutomixEnable = ParameterSpec.Bool(false, Kept + "no automixer here");

    private static void AddConfig(ParameterTableBuilder builder, ConsoleConfig config)
    {
        for (int ch = 1; ch < config.Channels; ch += 2)
        {
            builder.Add(ParameterPaths.ChannelLink(ch), StereoLink, new ParameterKey(ParameterOwner.Channel, ch, ParameterRole.Link));
        }

        AddPairs(builder, "/config/auxlink/", 8, AuxLink);
        AddFxReturnLinks(builder, config);
        AddPairs(builder, "/config/buslink/", config.Buses, BusLink);
        AddPairs(builder, "/config/mtxlink/", 6, MatrixLink);
        for (int g = 1; g <= config.MuteGroups; g++)
        {
            builder.Add(ParameterPaths.MuteGroup(g), MuteGroupOn, new ParameterKey(ParameterOwner.MuteGroup, g, ParameterRole.On));
        }

        foreach (string option in (ReadOnlySpan<string>)["hadly", "eq", "dyn", "fdrmute"])
        {
            builder.Add("/config/linkcfg/" + option, LinkOption);
        }

        builder.Add("/config/mono/mode", MonoMode);
        builder.Add("/config/mono/link", MonoLink);

        builder.Add("/config/solo/level", SoloLevel, ParameterKey.Console(ParameterRole.SoloLevel));
        builder.Add("/config/solo/source", SoloSource);
        builder.Add("/config/solo/sourcetrim", SoloSourceTrim);
        builder.Add("/config/solo/chmode", SoloMode, ParameterKey.Console(ParameterRole.SoloMode));
        builder.Add("/config/solo/busmode", SoloOtherMode);
        builder.Add("/config/solo/dcamode", SoloOtherMode);
        foreach (string option in (ReadOnlySpan<string>)["exclusive", "followsel", "followsolo", "dimatt", "dim", "mono", "delay", "delaytime", "masterctrl", "mute", "dimpfl"])
        {
            builder.Add("/config/solo/" + option, option switch { "dimatt" => SoloDimAttenuation, "delaytime" => SoloDelayTime, _ => SoloOption });
        }

        builder.Add("/config/talk/enable", TalkOption);
        builder.Add("/config/talk/source", TalkSource);
        foreach (string side in (ReadOnlySpan<string>)["A", "B"])
        {
            builder.Add("/config/talk/" + side + "/level", TalkLevel);
            builder.Add("/config/talk/" + side + "/dim", TalkOption);
            builder.Add("/config/talk/" + side + "/latch", TalkOption);
            builder.Add("/config/talk/" + side + "/destmap", TalkDestinations);
        }

        builder.Add("/config/osc/level", OscillatorLevel);
        builder.Add("/config/osc/f1", OscillatorFrequency);
        builder.Add("/config/osc/f2", OscillatorFrequency);
        builder.Add("/config/osc/fsel", OscillatorSelect);
        builder.Add("/config/osc/type", OscillatorType);
        builder.Add("/config/osc/dest", OscillatorDestination);

        builder.Add("/config/tape/gainL", TapeGain);
        builder.Add("/config/tape/gainR", TapeGain);
        builder.Add("/config/tape/autoplay", TapeAutoplay);
        builder.Add("/config/amixenable/X", AutomixEnable);
        builder.Add("/config/amixenable/Y", AutomixEnable);
    }

    // The X32's 128 head amps (local, AES50 A and B): gain and phantom power.
    private static void AddHeadamps(ParameterTableBuilder builder)
    {
        for (int amp = 0; amp < 128; amp++)
        {
            string node = "/headamp/" + amp.ToString("000", CultureInfo.InvariantCulture);
            builder.Add(node + "/gain", HeadampGain);
            builder.Add(node + "/phantom", Phantom);
        }
    }

    private static void AddPairs(ParameterTableBuilder builder, string node, int members, ParameterSpec spec)
    {
        for (int first = 1; first < members; first += 2)
        {
            builder.Add(node + Pair(first), spec);
        }
    }

    // "1-2", "31-32": the X32 names a link by the pair it joins.
    private static string Pair(int first) => string.Create(CultureInfo.InvariantCulture, $"{first}-{first + 1}");
}
