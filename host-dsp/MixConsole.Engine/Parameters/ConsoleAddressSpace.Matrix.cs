namespace MixConsole.Engine.Parameters;

/// <summary>
/// The matrix buses in the X32's shape (fw 4.06): <c>/mtx/NN</c> (config, preamp invert, dyn, insert, 6-band EQ,
/// mix on and fader) and the sends that feed them, <c>/bus/NN/mix/MM</c>, <c>/main/st/mix/MM</c> and
/// <c>/main/m/mix/MM</c> (on and level; the odd send of each matrix pair also holds the pair's pan and tap). Matrices
/// are mono here: a bus's or the mono bus's send pan is kept; main's send pan balances its two sides into the matrix.
/// </summary>
public static partial class ConsoleAddressSpace
{
    /// <summary>The X32's matrix send taps, in its order (IN/LC 0 .. POST 4).</summary>
    public static readonly IReadOnlyList<string> MatrixSendTypes = ["IN/LC", "<-EQ", "EQ->", "PRE", "POST"];

    private static readonly ParameterSpec MatrixSendType = ParameterSpec.Enum(MatrixSendTypes, 4,
        "Tap of the pair's matrix sends: IN/LC, <-EQ, EQ-> and PRE take the source before its fader (after its EQ and dynamics here), POST after it");
    private static readonly ParameterSpec MatrixSendPan = ParameterSpec.Linear(-100, 100, 2, "", 0,
        Kept + "matrices are mono here: the send's pan has no stereo pair to place a mono source in", DisplayStyle.Pan);
    private static readonly ParameterSpec MainMatrixSendPan = ParameterSpec.Linear(-100, 100, 2, "", 0,
        "Balance of main's left and right into the matrix (constant power: -3 dB each at the centre)", DisplayStyle.Pan);

    /// <summary>The path of matrix <paramref name="matrix"/> (from 1), e.g. <c>/mtx/02</c>.</summary>
    public static string MatrixPath(int matrix) => "/mtx/" + matrix.ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    private static void AddMatrices(ParameterTableBuilder builder, int matrices)
    {
        for (int m = 1; m <= matrices; m++)
        {
            var d = new Declarer(builder, MatrixPath(m), ParameterOwner.Matrix, m);
            d.Add("/config/name", Name, ParameterRole.Name);
            d.Keep("/config/icon", Icon);
            d.Keep("/config/color", Color);
            d.Add("/preamp/invert", Invert, ParameterRole.Invert);
            AddDynamics(d, keySource: false);
            AddInsert(d);
            AddEq(d, BusEqBands);
            d.Add("/mix/on", MixOn, ParameterRole.On);
            d.Add("/mix/fader", Fader, ParameterRole.Fader);
        }
    }

    /// <summary>
    /// The sends of a bus, main or mono (<paramref name="d"/>) to every matrix: keyed by the source's owner with the
    /// matrix as the slot. Main's pan is its balance into the matrix pair (role Pan, slot = the pair's odd matrix).
    /// </summary>
    private static void AddMatrixSends(Declarer d, int matrices, bool stereoSource)
    {
        for (int m = 1; m <= matrices; m++)
        {
            string send = "/mix/" + m.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            d.Add(send + "/on", SendOn, ParameterRole.SendOn, m);
            d.Add(send + "/level", SendLevel, ParameterRole.SendLevel, m);
            if (m % 2 == 0) continue;
            if (stereoSource) d.Add(send + "/pan", MainMatrixSendPan, ParameterRole.Pan, m);
            else d.Keep(send + "/pan", MatrixSendPan);
            d.Add(send + "/type", MatrixSendType, ParameterRole.SendTap, m);
        }
    }
}
