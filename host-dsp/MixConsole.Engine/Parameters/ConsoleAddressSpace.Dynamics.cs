namespace MixConsole.Engine.Parameters;

/// <summary>
/// The gate (<c>/ch/NN/gate</c>) and dynamics (<c>/ch/NN/dyn</c>, also on buses and the main bus) in the X32's shape
/// (fw 4.06), each with its key filter (<c>/gate/filter</c>, <c>/dyn/filter</c>: on, type, frequency). The engine
/// acts on the switches, thresholds, ranges, ratio, knee, times, make-up, mix, position and the key filters; the
/// X32's compressor mode EXP, envelope, compressor hold, key sources and auto times are stored and echoed.
/// </summary>
public static partial class ConsoleAddressSpace
{
    /// <summary>The X32's gate modes: expanders 1:2, 1:3, 1:4, gate, ducker (positions 0..4).</summary>
    public static readonly IReadOnlyList<string> GateModes = ["EXP2", "EXP3", "EXP4", "GATE", "DUCK"];

    /// <summary>The X32's compressor ratios (x:1) by position 0..11, as its <c>/dyn/ratio</c> enum labels them.</summary>
    public static readonly IReadOnlyList<string> CompressorRatios = ["1.1", "1.3", "1.5", "2.0", "2.5", "3.0", "4.0", "5.0", "7.0", "10", "20", "100"];

    /// <summary>Soft-knee width in dB of each step of the X32's knee 0..5 (the width this console's knee 0..10 dB had).</summary>
    public const float CompressorKneeDbPerStep = 2f;

    private static readonly float[] CompressorRatioValues = ParseRatios();

    /// <summary>The X32's key filter types: low cuts and high cuts of 6 and 12 dB/oct, then band-passes of Q 1 to 10.</summary>
    public static readonly IReadOnlyList<string> KeyFilterTypes = ["LC6", "LC12", "HC6", "HC12", "1.0", "2.0", "3.0", "5.0", "10.0"];

    private static readonly ParameterSpec GateOn = ParameterSpec.Bool(false, "Gate/expander on");
    private static readonly ParameterSpec GateMode = ParameterSpec.Enum(GateModes, 3,
        "Expander 1:2, 1:3, 1:4, gate, or ducker (DUCK is stored and echoed; the engine passes the signal unducked in that mode)");
    private static readonly ParameterSpec GateThreshold = ParameterSpec.Linear(-80, 0, 0.5, "dB", -80, "Gate threshold");
    private static readonly ParameterSpec GateRange = ParameterSpec.Linear(3, 60, 1, "dB", 60, "Gate range (most attenuation when closed)");
    private static readonly ParameterSpec GateAttack = ParameterSpec.Linear(0, 120, 1, "ms", 1, "Gate attack").InNodeAs(0);
    private static readonly ParameterSpec GateHold = ParameterSpec.Log(0.02, 2000, 101, "ms", 50, "Gate hold").InNodeAs(2);
    private static readonly ParameterSpec GateRelease = ParameterSpec.Log(5, 4000, 101, "ms", 200, "Gate release").InNodeAs(0);
    private static readonly ParameterSpec KeySource = ParameterSpec.Index(65, 0, Kept + "the detector here always hears its own strip (no external key source)");

    private static readonly ParameterSpec KeyFilterOn = ParameterSpec.Bool(false, "Key (detector) filter on");
    private static readonly ParameterSpec KeyFilterType = ParameterSpec.Enum(KeyFilterTypes, 6,
        "Key filter: LC6/LC12 low cut, HC6/HC12 high cut (6 or 12 dB/oct), or a band-pass of Q 1.0 to 10.0");
    private static readonly ParameterSpec KeyFilterFrequency = ParameterSpec.Log(20, 20000, 201, "Hz", 1000, "Key filter frequency");

    private static readonly ParameterSpec DynOn = ParameterSpec.Bool(false, "Compressor on");
    private static readonly ParameterSpec DynMode = ParameterSpec.Enum(["COMP", "EXP"], 0, Kept + "the dynamics here only compress (EXP acts as COMP)");
    private static readonly ParameterSpec DynDetector = ParameterSpec.Enum(["PEAK", "RMS"], 0, "Compressor detector");
    private static readonly ParameterSpec DynEnvelope = ParameterSpec.Enum(["LIN", "LOG"], 1, Kept + "the compressor's release here is always logarithmic (LOG)");
    private static readonly ParameterSpec DynThreshold = ParameterSpec.Linear(-60, 0, 0.5, "dB", 0, "Compressor threshold");
    private static readonly ParameterSpec DynRatio = ParameterSpec.Enum(CompressorRatios, 6, "Compressor ratio, the X32's list (4.0 is 4:1)", ":1");
    private static readonly ParameterSpec DynKnee = ParameterSpec.Linear(0, 5, 1, "", 1, "Compressor knee, the X32's 0..5: 0 hard, each step 2 dB more soft-knee width").InNodeAs(0);
    private static readonly ParameterSpec DynMakeUp = ParameterSpec.Linear(0, 24, 0.5, "dB", 0, "Compressor make-up gain");
    private static readonly ParameterSpec DynAttack = ParameterSpec.Linear(0, 120, 1, "ms", 10, "Compressor attack").InNodeAs(0);
    private static readonly ParameterSpec DynHold = ParameterSpec.Log(0.02, 2000, 101, "ms", 10, Kept + "the compressor here has no hold").InNodeAs(2);
    private static readonly ParameterSpec DynRelease = ParameterSpec.Log(5, 4000, 101, "ms", 100, "Compressor release").InNodeAs(0);
    private static readonly ParameterSpec DynPosition = ParameterSpec.Enum(["PRE", "POST"], 1, "Compressor before (PRE) or after (POST) the EQ");
    private static readonly ParameterSpec DynMix = ParameterSpec.Linear(0, 100, 5, "%", 100, "Compressor wet/dry mix (parallel compression)").InNodeAs(0);
    private static readonly ParameterSpec DynAuto = ParameterSpec.Bool(false, Kept + "no automatic attack and release here");

    private static void AddGate(Declarer d)
    {
        d.Add("/gate/on", GateOn, ParameterRole.GateOn);
        d.Add("/gate/mode", GateMode, ParameterRole.GateMode);
        d.Add("/gate/thr", GateThreshold, ParameterRole.GateThreshold);
        d.Add("/gate/range", GateRange, ParameterRole.GateRange);
        d.Add("/gate/attack", GateAttack, ParameterRole.GateAttack);
        d.Add("/gate/hold", GateHold, ParameterRole.GateHold);
        d.Add("/gate/release", GateRelease, ParameterRole.GateRelease);
        d.Keep("/gate/keysrc", KeySource);
        AddKeyFilter(d, "/gate/filter", ParameterRole.GateKeyFilterOn, ParameterRole.GateKeyFilterType, ParameterRole.GateKeyFrequency);
    }

    // A matrix's compressor has no key source on the X32 (its /mtx/NN/dyn line has 14 fields on fw 4.06).
    private static void AddDynamics(Declarer d, bool keySource = true)
    {
        d.Add("/dyn/on", DynOn, ParameterRole.DynamicsOn);
        d.Keep("/dyn/mode", DynMode);
        d.Add("/dyn/det", DynDetector, ParameterRole.DynamicsDetector);
        d.Keep("/dyn/env", DynEnvelope);
        d.Add("/dyn/thr", DynThreshold, ParameterRole.DynamicsThreshold);
        d.Add("/dyn/ratio", DynRatio, ParameterRole.DynamicsRatio);
        d.Add("/dyn/knee", DynKnee, ParameterRole.DynamicsKnee);
        d.Add("/dyn/mgain", DynMakeUp, ParameterRole.DynamicsMakeup);
        d.Add("/dyn/attack", DynAttack, ParameterRole.DynamicsAttack);
        d.Keep("/dyn/hold", DynHold);
        d.Add("/dyn/release", DynRelease, ParameterRole.DynamicsRelease);
        d.Add("/dyn/pos", DynPosition, ParameterRole.DynamicsPosition);
        if (keySource) d.Keep("/dyn/keysrc", KeySource);
        d.Add("/dyn/mix", DynMix, ParameterRole.DynamicsMix);
        d.Keep("/dyn/auto", DynAuto);
        AddKeyFilter(d, "/dyn/filter", ParameterRole.DynamicsKeyFilterOn, ParameterRole.DynamicsKeyFilterType, ParameterRole.DynamicsKeyFrequency);
    }

    /// <summary>The ratio (x:1) the compressor runs at for ratio position <paramref name="position"/> (0..11).</summary>
    public static float CompressorRatio(float position) => CompressorRatioValues[Math.Clamp((int)position, 0, CompressorRatioValues.Length - 1)];

    /// <summary>The soft-knee width in dB the compressor runs at for the X32's knee <paramref name="knee"/> (0..5).</summary>
    public static float CompressorKneeDb(float knee) => CompressorKneeDbPerStep * knee;

    private static float[] ParseRatios()
    {
        var ratios = new float[CompressorRatios.Count];
        for (int i = 0; i < ratios.Length; i++)
        {
            ratios[i] = float.Parse(CompressorRatios[i], System.Globalization.CultureInfo.InvariantCulture);
        }

        return ratios;
    }

    private static void AddKeyFilter(Declarer d, string node, ParameterRole on, ParameterRole type, ParameterRole frequency)
    {
        d.Add(node + "/on", KeyFilterOn, on);
        d.Add(node + "/type", KeyFilterType, type);
        d.Add(node + "/f", KeyFilterFrequency, frequency);
    }
}
