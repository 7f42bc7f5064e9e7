namespace MixConsole.Engine.Parameters;

/// <summary>
/// Values saved under a path the table had before it took the X32's shape, as the table holds them now, so older
/// scenes, show files and stores recall the same sound: moved paths (<see cref="ParameterPaths.TryGetCurrent"/>);
/// a send's tap (0 PREEQ, 1 PRE, 2 POST) is the X32 type of its pair (1 &lt;-EQ, 3 PRE, 4 POST) on the odd send, and
/// an even send's tap is dropped (the X32 keeps one per pair); a key high-pass (<c>/gate/keyf</c>, <c>/dyn/hpf</c>,
/// 20 Hz = off) is the X32 key filter (<c>/gate/filter</c>, <c>/dyn/filter</c>: on, LC12, the frequency); an effect
/// slot's REVERB or DELAY with its named parameters (<c>/fx/1/reverb/decay</c>) is the X32's HALL or DLY with its pars;
/// a strip's solo (<c>/ch/01/solo</c>) is its solo switch (<see cref="ParameterPaths.TryGetSoloSwitch"/>).
/// </summary>
public static class FormerParameters
{
    // The compressor's key high-pass was 20..400 Hz on 101 points; its wire value is read on that grid.
    private static readonly ParameterSpec FormerDynamicsHighPass = ParameterSpec.Log(20, 400, 101, "Hz", 20, "Former compressor key high-pass");

    // A send's tap was one per bus: PREEQ, PRE, POST.
    private static readonly ParameterSpec FormerMatrixKeySource = ParameterSpec.Index(65, 0, "Former matrix compressor key source");
    private static readonly ParameterSpec FormerSendTap = ParameterSpec.Enum(["PREEQ", "PRE", "POST"], 2, "Former send tap");

    /// <summary>
    /// How scene values are numbered now: 4, compressor ratios and knees as the X32's, and slots 5-8 running. Format 3 had the ratio as a float
    /// on the X32's 12 ratios and the knee 0..10 dB in half steps; format 2 REVERB 0 and DELAY 1 and one stereo return per
    /// slot; format 1 no VEQ.
    /// </summary>
    public const int CurrentFormat = 4;

    /// <summary>The format from which a compressor's ratio is the X32's enum position (0..11) and its knee the X32's 0..5.</summary>
    public const int X32DynamicsFormat = 4;

    /// <summary>
    /// The format from which slots 5-8 run (insert effects). Before it their pars acted on nothing and were saved at the
    /// 0.0 they started at, which a graphic EQ reads as -15 dB on every band: a slot whose saved pars are all 0.0 loads
    /// its type's defaults instead; a slot with any other par saved keeps what was saved.
    /// </summary>
    public const int InsertEffectsFormat = 4;

    /// <summary>True when <paramref name="path"/> is a par of slots 5-8 (<c>/fx/5/par/01</c>): slot in <paramref name="slot"/>.</summary>
    public static bool IsInsertSlotPar(string path, out int slot)
    {
        ArgumentNullException.ThrowIfNull(path);
        slot = path.Length > 5 && path.StartsWith("/fx/", StringComparison.Ordinal) && path.AsSpan(5).StartsWith("/par/") ? path[4] - '0' : 0;
        return slot > X32EffectTypes.SendSlots && slot <= Configuration.ConsoleConfig.MaxFxSlots;
    }

    // Before format 4 the ratio was a float on the X32's 12 ratios (its real value the ratio) and the knee 0..10 dB.
    private static readonly ParameterSpec FormerRatio = ParameterSpec.Table([1.1, 1.3, 1.5, 2, 2.5, 3, 4, 5, 7, 10, 20, 100], ":1", 4, "Former compressor ratio");
    private static readonly ParameterSpec FormerKnee = ParameterSpec.Linear(0, 10, 0.5, "dB", 2, "Former compressor knee width");

    /// <summary>The format from which EQ types are numbered as the X32 (VEQ at 3).</summary>
    public const int VeqFormat = 2;

    /// <summary>The format from which effect slots hold the X32's types and pars.</summary>
    public const int X32EffectsFormat = 3;

    /// <summary>An effect slot's type before format 3: 0 REVERB, 1 DELAY (read by label or number).</summary>
    public static ParameterSpec FormerEffectType { get; } = ParameterSpec.Enum(["REVERB", "DELAY"], 0, "Former effect type");

    // The X32's HALL and DLY, what a former REVERB and DELAY are now.
    private const int HallType = 0, DelayType = 10;

    // The named effect parameters before the X32's pars, on the grids they were saved on.
    private static readonly Dictionary<string, ParameterSpec> FormerEffectSpecs = new()
    {
        ["reverb/predelay"] = ParameterSpec.Linear(0, 200, 1, "ms", 20, "Former reverb pre-delay"),
        ["reverb/decay"] = ParameterSpec.Log(0.2, 10, 101, "s", 1.5, "Former reverb decay"),
        ["reverb/size"] = ParameterSpec.Linear(0, 100, 1, "%", 50, "Former reverb size"),
        ["reverb/damping"] = ParameterSpec.Linear(0, 100, 1, "%", 50, "Former reverb damping"),
        ["delay/mode"] = ParameterSpec.Enum(["TIME", "TEMPO"], 0, "Former delay mode"),
        ["delay/time"] = ParameterSpec.Linear(1, 2000, 1, "ms", 350, "Former delay time"),
        ["delay/tempo"] = ParameterSpec.Linear(30, 300, 0.5, "BPM", 120, "Former delay tempo"),
        ["delay/note"] = ParameterSpec.Enum(["1/2", "1/4.", "1/4", "1/4T", "1/8.", "1/8", "1/8T", "1/16"], 4, "Former delay note"),
        ["delay/feedback"] = ParameterSpec.Linear(0, 95, 1, "%", 30, "Former delay feedback"),
        ["delay/lowcut"] = ParameterSpec.Log(20, 2000, 101, "Hz", 100, "Former delay low cut"),
        ["delay/highcut"] = ParameterSpec.Log(1000, 20000, 101, "Hz", 8000, "Former delay high cut"),
        ["delay/pingpong"] = ParameterSpec.Bool(false, "Former delay ping-pong"),
    };

    /// <summary>True for an effect slot's type (<c>/fx/1/type</c>), the value whose numbering format 3 changed.</summary>
    public static bool IsEffectType(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Length == 10 && path.StartsWith("/fx/", StringComparison.Ordinal) && path.EndsWith("/type", StringComparison.Ordinal);
    }

    /// <summary>A former effect type (0 REVERB, 1 DELAY) as the X32's type list numbers it (HALL, DLY).</summary>
    public static float EffectTypeBeforeX32(float type) => type >= 1 ? DelayType : HallType;

    /// <summary>
    /// True for a former named effect parameter; <paramref name="delay"/> says whether it belonged to the delay (it
    /// then applies when the slot's type is DLY) or to the reverb (when HALL).
    /// </summary>
    public static bool IsFormerEffect(string path, out int slot, out bool delay)
    {
        ArgumentNullException.ThrowIfNull(path);
        slot = 0;
        delay = false;
        if (path.Length < 8 || !path.StartsWith("/fx/", StringComparison.Ordinal) || path[5] != '/' || !FormerEffectSpecs.ContainsKey(path[6..])) return false;
        slot = path[4] - '0';
        delay = path[6] == 'd';
        return true;
    }

    /// <summary>The X32 type a slot holding <paramref name="type"/> runs the former parameters of: true for DLY.</summary>
    public static bool RunsFormerDelay(float type) => (int)type == DelayType;

    /// <summary>The first format in which <c>/fxrtn/NN</c> is the X32's return strip (two per slot) rather than slot NN's stereo return.</summary>
    public const int ReturnStripsFormat = 3;

    /// <summary>
    /// For a scene written before <see cref="ReturnStripsFormat"/>: the paths a value saved under <paramref name="former"/>
    /// sets now. Slot NN's stereo return sets both its returns (name, icon, colour, on, fader, solo), its balance the odd
    /// one's pan, and <paramref name="link"/> names the <c>/config/fxlink</c> that pairs them (on: the return was
    /// stereo). An fxlink of then had no effect and sets nothing. False for any other path.
    /// </summary>
    public static bool TryGetStereoReturnSuccessors(string former, out string[] paths, out string? link)
    {
        ArgumentNullException.ThrowIfNull(former);
        paths = [];
        link = null;
        if (former.StartsWith("/config/fxlink/", StringComparison.Ordinal)) return true;
        if (!former.StartsWith("/fxrtn/", StringComparison.Ordinal) || former.Length < 10
            || !int.TryParse(former.AsSpan(7, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int slot) || slot < 1)
        {
            return false;
        }

        string rest = former[9..];
        int left = 2 * slot - 1;
        paths = rest == "/mix/pan" ? [ParameterPaths.FxReturn(left) + rest] : [ParameterPaths.FxReturn(left) + rest, ParameterPaths.FxReturn(left + 1) + rest];
        link = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/config/fxlink/{left}-{left + 1}");
        return true;
    }

    /// <summary>True for a compressor's ratio or knee (<c>/bus/01/dyn/knee</c>), the values whose numbering format 4 changed.</summary>
    public static bool IsCompressorRatioOrKnee(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.EndsWith("/dyn/ratio", StringComparison.Ordinal) || path.EndsWith("/dyn/knee", StringComparison.Ordinal);
    }

    /// <summary>The spec a compressor's ratio or knee (<see cref="IsCompressorRatioOrKnee"/>) was written on before format 4.</summary>
    public static ParameterSpec FormerCompressorSpec(string path) => path.EndsWith("/ratio", StringComparison.Ordinal) ? FormerRatio : FormerKnee;

    /// <summary>
    /// A compressor ratio (x:1) or knee (dB) as held before format 4, as held now: the ratio's position in the X32's list, the
    /// knee in the X32's whole steps of 2 dB, a half step rounding up (1 dB is knee 1, 2 dB; 9 dB knee 5, 10 dB).
    /// </summary>
    public static float CompressorBeforeX32(string path, float real)
    {
        if (path.EndsWith("/knee", StringComparison.Ordinal)) return MathF.Floor(real / ConsoleAddressSpace.CompressorKneeDbPerStep + 0.5f);
        int position = 0;
        for (int k = 1; k < ConsoleAddressSpace.CompressorRatios.Count; k++)
        {
            if (MathF.Abs(ConsoleAddressSpace.CompressorRatio(k) - real) < MathF.Abs(ConsoleAddressSpace.CompressorRatio(position) - real)) position = k;
        }

        return position;
    }

    /// <summary>True for an EQ band's type (<c>/ch/01/eq/4/type</c>), the value whose numbering format 2 changed.</summary>
    public static bool IsEqType(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.EndsWith("/type", StringComparison.Ordinal) && path.Length > 12 && path[^6] is >= '1' and <= '6' && path.AsSpan(0, path.Length - 7).EndsWith("/eq");
    }

    /// <summary>An EQ type written in format 1 (0 LCut, 1 LShv, 2 PEQ, 3 HShv, 4 HCut) as numbered now (HShv 4, HCut 5).</summary>
    public static float EqTypeBeforeVeq(float type) => type >= 3 ? type + 1 : type;

    /// <summary>True when <paramref name="path"/> is a path of an older table.</summary>
    public static bool IsFormer(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ParameterPaths.TryGetCurrent(path, out _) || ParameterPaths.IsFormerSendTap(path, out _) || IsKeyHighPass(path, out _)
            || IsFormerEffect(path, out _, out _) || ParameterPaths.IsFormerSolo(path, out _, out _) || IsMatrixKeySource(path);
    }

    /// <summary>
    /// True for <c>/mtx/NN/dyn/keysrc</c>: kept here until the X32's matrix compressor was seen to have no key source;
    /// an older scene's value (it acted on nothing) is read and set nowhere.
    /// </summary>
    public static bool IsMatrixKeySource(string path) =>
        path.Length == 18 && path.StartsWith("/mtx/", StringComparison.Ordinal) && path.EndsWith("/dyn/keysrc", StringComparison.Ordinal);

    /// <summary>The spec a former path's wire value (0..1 float, int) was written on, in <paramref name="table"/>; null when it has none there.</summary>
    public static ParameterSpec? WireSpec(string former, ParameterTable table)
    {
        ArgumentNullException.ThrowIfNull(former);
        ArgumentNullException.ThrowIfNull(table);
        if (former.EndsWith("/dyn/hpf", StringComparison.Ordinal)) return FormerDynamicsHighPass;
        if (ParameterPaths.IsFormerSendTap(former, out _)) return FormerSendTap;
        if (IsMatrixKeySource(former)) return FormerMatrixKeySource;
        if (IsFormerEffect(former, out int slot, out _)) return table.TryGetIndex(ParameterPaths.Fx(slot) + "/type", out _) ? FormerEffectSpecs[former[6..]] : null;
        if (ParameterPaths.IsFormerSolo(former, out _, out _))
        {
            return ParameterPaths.TryGetSoloSwitch(former, table.Config, out string solo) && table.TryGetIndex(solo, out int at) ? table[at].Spec : null;
        }

        return Successor(former) is { } path && table.TryGetIndex(path, out int index) ? table[index].Spec : null;
    }

    /// <summary>
    /// Adds to <paramref name="into"/> the current paths and real values that <paramref name="real"/>, saved under
    /// <paramref name="former"/>, becomes (none for a value no table holds now) on a console of <paramref name="config"/>.
    /// </summary>
    public static void Migrate(string former, float real, List<(string Path, float Real)> into, Configuration.ConsoleConfig config)
    {
        ArgumentNullException.ThrowIfNull(former);
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(config);
        if (ParameterPaths.TryGetSoloSwitch(former, config, out string solo))
        {
            into.Add((solo, real));
        }
        else if (ParameterPaths.IsFormerSendTap(former, out int bus))
        {
            if (bus % 2 == 1) into.Add((Successor(former)!, real switch { 0 => 1, 1 => 3, _ => 4 }));
        }
        else if (IsKeyHighPass(former, out string filter))
        {
            bool on = real > 20.5f;
            into.Add((filter + "/on", on ? 1 : 0));
            into.Add((filter + "/type", KeyFilterLowCut12));
            into.Add((filter + "/f", on ? real : 1000f));
        }
        else if (IsFormerEffect(former, out int slot, out bool delay))
        {
            MigrateEffect(ParameterPaths.Fx(slot) + "/par/", former[(delay ? 12 : 13)..], real, delay, into);
        }
        else if (ParameterPaths.TryGetCurrent(former, out string current))
        {
            into.Add((current, real));
        }
    }

    // A former reverb value as HALL's par, a former delay value as DLY's: a delay time brings DLY's own mix, mode and
    // factors (100, ST, 1 and 1), a feedback both sides' feeds. Tempo and note are dropped (DLY has no tempo of its own).
    private static void MigrateEffect(string pars, string name, float real, bool delay, List<(string Path, float Real)> into)
    {
        var type = X32EffectTypes.Send[delay ? DelayType : HallType];
        void Par(int par, float value) => into.Add((pars + par.ToString("00", System.Globalization.CultureInfo.InvariantCulture), type.Parameters[par - 1].ToNormalized(value)));
        const int factorOne = 4;
        switch (name)
        {
            case "predelay": Par(1, real); break;
            case "decay": Par(2, real); break;
            case "size": Par(3, 2 + 0.98f * real); break;
            case "damping": Par(4, 1000f * MathF.Pow(20f, 1f - real / 100f)); break;
            case "time": Par(1, 100); Par(2, real); Par(4, factorOne); Par(5, factorOne); break;
            case "feedback": Par(10, real); Par(11, real); break;
            case "lowcut": Par(9, real); break;
            case "highcut": Par(12, real); break;
            case "pingpong": Par(3, real >= 0.5f ? 1 : 0); break;
            default: break;
        }
    }

    /// <summary>The key filter type LC12 (12 dB/oct low cut), what a former key high-pass was.</summary>
    internal const int KeyFilterLowCut12 = 1;

    private static string? Successor(string former)
    {
        if (ParameterPaths.IsFormerSendTap(former, out _)) return string.Concat(former.AsSpan(0, former.Length - 3), "type");
        if (IsKeyHighPass(former, out string filter)) return filter + "/f";
        return ParameterPaths.TryGetCurrent(former, out string current) ? current : null;
    }

    // "/ch/01/gate/keyf" and "/bus/03/dyn/hpf": the key high-pass before the X32's key filter; filter is "/ch/01/gate/filter".
    private static bool IsKeyHighPass(string path, out string filter)
    {
        filter = "";
        string? node = path.EndsWith("/gate/keyf", StringComparison.Ordinal) ? "/gate" : path.EndsWith("/dyn/hpf", StringComparison.Ordinal) ? "/dyn" : null;
        if (node is null || !path.StartsWith('/')) return false;
        filter = string.Concat(path.AsSpan(0, path.LastIndexOf('/')), "/filter");
        return true;
    }
}
