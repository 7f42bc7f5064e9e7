namespace MixConsole.Engine.Parameters;

/// <summary>
/// The mastering chain's <c>/master</c> nodes (this console's own; the X32 has none): two complete chain settings,
/// slot A at <c>/master/...</c> and slot B at <c>/master/b/...</c> (same leaves, key number 2), and the switches that
/// are not part of a setting (bypass, A/B, loudness mode), declared once.
/// </summary>
public static partial class ConsoleAddressSpace
{
    /// <summary>Parametric bells of the master EQ (besides tilt and the two shelves).</summary>
    public const int MasterEqBells = 2;

    /// <summary>Bands of the master multiband compressor and of the imager.</summary>
    public const int MasterBands = 3;

    /// <summary>Path prefix of master slot B (slot A is <see cref="ParameterPaths.Master"/> itself).</summary>
    public const string MasterSlotBPrefix = ParameterPaths.Master + "/b";

    private static readonly ParameterSpec MasterInputGain = ParameterSpec.Linear(-12, 12, 0.1, "dB", 0, "Master chain input gain");
    private static readonly ParameterSpec MasterTilt = ParameterSpec.Linear(-6, 6, 0.1, "dB", 0, "Master tilt EQ (+ brighter, - darker)");
    private static readonly ParameterSpec MasterShelfGain = ParameterSpec.Linear(-12, 12, 0.1, "dB", 0, "Master shelf gain");
    private static readonly ParameterSpec MasterLowShelfFrequency = ParameterSpec.Log(20, 500, 101, "Hz", 100, "Master low shelf frequency");
    private static readonly ParameterSpec MasterHighShelfFrequency = ParameterSpec.Log(2000, 20000, 101, "Hz", 10000, "Master high shelf frequency");
    private static readonly ParameterSpec[] MasterBellFrequency =
    [
        ParameterSpec.Log(20, 20000, 201, "Hz", 250, "Master EQ bell frequency"),
        ParameterSpec.Log(20, 20000, 201, "Hz", 3000, "Master EQ bell frequency"),
    ];
    private static readonly ParameterSpec MasterBellGain = ParameterSpec.Linear(-12, 12, 0.1, "dB", 0, "Master EQ bell gain");
    private static readonly ParameterSpec MasterBellQ = ParameterSpec.Log(0.3, 10, 72, "", 0.7, "Master EQ bell Q (0.3 wide .. 10 narrow)");
    private static readonly ParameterSpec MasterCompAmount = ParameterSpec.Linear(0, 100, 1, "%", 0, "Master multiband compression amount: 0 % = 1:1 at -12 dBFS, 100 % = each band's threshold and ratio");
    private static readonly ParameterSpec MasterBandThreshold = ParameterSpec.Linear(-60, 0, 0.5, "dB", -30, "Master multiband band threshold at 100 % amount");
    private static readonly ParameterSpec MasterBandRatio = ParameterSpec.Linear(1, 10, 0.1, "", 4, "Master multiband band ratio at 100 % amount");
    private static readonly ParameterSpec MasterBandAttack = ParameterSpec.Linear(0.5, 200, 0.5, "ms", 20, "Master multiband band attack");
    private static readonly ParameterSpec MasterBandRelease = ParameterSpec.Linear(10, 2000, 5, "ms", 200, "Master multiband band release");
    private static readonly ParameterSpec MasterBandMakeup = ParameterSpec.Linear(0, 12, 0.1, "dB", 0, "Master multiband band make-up gain");
    private static readonly ParameterSpec[] MasterCompCrossover =
    [
        ParameterSpec.Linear(20, 800, 5, "Hz", 120, "Master multiband crossover, low | mid"),
        ParameterSpec.Linear(800, 16000, 50, "Hz", 2000, "Master multiband crossover, mid | high"),
    ];
    private static readonly ParameterSpec MasterWidth = ParameterSpec.Linear(0, 200, 1, "%", 100, "Master stereo width (0 mono, 100 as is), times each band's width");
    private static readonly ParameterSpec MasterBandWidth = ParameterSpec.Linear(0, 200, 1, "%", 100, "Master imager band width (0 mono, 100 as is)");
    private static readonly ParameterSpec[] MasterImagerCrossover =
    [
        ParameterSpec.Linear(20, 800, 5, "Hz", 120, "Master imager crossover, low | mid (bass mono below it)"),
        ParameterSpec.Linear(800, 16000, 50, "Hz", 4000, "Master imager crossover, mid | high"),
    ];
    private static readonly ParameterSpec MasterBassMono = ParameterSpec.Bool(false, "Master imager: the low band mono");
    private static readonly ParameterSpec MasterSaturationOn = ParameterSpec.Bool(false, "Master saturation on (4x oversampled tanh)");
    private static readonly ParameterSpec MasterSaturationDrive = ParameterSpec.Linear(0, 24, 0.5, "dB", 6, "Master saturation drive");
    private static readonly ParameterSpec MasterSaturationMix = ParameterSpec.Linear(0, 100, 1, "%", 100, "Master saturation wet share");
    private static readonly ParameterSpec MasterTarget = ParameterSpec.Linear(-30, -6, 0.5, "LUFS", -14, "Master integrated loudness target");
    private static readonly ParameterSpec MasterCeiling = ParameterSpec.Linear(-6, 0, 0.1, "dBTP", -1, "Master true-peak ceiling");
    private static readonly ParameterSpec MasterLimiterRelease = ParameterSpec.Linear(10, 1000, 5, "ms", 80, "Master limiter release");
    private static readonly ParameterSpec MasterDitherOn = ParameterSpec.Bool(false, "Master dither on (TPDF, last)");
    private static readonly ParameterSpec MasterDitherBits = ParameterSpec.Enum(["16", "24"], 0, "Master dither word length", "bit");
    private static readonly ParameterSpec MasterDitherShaping = ParameterSpec.Enum(["OFF", "1ST"], 0, "Master dither noise shaping (1ST = first-order error feedback)");
    private static readonly ParameterSpec MasterBypass = ParameterSpec.Bool(false, "Master chain bypassed (1 = bypassed)");
    private static readonly ParameterSpec MasterAb = ParameterSpec.Enum(["A", "B"], 0, "Master setting in play: slot A (/master/...) or slot B (/master/b/...), loudness-matched");
    private static readonly ParameterSpec MasterLoudnessMode = ParameterSpec.Enum(["FOLLOW", "LEARN", "HOLD"], 0,
        "Master loudness gain: FOLLOW walks the short-term loudness to the target; LEARN integrates the song, gain held; HOLD keeps the gain (leaving LEARN sets it from the song)");

    private static void AddMaster(ParameterTableBuilder builder)
    {
        AddMasterSlot(new Declarer(builder, ParameterPaths.Master, ParameterOwner.Master, 1));
        var m = new Declarer(builder, ParameterPaths.Master, ParameterOwner.Master, 1);
        m.Add("/bypass", MasterBypass, ParameterRole.MasterBypass);
        m.Add("/ab", MasterAb, ParameterRole.MasterAb);
        m.Add("/loudness/mode", MasterLoudnessMode, ParameterRole.MasterLoudnessMode);
        AddMasterSlot(new Declarer(builder, MasterSlotBPrefix, ParameterOwner.Master, 2));
    }

    // One complete chain setting: every leaf a preset or an A/B slot holds.
    private static void AddMasterSlot(Declarer m)
    {
        m.Add("/input/gain", MasterInputGain, ParameterRole.MasterInputGain);
        m.Add("/eq/tilt", MasterTilt, ParameterRole.MasterTilt);
        m.Add("/eq/lowshelf/g", MasterShelfGain, ParameterRole.MasterLowShelfGain);
        m.Add("/eq/lowshelf/f", MasterLowShelfFrequency, ParameterRole.MasterLowShelfFrequency);
        m.Add("/eq/highshelf/g", MasterShelfGain, ParameterRole.MasterHighShelfGain);
        m.Add("/eq/highshelf/f", MasterHighShelfFrequency, ParameterRole.MasterHighShelfFrequency);
        for (int band = 1; band <= MasterEqBells; band++)
        {
            string p = "/eq/" + (char)('0' + band);
            m.Add(p + "/f", MasterBellFrequency[band - 1], ParameterRole.MasterEqBandFrequency, band);
            m.Add(p + "/g", MasterBellGain, ParameterRole.MasterEqBandGain, band);
            m.Add(p + "/q", MasterBellQ, ParameterRole.MasterEqBandQ, band);
        }
        m.Add("/comp/amount", MasterCompAmount, ParameterRole.MasterCompression);
        for (int band = 1; band <= MasterBands; band++)
        {
            string p = "/comp/" + (char)('0' + band);
            m.Add(p + "/thr", MasterBandThreshold, ParameterRole.MasterBandThreshold, band);
            m.Add(p + "/ratio", MasterBandRatio, ParameterRole.MasterBandRatio, band);
            m.Add(p + "/attack", MasterBandAttack, ParameterRole.MasterBandAttack, band);
            m.Add(p + "/release", MasterBandRelease, ParameterRole.MasterBandRelease, band);
            m.Add(p + "/mgain", MasterBandMakeup, ParameterRole.MasterBandMakeup, band);
        }
        for (int x = 1; x < MasterBands; x++) m.Add("/comp/xover/" + (char)('0' + x), MasterCompCrossover[x - 1], ParameterRole.MasterCompCrossover, x);
        m.Add("/width", MasterWidth, ParameterRole.MasterWidth);
        for (int band = 1; band <= MasterBands; band++) m.Add("/imager/" + (char)('0' + band) + "/width", MasterBandWidth, ParameterRole.MasterImagerWidth, band);
        for (int x = 1; x < MasterBands; x++) m.Add("/imager/xover/" + (char)('0' + x), MasterImagerCrossover[x - 1], ParameterRole.MasterImagerCrossover, x);
        m.Add("/imager/bassmono", MasterBassMono, ParameterRole.MasterBassMono);
        m.Add("/sat/on", MasterSaturationOn, ParameterRole.MasterSaturationOn);
        m.Add("/sat/drive", MasterSaturationDrive, ParameterRole.MasterSaturationDrive);
        m.Add("/sat/mix", MasterSaturationMix, ParameterRole.MasterSaturationMix);
        m.Add("/loudness/target", MasterTarget, ParameterRole.MasterLoudnessTarget);
        m.Add("/limiter/ceiling", MasterCeiling, ParameterRole.MasterCeiling);
        m.Add("/limiter/release", MasterLimiterRelease, ParameterRole.MasterLimiterRelease);
        m.Add("/dither/on", MasterDitherOn, ParameterRole.MasterDitherOn);
        m.Add("/dither/bits", MasterDitherBits, ParameterRole.MasterDitherBits);
        m.Add("/dither/shape", MasterDitherShaping, ParameterRole.MasterDitherShaping);
    }
}
