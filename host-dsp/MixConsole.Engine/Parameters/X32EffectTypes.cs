using MixConsole.Dsp.Effects;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// The X32's effect types in its order (fw 4.06, Maillot's protocol document): 61 for slots 1-4, 34 (insert effects
/// only) for slots 5-8. The reverbs and the stereo delay carry their parameter tables; this console runs them on its
/// reverb and delay. Every other type has no table here: its pars are stored as the X32 floats they were sent as.
/// Defaults are the tokens a console writes when a slot takes the type.
/// </summary>
public static class X32EffectTypes
{
    /// <summary>Pars per slot (<c>/fx/N/par/01..64</c>).</summary>
    public const int ParameterCount = 64;

    /// <summary>Slots 1-4 take every type; 5-8 the insert effects only.</summary>
    public const int SendSlots = 4;

    private const int LogPoints = 101;

    private static readonly string[] Factors = ["1/4", "3/8", "1/2", "2/3", "1", "4/3", "3/2", "2", "3"];
    private static readonly string[] OffOn = ["OFF", "ON"];

    /// <summary>Slots 1-4, in the X32's order (an OSC int or the label selects one).</summary>
    public static IReadOnlyList<X32EffectType> Send { get; } = BuildSend();

    /// <summary>Slots 5-8, in the X32's order.</summary>
    public static IReadOnlyList<X32EffectType> Insert { get; } = BuildInsert();

    /// <summary>The type list of slot <paramref name="slot"/> (from 1).</summary>
    public static IReadOnlyList<X32EffectType> ForSlot(int slot) => slot <= SendSlots ? Send : Insert;

    /// <summary>The type at position <paramref name="position"/> of slot <paramref name="slot"/>'s list (clamped).</summary>
    public static X32EffectType At(int slot, float position)
    {
        var types = ForSlot(slot);
        return types[Math.Clamp((int)position, 0, types.Count - 1)];
    }

    /// <summary>
    /// The spec par <paramref name="index"/> of <paramref name="store"/>'s table has under its slot's current type (the
    /// X32's range, unit and labels); false for any other parameter, or a par the type has no table for. Allocates nothing.
    /// </summary>
    public static bool TryGetParameterSpec(ParameterStore store, int index, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ParameterSpec? spec)
    {
        ArgumentNullException.ThrowIfNull(store);
        spec = null;
        string path = store.Table[index].Path;
        // "/fx/N/par/NN": the slot's type sits before its sources (slots 1-4) and its pars, in table order.
        if (path.Length != 12 || !path.StartsWith("/fx/", StringComparison.Ordinal) || string.CompareOrdinal(path, 5, "/par/", 0, 5) != 0) return false;
        int slot = path[4] - '0', par = (path[10] - '0') * 10 + path[11] - '0';
        int typeIndex = index - par - (slot <= SendSlots ? 2 : 0);
        if (typeIndex < 0 || store.Table[typeIndex].Path is not { Length: 10 } typePath || typePath[4] != path[4] || !typePath.EndsWith("/type", StringComparison.Ordinal)) return false;
        var parameters = At(slot, store.GetReal(typeIndex)).Parameters;
        if (par > parameters.Count) return false;
        spec = parameters[par - 1];
        return true;
    }

    /// <summary>
    /// After a client set <c>/fx/N/type</c> (table index <paramref name="index"/>) from <paramref name="before"/>: when
    /// the type changed to one with a table here, the slot's pars take its defaults, as the X32 loads them (one batch).
    /// Any other parameter, or an unchanged type, is left alone.
    /// </summary>
    public static void LoadDefaultsOnTypeChange(ParameterStore store, int index, float before)
    {
        ArgumentNullException.ThrowIfNull(store);
        string path = store.Table[index].Path;
        float after = store.GetReal(index);
        if (path.Length != 10 || !path.StartsWith("/fx/", StringComparison.Ordinal) || !path.EndsWith("/type", StringComparison.Ordinal) || after == before) return;
        int slot = path[4] - '0';
        var type = At(slot, after);
        if (type.Parameters.Count == 0) return;
        int first = index + 1 + (slot <= SendSlots ? 2 : 0);
        using (store.BeginBatch())
        {
            for (int k = 0; k < ParameterCount; k++) store.TrySetNormalized(first + k, type.DefaultNormalized[k]);
        }
    }

    // Node tokens as the X32 writes them: whole steps without decimals ("20"), half steps with one ("0.0").
    private static ParameterSpec Lin(double min, double max, double step, string unit, string name) =>
        ParameterSpec.Linear(min, max, step, unit, min, name).InNodeAs(step >= 1 ? 0 : 1);

    // Times and multipliers with two decimals ("1.57", "0.95"); frequencies as the formatter writes them.
    private static ParameterSpec Log(double min, double max, string unit, string name) =>
        unit == "Hz" ? ParameterSpec.Log(min, max, LogPoints, unit, min, name) : ParameterSpec.Log(min, max, LogPoints, unit, min, name).InNodeAs(2);

    private static ParameterSpec Choice(string[] labels, string name) => ParameterSpec.Enum(labels, 0, name);

    private static ParameterSpec PreDelay(double max = 200) => Lin(0, max, 1, "ms", "Pre delay");

    private static ParameterSpec Level => Lin(-12, 12, 0.5, "dB", "Level");

    private static ParameterSpec LoCut(string name = "Lo cut") => Log(10, 500, "Hz", name);

    private static ParameterSpec HiCut(string name = "Hi cut") => Log(200, 20000, "Hz", name);

    private static ParameterSpec Damping => Log(1000, 20000, "Hz", "Damping");

    private static ParameterSpec Percent(string name, double max = 100) => Lin(0, max, 1, "", name);

    private static ParameterSpec Pan(string name) => Lin(-100, 100, 1, "", name);

    private static ParameterSpec[] Hall(double decayMin, double decayMax, bool plate) =>
    [
        PreDelay(), Log(decayMin, decayMax, "s", "Decay"), Lin(2, 100, 1, "", "Size"), Damping, Lin(1, 30, 1, "", "Diffuse"), Level,
        LoCut(), HiCut(), Log(0.5, 2, "", "Bass multiply"),
        plate ? LoCut("Crossover") : Percent("Spread", 50), plate ? Percent("Modulation depth", 50) : Percent("Shape", 250), Percent("Modulation speed"),
    ];

    private static ParameterSpec[] Room(double sizeMax, bool chamber, bool plate) =>
    [
        PreDelay(), Log(0.3, 29, "s", "Decay"), Lin(4, sizeMax, 1, "", "Size"), Damping, Percent("Diffuse"), Level, LoCut(), HiCut(),
        Log(0.25, 4, "", "Bass multiply"), Percent("Spread", 50), plate ? Percent("Attack") : Percent("Shape", 250), Percent("Spin"),
        chamber ? Percent("Reflection left", 500) : Lin(0, 1200, 1, "ms", "Echo left"),
        chamber ? Percent("Reflection right", 500) : Lin(0, 1200, 1, "ms", "Echo right"),
        chamber ? Percent("Reflection gain left") : Pan("Echo feed left"),
        chamber ? Percent("Reflection gain right") : Pan("Echo feed right"),
    ];

    private static ParameterSpec[] Gated(bool reverse) =>
    [
        PreDelay(), Lin(140, 1000, 1, "ms", "Decay"), reverse ? Percent("Rise", 50) : Percent("Attack", 30),
        reverse ? Lin(1, 30, 1, "", "Diffuse") : Lin(1, 50, 1, "", "Density"), Percent("Spread"), Level, LoCut(), HiCut("Hi shelf frequency"),
        Lin(-30, 0, 0.5, "dB", "Hi shelf gain"), .. reverse ? Array.Empty<ParameterSpec>() : [Lin(1, 30, 1, "", "Diffuse")],
    ];

    private static ParameterSpec[] Taps(bool four) => four
        ?
        [
            Lin(1, 3000, 1, "ms", "Time"), Percent("Gain base"), Percent("Feedback"), LoCut(), HiCut(), Lin(0, 6, 1, "", "Spread"),
            Choice(Factors, "Factor A"), Percent("Gain A"), Choice(Factors, "Factor B"), Percent("Gain B"), Choice(Factors, "Factor C"), Percent("Gain C"),
            Choice(OffOn, "Cross feed"), Choice(OffOn, "Mono"), Choice(OffOn, "Dry"),
        ]
        :
        [
            Lin(1, 3000, 1, "ms", "Time"), Percent("Gain base"), Pan("Pan base"), Percent("Feedback"), LoCut(), HiCut(),
            Choice(Factors, "Factor A"), Percent("Gain A"), Pan("Pan A"), Choice(Factors, "Factor B"), Percent("Gain B"), Pan("Pan B"),
            Choice(OffOn, "Cross feed"), Choice(OffOn, "Mono"), Choice(OffOn, "Dry"),
        ];

    private static X32EffectType[] BuildSend()
    {
        var reverb = EffectKernel.Reverb;
        X32EffectType[] run =
        [
            new("HALL", "Hall Reverb", reverb, Hall(0.2, 5, plate: false), "20 1.57 60 5k74 25 0.0 83 7k2 0.95 25 50 30"),
            new("AMBI", "Ambiance", reverb,
                [PreDelay(), Log(0.2, 7.3, "s", "Decay"), Lin(2, 100, 1, "", "Size"), Damping, Lin(1, 30, 1, "", "Diffuse"), Level, LoCut(), HiCut(), Percent("Modulate"), Percent("Tail gain")],
                "4 0.84 60 5k06 30 0.0 71 7k9 20 50"),
            new("RPLT", "Rich Plate Reverb", reverb, Room(39, chamber: false, plate: true), "10 1.70 27 4k47 100 0.0 89 5k0 0.81 18 26 50 90 80 34 -28"),
            new("ROOM", "Room Reverb", reverb, Room(76, chamber: false, plate: false), "6 0.43 18 3k94 68 1.5 83 5k0 1.00 18 40 25 10 20 0 0"),
            new("CHAM", "Chamber Reverb", reverb, Room(76, chamber: true, plate: false), "14 1.70 56 4k47 100 0.0 60 5k0 1.00 33 70 50 115 135 54 66"),
            new("PLAT", "Plate Reverb", reverb, Hall(0.5, 10, plate: true), "32 2.11 60 6k50 30 0.0 60 7k2 1.09 211.44 20 20"),
            new("VREV", "Vintage Reverb", reverb,
                [PreDelay(120), Log(0.3, 4.5, "s", "Decay"), Percent("Modulate"), Choice(OffOn, "Vintage"), Choice(["FRONT", "REAR"], "Position"), Level, LoCut(),
                 Log(10000, 20000, "Hz", "Hi cut"), Log(0.5, 2, "", "Lo multiply"), Log(0.25, 1, "", "Hi multiply")],
                "40 3.0 100 OFF FRONT 0.0 76 11k9 1.00 0.70"),
            new("VRM", "Vintage Room", reverb,
                [PreDelay(), Log(0.1, 20, "s", "Decay"), Percent("Size"), Lin(1, 30, 1, "", "Density"), Percent("ER level"), Level, Log(0.1, 10, "", "Lo multiply"),
                 Log(0.1, 10, "", "Hi multiply"), LoCut(), HiCut(), Percent("ER left", 200), Percent("ER right", 200), Choice(OffOn, "Freeze")],
                "20 2.16 24 30 22 0.0 1.10 0.69 89 10k4 28 34 OFF"),
            new("GATE", "Gated Reverb", reverb, Gated(reverse: false), "8 312 6 22 60 0.0 65 5k0 -12.0 30"),
            new("RVRS", "Reverse Reverb", reverb, Gated(reverse: true), "30 624 28 24 78 0.0 105 7k9 -12.0"),
            new("DLY", "Stereo Delay", EffectKernel.Delay,
                [Percent("Mix"), Lin(1, 3000, 1, "ms", "Time"), Choice(["ST", "X", "M"], "Mode"), Choice(Factors, "Factor left"), Choice(Factors, "Factor right"),
                 Pan("Offset L/R"), LoCut(), HiCut(), LoCut("Feed lo cut"), Percent("Feed left"), Percent("Feed right"), HiCut("Feed hi cut")],
                "100 223 X 1 1 13 10 20k0 97 30 30 20k0"),
            new("3TAP", "3-Tap Delay", EffectKernel.None, Taps(four: false), "200 100 0 30.0 10 20k0 4/3 50 -100 3/2 60 100 OFF OFF OFF"),
            new("4TAP", "Rhythm Delay", EffectKernel.None, Taps(four: true), "200 100 30.0 10 20k0 5 4/3 50 1 50 3/2 50 OFF OFF OFF"),
        ];
        return
        [
            .. run, .. Unrun("CRS", "FLNG", "PHAS", "DIMC", "FILT", "ROTA", "PAN", "SUB", "D/RV", "CR/R", "FL/R", "D/CR", "D/FL", "MODD"),
            .. GraphicEqs(), .. Unrun("DES2", "DES", "P1A", "P1A2", "PQ5", "PQ5S", "WAVD", "LIM", "CMB", "CMB2"),
            .. Unrun("FAC", "FAC1M", "FAC2", "LEC", "LEC2", "ULC", "ULC2", "ENH2", "ENH", "EXC2", "EXC", "IMG", "EDI", "SON", "AMP2", "AMP", "DRV2", "DRV"),
            .. Unrun("PIT2", "PIT"),
        ];
    }

    private static X32EffectType[] BuildInsert() =>
    [
        .. GraphicEqs(), .. Unrun("DES2", "DES", "P1A", "P1A2", "PQ5", "PQ5S", "WAVD", "LIM"),
        .. Unrun("FAC", "FAC1M", "FAC2", "LEC", "LEC2", "ULC", "ULC2", "ENH2", "ENH", "EXC2", "EXC", "IMG", "EDI", "SON", "AMP2", "AMP", "DRV2", "DRV"),
        .. Unrun("PHAS", "FILT", "PAN", "SUB"),
    ];

    // The graphic EQs (Maillot, "Dual Graphic Equalizer / Graphic Equalizer"): 31 band gains and a master level, each
    // linf -15..+15 dB; the dual types hold side A (left) in pars 1-32 and side B (right) in 33-64.
    private static X32EffectType[] GraphicEqs()
    {
        var kernel = EffectKernel.GraphicEq;
        return
        [
            new("GEQ2", "Dual Graphic EQ", kernel, GraphicEqPars(dual: true), GraphicEqDefaults(dual: true)),
            new("GEQ", "Stereo Graphic EQ", kernel, GraphicEqPars(dual: false), GraphicEqDefaults(dual: false)),
            new("TEQ2", "Dual TrueEQ", kernel, GraphicEqPars(dual: true), GraphicEqDefaults(dual: true)),
            new("TEQ", "Stereo TrueEQ", kernel, GraphicEqPars(dual: false), GraphicEqDefaults(dual: false)),
        ];
    }

    private static ParameterSpec[] GraphicEqPars(bool dual)
    {
        int bands = GraphicEqDesign.Bands;
        var pars = new ParameterSpec[(dual ? 2 : 1) * (bands + 1)];
        for (int side = 0; side < (dual ? 2 : 1); side++)
        {
            string suffix = dual ? (side == 0 ? " A" : " B") : "";
            for (int k = 0; k < bands; k++)
                pars[side * (bands + 1) + k] = Lin(-15, 15, 0.5, "dB", "Band " + GraphicEqDesign.CentreHz[k].ToString(System.Globalization.CultureInfo.InvariantCulture) + " Hz" + suffix);
            pars[side * (bands + 1) + bands] = Lin(-15, 15, 0.5, "dB", "Master level" + suffix);
        }

        return pars;
    }

    private static string GraphicEqDefaults(bool dual)
    {
        var tokens = new string[(dual ? 2 : 1) * (GraphicEqDesign.Bands + 1)];
        Array.Fill(tokens, "0.0");
        return string.Join(' ', tokens);
    }

    private static X32EffectType[] Unrun(params string[] labels)
    {
        var types = new X32EffectType[labels.Length];
        for (int k = 0; k < labels.Length; k++) types[k] = new X32EffectType(labels[k], labels[k], EffectKernel.None, [], "");
        return types;
    }
}
