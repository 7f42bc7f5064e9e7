namespace MixConsole.Engine.Parameters;

/// <summary>
/// Values saved under a path the table had before it took the X32's shape, as the table holds them now, so older
/// scenes, show files and stores recall the same sound: moved paths (<see cref="ParameterPaths.TryGetCurrent"/>);
/// a send's tap (0 PREEQ, 1 PRE, 2 POST) is the X32 type of its pair (1 &lt;-EQ, 3 PRE, 4 POST) on the odd send, and
/// an even send's tap is dropped (the X32 keeps one per pair); a key high-pass (<c>/gate/keyf</c>, <c>/dyn/hpf</c>,
/// 20 Hz = off) is the X32 key filter (<c>/gate/filter</c>, <c>/dyn/filter</c>: on, LC12, the frequency).
/// </summary>
public static class FormerParameters
{
    // The compressor's key high-pass was 20..400 Hz on 101 points; its wire value is read on that grid.
    private static readonly ParameterSpec FormerDynamicsHighPass = ParameterSpec.Log(20, 400, 101, "Hz", 20, "Former compressor key high-pass");

    // A send's tap was one per bus: PREEQ, PRE, POST.
    private static readonly ParameterSpec FormerSendTap = ParameterSpec.Enum(["PREEQ", "PRE", "POST"], 2, "Former send tap");

    /// <summary>
    /// How scene values are numbered now: 3, effect returns as the X32's two strips per slot. Format 2 numbered EQ
    /// types as the X32 (VEQ at 3); format 1 had no VEQ.
    /// </summary>
    public const int CurrentFormat = 3;

    /// <summary>The first format with EQ types numbered as the X32 (VEQ at 3).</summary>
    public const int VeqFormat = 2;

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
        return ParameterPaths.TryGetCurrent(path, out _) || ParameterPaths.IsFormerSendTap(path, out _) || IsKeyHighPass(path, out _);
    }

    /// <summary>The spec a former path's wire value (0..1 float, int) was written on, in <paramref name="table"/>; null when it has none there.</summary>
    public static ParameterSpec? WireSpec(string former, ParameterTable table)
    {
        ArgumentNullException.ThrowIfNull(former);
        ArgumentNullException.ThrowIfNull(table);
        if (former.EndsWith("/dyn/hpf", StringComparison.Ordinal)) return FormerDynamicsHighPass;
        if (ParameterPaths.IsFormerSendTap(former, out _)) return FormerSendTap;
        return Successor(former) is { } path && table.TryGetIndex(path, out int index) ? table[index].Spec : null;
    }

    /// <summary>
    /// Adds to <paramref name="into"/> the current paths and real values that <paramref name="real"/>, saved under
    /// <paramref name="former"/>, becomes (none for a value no table holds now).
    /// </summary>
    public static void Migrate(string former, float real, List<(string Path, float Real)> into)
    {
        ArgumentNullException.ThrowIfNull(former);
        ArgumentNullException.ThrowIfNull(into);
        if (ParameterPaths.IsFormerSendTap(former, out int bus))
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
        else if (ParameterPaths.TryGetCurrent(former, out string current))
        {
            into.Add((current, real));
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
