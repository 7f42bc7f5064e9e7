using MixConsole.Engine.Configuration;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// The declarations of the console: every path of the X32-style address space with its spec.
/// This is the only list of parameters; the OSC server, the surface, scenes, documents and the DSP
/// all read the <see cref="ParameterTable"/> built here.
/// </summary>
public static partial class ConsoleAddressSpace
{
    private const int NameLength = 32;

    // EQ bands: 4 on a channel, 6 on a bus and the main bus, as on the X32.
    private const int ChannelEqBands = 4, BusEqBands = 6;

    /// <summary>The X32's EQ band types in its numbering: 0 LCut, 1 LShv, 2 PEQ, 3 VEQ, 4 HShv, 5 HCut.</summary>
    public static readonly IReadOnlyList<string> EqTypes = ["LCut", "LShv", "PEQ", "VEQ", "HShv", "HCut"];

    // Shared specs: one object per kind of control, so documents group them and grids are built once.
    private static readonly ParameterSpec Name = ParameterSpec.Text(NameLength, "", "Display name (printable ASCII)");
    private static readonly ParameterSpec MixOn = ParameterSpec.Bool(true, "Mute switch, X32 semantics: 1 = ON = unmuted, 0 = muted");
    private static readonly ParameterSpec Fader = ParameterSpec.Fader(0.0, "Fader level (unity = index 767, -0.01 dB)");
    private static readonly ParameterSpec Pan = ParameterSpec.Linear(-100, 100, 2, "", 0, "Pan (constant power), -100 left .. +100 right", DisplayStyle.Pan);
    private static readonly ParameterSpec ToMainOn = ParameterSpec.Bool(true, "Feeds the main stereo bus");
    private static readonly ParameterSpec ToMainOff = ParameterSpec.Bool(false, "Feeds the main stereo bus");
    private static readonly ParameterSpec ToMono = ParameterSpec.Bool(false, "Feeds the mono bus");
    private static readonly ParameterSpec MonoLevel = ParameterSpec.Fader(double.NegativeInfinity, "Level into the mono bus");

    private static readonly ParameterSpec Trim = ParameterSpec.Linear(-18, 18, 0.25, "dB", 0, "Input trim").InNodeAs(1, signed: true);
    private static readonly ParameterSpec Invert = ParameterSpec.Bool(false, "Polarity invert");
    private static readonly ParameterSpec HpOn = ParameterSpec.Bool(false, "High-pass filter on");
    private static readonly ParameterSpec HpFrequency = ParameterSpec.Log(20, 400, 101, "Hz", 80, "High-pass corner frequency");
    private static readonly ParameterSpec HpSlope = ParameterSpec.Enum(["12", "18", "24"], 0, "High-pass slope", "dB/oct");
    private static readonly ParameterSpec DelayOn = ParameterSpec.Bool(false, "Input delay on");
    private static readonly ParameterSpec DelayTime = ParameterSpec.Linear(0.3, 500, 0.1, "ms", 0.3, "Input delay (alignment)");

    private static readonly ParameterSpec EqOn = ParameterSpec.Bool(false, "EQ on");
    private const string EqTypeMeaning = "EQ band type, numbered as the X32: low cut, low shelf, bell, vintage bell (its Q follows its gain), high shelf, high cut";
    private static readonly ParameterSpec EqTypeLowShelf = ParameterSpec.Enum(EqTypes, 1, EqTypeMeaning);
    private static readonly ParameterSpec EqTypeBell = ParameterSpec.Enum(EqTypes, 2, EqTypeMeaning);
    private static readonly ParameterSpec EqTypeHighShelf = ParameterSpec.Enum(EqTypes, 4, EqTypeMeaning);
    // Bands 5 and 6 (buses and the main bus) are neutral bells, so the first four keep the defaults they had.
    private static readonly ParameterSpec[] EqTypeByBand = [EqTypeLowShelf, EqTypeBell, EqTypeBell, EqTypeHighShelf, EqTypeBell, EqTypeBell];
    private static readonly ParameterSpec[] EqFrequencyByBand =
    [
        ParameterSpec.Log(20, 20000, 201, "Hz", 100, "EQ band frequency"),
        ParameterSpec.Log(20, 20000, 201, "Hz", 500, "EQ band frequency"),
        ParameterSpec.Log(20, 20000, 201, "Hz", 2000, "EQ band frequency"),
        ParameterSpec.Log(20, 20000, 201, "Hz", 10000, "EQ band frequency"),
        ParameterSpec.Log(20, 20000, 201, "Hz", 200, "EQ band frequency"),
        ParameterSpec.Log(20, 20000, 201, "Hz", 5000, "EQ band frequency"),
    ];

    private static readonly ParameterSpec EqGain = ParameterSpec.Linear(-15, 15, 0.25, "dB", 0, "EQ band gain (bells and shelves)").InNodeAs(2, signed: true);
    private static readonly ParameterSpec EqQ = ParameterSpec.Log(10, 0.3, 72, "", 2, "EQ band Q (10 narrow .. 0.3 wide)");

    private static readonly ParameterSpec SendLevel = ParameterSpec.Fader(double.NegativeInfinity, "Send level");
    private static readonly ParameterSpec SendTap = ParameterSpec.Enum(["PREEQ", "PRE", "POST"], 2, "Send tap: before EQ, before fader, after fader");
    private static readonly ParameterSpec StereoLink = ParameterSpec.Bool(false, "Links the pair of channels as a stereo pair (the odd channel's settings lead)");

    private static readonly ParameterSpec DcaOn = ParameterSpec.Bool(true, "DCA switch: 1 = ON = members unmuted by this DCA");
    private static readonly ParameterSpec MuteGroupOn = ParameterSpec.Bool(false, "Mute group engaged: mutes every member");
    private static readonly ParameterSpec SoloMode = ParameterSpec.Enum(["PFL", "AFL"], 0, "Solo taps pre-fader (PFL) or after fader and pan (AFL)");
    private static readonly ParameterSpec SoloLevel = ParameterSpec.Fader(0.0, "Solo bus level");
    private static readonly ParameterSpec ConsoleName = ParameterSpec.Text(NameLength, "MixConsole", "Console name (reported by /info and /status)");

    /// <summary>Builds the table for a console of the size <paramref name="config"/>.</summary>
    /// <exception cref="ConsoleConfigException">The configuration is invalid.</exception>
    public static ParameterTable Build(ConsoleConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.EnsureValid();
        var builder = new ParameterTableBuilder();
        var dcaMembers = config.Dcas > 0 ? ParameterSpec.Bitmap(config.Dcas, "DCA membership: bit n = DCA n+1") : null;
        var muteMembers = config.MuteGroups > 0 ? ParameterSpec.Bitmap(config.MuteGroups, "Mute group membership: bit n = group n+1") : null;

        builder.Add("/config/name", ConsoleName, ParameterKey.Console(ParameterRole.Name));
        AddConfig(builder, config);
        AddRouting(builder);

        for (int ch = 1; ch <= config.Channels; ch++)
        {
            var d = new Declarer(builder, ParameterPaths.Channel(ch), ParameterOwner.Channel, ch);
            AddInputHead(d);
            d.Add("/preamp/hpon", HpOn, ParameterRole.HighPassOn);
            d.Add("/preamp/hpslope", HpSlope, ParameterRole.HighPassSlope);
            d.Add("/preamp/hpf", HpFrequency, ParameterRole.HighPassFrequency);
            d.Add("/delay/on", DelayOn, ParameterRole.DelayOn);
            d.Add("/delay/time", DelayTime, ParameterRole.DelayTime);
            AddInsert(d);
            AddGate(d);
            AddDynamics(d);
            AddInputMix(d, config, dcaMembers, muteMembers);
            d.Keep("/automix/group", AutomixGroup);
            d.Keep("/automix/weight", AutomixWeight);
        }

        AddAuxInputs(builder, config, dcaMembers, muteMembers);

        for (int bus = 1; bus <= config.Buses; bus++)
        {
            var d = new Declarer(builder, ParameterPaths.Bus(bus), ParameterOwner.Bus, bus);
            d.Add("/config/name", Name, ParameterRole.Name);
            d.Keep("/config/icon", Icon);
            d.Keep("/config/color", Color);
            AddInsert(d);
            AddDynamics(d);
            AddEq(d, BusEqBands);
            AddMix(d, ToMainOff);
            AddMatrixSends(d, config.Matrices, stereoSource: false);
            AddGroups(d, dcaMembers, muteMembers);
        }

        AddFxSlots(builder, config);

        AddFxReturns(builder, config, dcaMembers, muteMembers);

        var main = new Declarer(builder, ParameterPaths.MainStereo, ParameterOwner.MainStereo, 1);
        main.Add("/config/name", Name, ParameterRole.Name);
        main.Keep("/config/icon", Icon);
        main.Keep("/config/color", Color);
        AddDynamics(main);
        AddInsert(main);
        AddEq(main, BusEqBands);
        main.Add("/mix/on", MixOn, ParameterRole.On);
        main.Add("/mix/fader", Fader, ParameterRole.Fader);
        main.Add("/mix/pan", Pan, ParameterRole.Pan);
        AddMatrixSends(main, config.Matrices, stereoSource: true);

        var mono = new Declarer(builder, ParameterPaths.MainMono, ParameterOwner.MainMono, 1);
        mono.Add("/config/name", Name, ParameterRole.Name);
        mono.Keep("/config/icon", Icon);
        mono.Keep("/config/color", Color);
        AddDynamics(mono);
        AddInsert(mono);
        AddEq(mono, BusEqBands);
        mono.Add("/mix/on", MixOn, ParameterRole.On);
        mono.Add("/mix/fader", Fader, ParameterRole.Fader);
        AddMatrixSends(mono, config.Matrices, stereoSource: false);
        AddMatrices(builder, config.Matrices);

        for (int dca = 1; dca <= config.Dcas; dca++)
        {
            var d = new Declarer(builder, ParameterPaths.Dca(dca), ParameterOwner.Dca, dca);
            d.Add("/config/name", Name, ParameterRole.Name);
            d.Keep("/config/icon", Icon);
            d.Keep("/config/color", Color);
            d.Add("/on", DcaOn, ParameterRole.On);
            d.Add("/fader", Fader, ParameterRole.Fader);
        }

        AddMaster(builder);
        AddPreview(builder);

        AddOutputs(builder);
        AddHeadamps(builder);
        AddPrefs(builder);

        // Shared by every controller so surface select LEDs follow another client's selection; no audio reads it.
        // Console state, as on the X32: loading a scene must not move the engineer's selected strip.
        builder.Add(StripSelection.Path, ParameterSpec.Index(
            StripSelection.Count(config),
            StripSelection.FirstChannel,
            "Selected strip, X32 numbering: channels 0..31, effect returns 40..47, buses 48..63, main 70, mono 71; "
            + "channels past 32, buses past 16, then effect returns past 8 from 72 (see StripSelection). Not audio: controllers share it").AsConsoleState(),
            ParameterKey.Console(ParameterRole.Selection));
        AddSoloSwitches(builder, config);

        return builder.Build(config);
    }

    private static void AddEq(Declarer d, int bands)
    {
        d.Add("/eq/on", EqOn, ParameterRole.EqOn);
        for (int band = 1; band <= bands; band++)
        {
            string p = "/eq/" + (char)('0' + band);
            d.Add(p + "/type", EqTypeByBand[band - 1], ParameterRole.EqType, band);
            d.Add(p + "/f", EqFrequencyByBand[band - 1], ParameterRole.EqFrequency, band);
            d.Add(p + "/g", EqGain, ParameterRole.EqGain, band);
            d.Add(p + "/q", EqQ, ParameterRole.EqQ, band);
        }
    }

    private static void AddMix(Declarer d, ParameterSpec toMain)
    {
        d.Add("/mix/on", MixOn, ParameterRole.On);
        d.Add("/mix/fader", Fader, ParameterRole.Fader);
        d.Add("/mix/st", toMain, ParameterRole.ToMain);
        d.Add("/mix/pan", Pan, ParameterRole.Pan);
        d.Add("/mix/mono", ToMono, ParameterRole.ToMono);
        d.Add("/mix/mlevel", MonoLevel, ParameterRole.MonoLevel);
    }

    private static void AddGroups(Declarer d, ParameterSpec? dcaMembers, ParameterSpec? muteMembers)
    {
        if (dcaMembers is not null)
        {
            d.Add("/grp/dca", dcaMembers, ParameterRole.DcaMembership);
        }

        if (muteMembers is not null)
        {
            d.Add("/grp/mute", muteMembers, ParameterRole.MuteGroupMembership);
        }
    }

    /// <summary>Declares the parameters of one owner: each path below its prefix, with its typed key.</summary>
    private readonly struct Declarer(ParameterTableBuilder builder, string prefix, ParameterOwner owner, int number)
    {
        public void Add(string suffix, ParameterSpec spec, ParameterRole role, int slot = 0) =>
            builder.Add(prefix + suffix, spec, new ParameterKey(owner, number, role, slot));

        /// <summary>Declares an X32 leaf kept for compatibility: stored and echoed, bound by nothing.</summary>
        public void Keep(string suffix, ParameterSpec spec) => builder.Add(prefix + suffix, spec);
    }
}
