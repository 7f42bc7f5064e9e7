using MixConsole.Engine.Configuration;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// The declarations of the console: every path of the X32-style address space with its spec.
/// This is the only list of parameters; the OSC server, the surface, scenes, documents and the DSP
/// all read the <see cref="ParameterTable"/> built here.
/// </summary>
public static class ConsoleAddressSpace
{
    private const int NameLength = 32;

    // Shared specs: one object per kind of control, so documents group them and grids are built once.
    private static readonly ParameterSpec Name = ParameterSpec.Text(NameLength, "", "Display name (printable ASCII)");
    private static readonly ParameterSpec MixOn = ParameterSpec.Bool(true, "Mute switch, X32 semantics: 1 = ON = unmuted, 0 = muted");
    private static readonly ParameterSpec Fader = ParameterSpec.Fader(0.0, "Fader level (unity = index 767, -0.01 dB)");
    private static readonly ParameterSpec Pan = ParameterSpec.Linear(-100, 100, 2, "", 0, "Pan (constant power), -100 left .. +100 right", DisplayStyle.Pan);
    private static readonly ParameterSpec ToMainOn = ParameterSpec.Bool(true, "Feeds the main stereo bus");
    private static readonly ParameterSpec ToMainOff = ParameterSpec.Bool(false, "Feeds the main stereo bus");
    private static readonly ParameterSpec ToMono = ParameterSpec.Bool(false, "Feeds the mono bus");
    private static readonly ParameterSpec MonoLevel = ParameterSpec.Fader(double.NegativeInfinity, "Level into the mono bus");
    private static readonly ParameterSpec Solo = ParameterSpec.Bool(false, "Solo to the solo bus (PFL or AFL per /config/solo/mode)");

    private static readonly ParameterSpec Trim = ParameterSpec.Linear(-18, 18, 0.25, "dB", 0, "Input trim");
    private static readonly ParameterSpec Invert = ParameterSpec.Bool(false, "Polarity invert");
    private static readonly ParameterSpec HpOn = ParameterSpec.Bool(false, "High-pass filter on");
    private static readonly ParameterSpec HpFrequency = ParameterSpec.Log(20, 400, 101, "Hz", 80, "High-pass corner frequency");
    private static readonly ParameterSpec HpSlope = ParameterSpec.Enum(["12", "18", "24"], 0, "High-pass slope", "dB/oct");
    private static readonly ParameterSpec DelayOn = ParameterSpec.Bool(false, "Input delay on");
    private static readonly ParameterSpec DelayTime = ParameterSpec.Linear(0.3, 500, 0.1, "ms", 0.3, "Input delay (alignment)");

    private static readonly ParameterSpec GateOn = ParameterSpec.Bool(false, "Gate/expander on");
    private static readonly ParameterSpec GateMode = ParameterSpec.Enum(["EXP2", "EXP3", "EXP4", "GATE"], 3, "Expander 1:2, 1:3, 1:4 or gate");
    private static readonly ParameterSpec GateThreshold = ParameterSpec.Linear(-80, 0, 0.5, "dB", -80, "Gate threshold");
    private static readonly ParameterSpec GateRange = ParameterSpec.Linear(3, 60, 1, "dB", 60, "Gate range (most attenuation when closed)");
    private static readonly ParameterSpec GateAttack = ParameterSpec.Linear(0, 120, 1, "ms", 1, "Gate attack");
    private static readonly ParameterSpec GateHold = ParameterSpec.Log(0.02, 2000, 101, "ms", 50, "Gate hold");
    private static readonly ParameterSpec GateRelease = ParameterSpec.Log(5, 4000, 101, "ms", 200, "Gate release");
    private static readonly ParameterSpec GateKeyFilter = ParameterSpec.Log(20, 20000, 201, "Hz", 20, "Gate key (detector) high-pass frequency; 20 Hz is effectively off");

    private static readonly ParameterSpec DynOn = ParameterSpec.Bool(false, "Compressor on");
    private static readonly ParameterSpec DynDetector = ParameterSpec.Enum(["PEAK", "RMS"], 0, "Compressor detector");
    private static readonly ParameterSpec DynThreshold = ParameterSpec.Linear(-60, 0, 0.5, "dB", 0, "Compressor threshold");
    private static readonly ParameterSpec DynRatio = ParameterSpec.Table([1.1, 1.3, 1.5, 2, 2.5, 3, 4, 5, 7, 10, 20, 100], ":1", 4, "Compressor ratio (the X32 list)", DisplayStyle.Ratio);
    private static readonly ParameterSpec DynKnee = ParameterSpec.Linear(0, 10, 0.5, "dB", 2, "Compressor knee width");
    private static readonly ParameterSpec DynAttack = ParameterSpec.Linear(0, 120, 1, "ms", 10, "Compressor attack");
    private static readonly ParameterSpec DynRelease = ParameterSpec.Log(5, 4000, 101, "ms", 100, "Compressor release");
    private static readonly ParameterSpec DynMakeUp = ParameterSpec.Linear(0, 24, 0.5, "dB", 0, "Compressor make-up gain");
    private static readonly ParameterSpec DynMix = ParameterSpec.Linear(0, 100, 5, "%", 100, "Compressor wet/dry mix (parallel compression)");
    private static readonly ParameterSpec DynSideChainHp = ParameterSpec.Log(20, 400, 101, "Hz", 20, "Compressor side-chain high-pass; 20 Hz is effectively off");
    private static readonly ParameterSpec DynPosition = ParameterSpec.Enum(["PRE", "POST"], 1, "Compressor before (PRE) or after (POST) the EQ");

    private static readonly ParameterSpec EqOn = ParameterSpec.Bool(false, "EQ on");
    private static readonly string[] EqTypes = ["LCut", "LShv", "PEQ", "HShv", "HCut"];
    private static readonly ParameterSpec EqTypeLowShelf = ParameterSpec.Enum(EqTypes, 1, "EQ band type: low cut, low shelf, bell, high shelf, high cut");
    private static readonly ParameterSpec EqTypeBell = ParameterSpec.Enum(EqTypes, 2, "EQ band type: low cut, low shelf, bell, high shelf, high cut");
    private static readonly ParameterSpec EqTypeHighShelf = ParameterSpec.Enum(EqTypes, 3, "EQ band type: low cut, low shelf, bell, high shelf, high cut");
    private static readonly ParameterSpec[] EqTypeByBand = [EqTypeLowShelf, EqTypeBell, EqTypeBell, EqTypeHighShelf];
    private static readonly ParameterSpec[] EqFrequencyByBand =
    [
        ParameterSpec.Log(20, 20000, 201, "Hz", 100, "EQ band frequency"),
        ParameterSpec.Log(20, 20000, 201, "Hz", 500, "EQ band frequency"),
        ParameterSpec.Log(20, 20000, 201, "Hz", 2000, "EQ band frequency"),
        ParameterSpec.Log(20, 20000, 201, "Hz", 10000, "EQ band frequency"),
    ];

    private static readonly ParameterSpec EqGain = ParameterSpec.Linear(-15, 15, 0.25, "dB", 0, "EQ band gain (bells and shelves)");
    private static readonly ParameterSpec EqQ = ParameterSpec.Log(10, 0.3, 72, "", 2, "EQ band Q (10 narrow .. 0.3 wide)");

    private static readonly ParameterSpec SendLevel = ParameterSpec.Fader(double.NegativeInfinity, "Send level");
    private static readonly ParameterSpec SendTap = ParameterSpec.Enum(["PREEQ", "PRE", "POST"], 2, "Send tap: before EQ, before fader, after fader");
    private static readonly ParameterSpec StereoLink = ParameterSpec.Bool(false, "Links this odd channel with the next one as a stereo pair (the odd channel's settings lead)");

    private static readonly ParameterSpec DcaOn = ParameterSpec.Bool(true, "DCA switch: 1 = ON = members unmuted by this DCA");
    private static readonly ParameterSpec MuteGroupOn = ParameterSpec.Bool(false, "Mute group engaged: mutes every member");
    private static readonly ParameterSpec SoloMode = ParameterSpec.Enum(["PFL", "AFL"], 0, "Solo taps pre-fader (PFL) or after fader and pan (AFL)");
    private static readonly ParameterSpec SoloLevel = ParameterSpec.Fader(0.0, "Solo bus level");
    private static readonly ParameterSpec ConsoleName = ParameterSpec.Text(NameLength, "MixConsole", "Console name (reported by /info and /status)");

    private static readonly ParameterSpec FxType = ParameterSpec.Enum(["REVERB", "DELAY"], 0, "Effect in the slot");
    private static readonly ParameterSpec ReverbPreDelay = ParameterSpec.Linear(0, 200, 1, "ms", 20, "Reverb pre-delay");
    private static readonly ParameterSpec ReverbDecay = ParameterSpec.Log(0.2, 10, 101, "s", 1.5, "Reverb decay time (RT60)");
    private static readonly ParameterSpec ReverbSize = ParameterSpec.Linear(0, 100, 1, "%", 50, "Reverb room size");
    private static readonly ParameterSpec ReverbDamping = ParameterSpec.Linear(0, 100, 1, "%", 50, "Reverb high-frequency damping");
    private static readonly ParameterSpec DelayFxTime = ParameterSpec.Linear(1, 2000, 1, "ms", 350, "Delay time (TIME mode)");
    private static readonly ParameterSpec DelayFxMode = ParameterSpec.Enum(["TIME", "TEMPO"], 0, "Delay set by time or by tempo and note");
    private static readonly ParameterSpec DelayFxTempo = ParameterSpec.Linear(30, 300, 0.5, "BPM", 120, "Delay tempo (TEMPO mode)");
    private static readonly ParameterSpec DelayFxNote = ParameterSpec.Enum(["1/2", "1/4.", "1/4", "1/4T", "1/8.", "1/8", "1/8T", "1/16"], 4, "Delay note value at the tempo (. dotted, T triplet)");
    private static readonly ParameterSpec DelayFxFeedback = ParameterSpec.Linear(0, 95, 1, "%", 30, "Delay feedback");
    private static readonly ParameterSpec DelayFxLowCut = ParameterSpec.Log(20, 2000, 101, "Hz", 100, "Delay low cut (in the feedback path)");
    private static readonly ParameterSpec DelayFxHighCut = ParameterSpec.Log(1000, 20000, 101, "Hz", 8000, "Delay high cut (in the feedback path)");
    private static readonly ParameterSpec DelayFxPingPong = ParameterSpec.Bool(false, "Delay repeats alternate left and right");

    private static readonly ParameterSpec MasterInputGain = ParameterSpec.Linear(-12, 12, 0.1, "dB", 0, "Master chain input gain");
    private static readonly ParameterSpec MasterTilt = ParameterSpec.Linear(-6, 6, 0.1, "dB", 0, "Master tilt EQ (+ brighter, - darker)");
    private static readonly ParameterSpec MasterShelfGain = ParameterSpec.Linear(-12, 12, 0.1, "dB", 0, "Master shelf gain");
    private static readonly ParameterSpec MasterLowShelfFrequency = ParameterSpec.Log(20, 500, 101, "Hz", 100, "Master low shelf frequency");
    private static readonly ParameterSpec MasterHighShelfFrequency = ParameterSpec.Log(2000, 20000, 101, "Hz", 10000, "Master high shelf frequency");
    private static readonly ParameterSpec MasterCompAmount = ParameterSpec.Linear(0, 100, 1, "%", 0, "Master multiband compression amount");
    private static readonly ParameterSpec MasterWidth = ParameterSpec.Linear(0, 200, 1, "%", 100, "Master stereo width (0 mono, 100 as is)");
    private static readonly ParameterSpec MasterTarget = ParameterSpec.Linear(-30, -6, 0.5, "LUFS", -14, "Master integrated loudness target");
    private static readonly ParameterSpec MasterCeiling = ParameterSpec.Linear(-6, 0, 0.1, "dBTP", -1, "Master true-peak ceiling");
    private static readonly ParameterSpec MasterBypass = ParameterSpec.Bool(false, "Master chain bypassed (1 = bypassed)");
    private static readonly ParameterSpec MasterAb = ParameterSpec.Enum(["A", "B"], 0, "Master A/B setting in use (loudness-matched comparison)");

    /// <summary>Builds the table for a console of the size <paramref name="config"/>.</summary>
    /// <exception cref="ConsoleConfigException">The configuration is invalid.</exception>
    public static ParameterTable Build(ConsoleConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.EnsureValid();
        var builder = new ParameterTableBuilder();
        var dcaMembers = config.Dcas > 0 ? ParameterSpec.Bitmap(config.Dcas, "DCA membership: bit n = DCA n+1") : null;
        var muteMembers = config.MuteGroups > 0 ? ParameterSpec.Bitmap(config.MuteGroups, "Mute group membership: bit n = group n+1") : null;

        builder.Add("/config/name", ConsoleName);
        builder.Add("/config/solo/mode", SoloMode);
        builder.Add("/config/solo/level", SoloLevel);
        for (int g = 1; g <= config.MuteGroups; g++)
        {
            builder.Add(ParameterPaths.MuteGroup(g), MuteGroupOn);
        }

        for (int ch = 1; ch <= config.Channels; ch++)
        {
            string p = ParameterPaths.Channel(ch);
            builder.Add(p + "/config/name", Name);
            if (ch % 2 == 1 && ch < config.Channels)
            {
                builder.Add(p + "/config/link", StereoLink);
            }

            builder.Add(p + "/preamp/trim", Trim);
            builder.Add(p + "/preamp/invert", Invert);
            builder.Add(p + "/preamp/hpon", HpOn);
            builder.Add(p + "/preamp/hpf", HpFrequency);
            builder.Add(p + "/preamp/hpslope", HpSlope);
            builder.Add(p + "/delay/on", DelayOn);
            builder.Add(p + "/delay/time", DelayTime);
            AddGate(builder, p);
            AddDynamics(builder, p);
            AddEq(builder, p);
            AddMix(builder, p, ToMainOn);
            for (int bus = 1; bus <= config.Buses; bus++)
            {
                string send = ParameterPaths.Send(ch, bus);
                builder.Add(send + "/level", SendLevel);
                builder.Add(send + "/tap", SendTap);
            }

            for (int slot = 1; slot <= config.FxSlots; slot++)
            {
                string send = ParameterPaths.FxSend(ch, slot);
                builder.Add(send + "/level", SendLevel);
                builder.Add(send + "/tap", SendTap);
            }

            AddGroups(builder, p, dcaMembers, muteMembers);
            builder.Add(p + "/solo", Solo);
        }

        for (int bus = 1; bus <= config.Buses; bus++)
        {
            string p = ParameterPaths.Bus(bus);
            builder.Add(p + "/config/name", Name);
            AddDynamics(builder, p);
            AddEq(builder, p);
            AddMix(builder, p, ToMainOff);
            AddGroups(builder, p, dcaMembers, muteMembers);
            builder.Add(p + "/solo", Solo);
        }

        for (int slot = 1; slot <= config.FxSlots; slot++)
        {
            string p = ParameterPaths.Fx(slot);
            builder.Add(p + "/type", FxType);
            builder.Add(p + "/reverb/predelay", ReverbPreDelay);
            builder.Add(p + "/reverb/decay", ReverbDecay);
            builder.Add(p + "/reverb/size", ReverbSize);
            builder.Add(p + "/reverb/damping", ReverbDamping);
            builder.Add(p + "/delay/mode", DelayFxMode);
            builder.Add(p + "/delay/time", DelayFxTime);
            builder.Add(p + "/delay/tempo", DelayFxTempo);
            builder.Add(p + "/delay/note", DelayFxNote);
            builder.Add(p + "/delay/feedback", DelayFxFeedback);
            builder.Add(p + "/delay/lowcut", DelayFxLowCut);
            builder.Add(p + "/delay/highcut", DelayFxHighCut);
            builder.Add(p + "/delay/pingpong", DelayFxPingPong);
        }

        for (int slot = 1; slot <= config.FxSlots; slot++)
        {
            string p = ParameterPaths.FxReturn(slot);
            builder.Add(p + "/config/name", Name);
            builder.Add(p + "/mix/on", MixOn);
            builder.Add(p + "/mix/fader", Fader);
            builder.Add(p + "/mix/pan", Pan);
            builder.Add(p + "/solo", Solo);
        }

        builder.Add(ParameterPaths.MainStereo + "/config/name", Name);
        AddDynamics(builder, ParameterPaths.MainStereo);
        AddEq(builder, ParameterPaths.MainStereo);
        builder.Add(ParameterPaths.MainStereo + "/mix/on", MixOn);
        builder.Add(ParameterPaths.MainStereo + "/mix/fader", Fader);
        builder.Add(ParameterPaths.MainStereo + "/mix/pan", Pan);

        builder.Add(ParameterPaths.MainMono + "/config/name", Name);
        builder.Add(ParameterPaths.MainMono + "/mix/on", MixOn);
        builder.Add(ParameterPaths.MainMono + "/mix/fader", Fader);

        for (int dca = 1; dca <= config.Dcas; dca++)
        {
            string p = ParameterPaths.Dca(dca);
            builder.Add(p + "/config/name", Name);
            builder.Add(p + "/on", DcaOn);
            builder.Add(p + "/fader", Fader);
        }

        const string m = ParameterPaths.Master;
        builder.Add(m + "/input/gain", MasterInputGain);
        builder.Add(m + "/eq/tilt", MasterTilt);
        builder.Add(m + "/eq/lowshelf/g", MasterShelfGain);
        builder.Add(m + "/eq/lowshelf/f", MasterLowShelfFrequency);
        builder.Add(m + "/eq/highshelf/g", MasterShelfGain);
        builder.Add(m + "/eq/highshelf/f", MasterHighShelfFrequency);
        builder.Add(m + "/comp/amount", MasterCompAmount);
        builder.Add(m + "/width", MasterWidth);
        builder.Add(m + "/loudness/target", MasterTarget);
        builder.Add(m + "/limiter/ceiling", MasterCeiling);
        builder.Add(m + "/bypass", MasterBypass);
        builder.Add(m + "/ab", MasterAb);

        // Shared by every controller so surface select LEDs follow another client's selection; no audio reads it.
        // Console state, as on the X32: loading a scene must not move the engineer's selected strip.
        builder.Add(StripSelection.Path, ParameterSpec.Index(
            StripSelection.Count(config),
            StripSelection.FirstChannel,
            "Selected strip, X32 numbering: channels 0..31, effect returns 40..47, buses 48..63, main 70, mono 71; "
            + "channels past 32 then buses past 16 from 72 (see StripSelection). Not audio: controllers share it").AsConsoleState());

        return builder.Build(config);
    }

    private static void AddGate(ParameterTableBuilder builder, string prefix)
    {
        builder.Add(prefix + "/gate/on", GateOn);
        builder.Add(prefix + "/gate/mode", GateMode);
        builder.Add(prefix + "/gate/thr", GateThreshold);
        builder.Add(prefix + "/gate/range", GateRange);
        builder.Add(prefix + "/gate/attack", GateAttack);
        builder.Add(prefix + "/gate/hold", GateHold);
        builder.Add(prefix + "/gate/release", GateRelease);
        builder.Add(prefix + "/gate/keyf", GateKeyFilter);
    }

    private static void AddDynamics(ParameterTableBuilder builder, string prefix)
    {
        builder.Add(prefix + "/dyn/on", DynOn);
        builder.Add(prefix + "/dyn/det", DynDetector);
        builder.Add(prefix + "/dyn/thr", DynThreshold);
        builder.Add(prefix + "/dyn/ratio", DynRatio);
        builder.Add(prefix + "/dyn/knee", DynKnee);
        builder.Add(prefix + "/dyn/attack", DynAttack);
        builder.Add(prefix + "/dyn/release", DynRelease);
        builder.Add(prefix + "/dyn/mgain", DynMakeUp);
        builder.Add(prefix + "/dyn/mix", DynMix);
        builder.Add(prefix + "/dyn/hpf", DynSideChainHp);
        builder.Add(prefix + "/dyn/pos", DynPosition);
    }

    private static void AddEq(ParameterTableBuilder builder, string prefix)
    {
        builder.Add(prefix + "/eq/on", EqOn);
        for (int band = 1; band <= 4; band++)
        {
            string p = prefix + "/eq/" + (char)('0' + band);
            builder.Add(p + "/type", EqTypeByBand[band - 1]);
            builder.Add(p + "/f", EqFrequencyByBand[band - 1]);
            builder.Add(p + "/g", EqGain);
            builder.Add(p + "/q", EqQ);
        }
    }

    private static void AddMix(ParameterTableBuilder builder, string prefix, ParameterSpec toMain)
    {
        builder.Add(prefix + "/mix/on", MixOn);
        builder.Add(prefix + "/mix/fader", Fader);
        builder.Add(prefix + "/mix/pan", Pan);
        builder.Add(prefix + "/mix/st", toMain);
        builder.Add(prefix + "/mix/mono", ToMono);
        builder.Add(prefix + "/mix/mlevel", MonoLevel);
    }

    private static void AddGroups(ParameterTableBuilder builder, string prefix, ParameterSpec? dcaMembers, ParameterSpec? muteMembers)
    {
        if (dcaMembers is not null)
        {
            builder.Add(prefix + "/grp/dca", dcaMembers);
        }

        if (muteMembers is not null)
        {
            builder.Add(prefix + "/grp/mute", muteMembers);
        }
    }
}
