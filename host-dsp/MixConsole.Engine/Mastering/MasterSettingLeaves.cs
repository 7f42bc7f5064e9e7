using System.Globalization;
using MixConsole.Dsp.Mastering;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Mastering;

/// <summary>
/// One complete master setting as its leaves (paths below a slot's prefix, e.g. "/eq/1/g", with real values) and a
/// <see cref="MasterChain"/> set up offline: <see cref="Read"/> takes the leaves from a chain a preset configured,
/// <see cref="ApplyTo"/> configures a chain from leaves (a user preset rendered by <c>master --preset</c>). Both map
/// through the same stage settings the live compiler targets, so a setting means the same sound live and offline.
/// Leaves that are delivery, not sound (loudness target, ceiling, dither), are the offline pipeline's own.
/// </summary>
public static class MasterSettingLeaves
{
    private const int Bands = ConsoleAddressSpace.MasterBands, Bells = ConsoleAddressSpace.MasterEqBells;

    private static string N(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every leaf of one setting at its default.</summary>
    public static Dictionary<string, float> Defaults()
    {
        var leaves = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (ParameterDescriptor p in DefaultTable.Parameters)
            if (MasterSlots.IsSettingOf(p, MasterSlots.A)) leaves[p.Path[ParameterPaths.Master.Length..]] = p.Spec.Default;
        return leaves;
    }

    private static readonly ParameterTable DefaultTable = ParameterTable.Create(Configuration.ConsoleConfig.Default);

    /// <summary>The leaves of the setting <paramref name="chain"/> holds (configured, not yet run): stages bypassed read as neutral.</summary>
    public static Dictionary<string, float> Read(MasterChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        Dictionary<string, float> leaves = Defaults();
        if (!chain.IsBypassed(MasterStage.Eq)) ReadEq(chain.Eq, leaves);
        if (!chain.IsBypassed(MasterStage.Multiband))
        {
            leaves["/comp/amount"] = 100;
            for (int b = 0; b < Bands; b++)
            {
                var band = chain.Multiband.Band(b);
                string p = "/comp/" + N(b + 1);
                leaves[p + "/thr"] = band.ThresholdDb;
                leaves[p + "/ratio"] = band.Ratio;
                leaves[p + "/attack"] = band.AttackMs;
                leaves[p + "/release"] = band.ReleaseMs;
                leaves[p + "/mgain"] = band.MakeupGainDb;
            }
            for (int x = 0; x < Bands - 1; x++) leaves["/comp/xover/" + N(x + 1)] = (float)chain.Multiband.Crossover.GetCrossoverHz(x);
        }
        if (!chain.IsBypassed(MasterStage.Imager))
        {
            leaves["/imager/bassmono"] = chain.Imager.BassMono ? 1 : 0;
            for (int b = 0; b < Bands; b++) leaves["/imager/" + N(b + 1) + "/width"] = (float)chain.Imager.GetWidthPercent(b);
            for (int x = 0; x < Bands - 1; x++) leaves["/imager/xover/" + N(x + 1)] = (float)chain.Imager.Crossover.GetCrossoverHz(x);
        }
        if (!chain.IsBypassed(MasterStage.Saturation))
        {
            leaves["/sat/on"] = 1;
            leaves["/sat/drive"] = (float)chain.Saturation.DriveDb;
            leaves["/sat/mix"] = (float)(100 * chain.Saturation.Mix);
        }
        leaves["/limiter/release"] = (float)chain.Limiter.ReleaseMs;
        return leaves;
    }

    /// <summary>
    /// Configures <paramref name="chain"/> (before <see cref="MasterChain.Prepare"/>) with <paramref name="leaves"/> (missing
    /// ones at their defaults): input gain on top of the trim already set, EQ, multiband, imager, saturation, limiter
    /// release. A stage the setting leaves neutral is bypassed, as the built-in presets do.
    /// </summary>
    public static void ApplyTo(MasterChain chain, IReadOnlyDictionary<string, float> leaves)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(leaves);
        Dictionary<string, float> all = Defaults();
        foreach (var (leaf, value) in leaves) if (all.ContainsKey(leaf)) all[leaf] = value;
        float V(string leaf) => all[leaf];

        chain.InputTrim.GainDb += V("/input/gain");
        chain.Eq.SetBand(0, EqBandType.Tilt, MasterChainCompiler.TiltCentreHz, V("/eq/tilt"), 0.5);
        chain.Eq.SetBand(1, EqBandType.LowShelf, V("/eq/lowshelf/f"), V("/eq/lowshelf/g"), MasterChainCompiler.ShelfQ);
        chain.Eq.SetBand(2, EqBandType.HighShelf, V("/eq/highshelf/f"), V("/eq/highshelf/g"), MasterChainCompiler.ShelfQ);
        bool eq = V("/eq/tilt") != 0 || V("/eq/lowshelf/g") != 0 || V("/eq/highshelf/g") != 0;
        for (int b = 0; b < Bells; b++)
        {
            string p = "/eq/" + N(b + 1);
            chain.Eq.SetBand(3 + b, EqBandType.Bell, V(p + "/f"), V(p + "/g"), V(p + "/q"));
            eq |= V(p + "/g") != 0;
        }
        chain.SetBypass(MasterStage.Eq, !eq);

        float amount = Math.Clamp(V("/comp/amount") / 100f, 0f, 1f);
        bool dynamics = amount > 0;
        for (int b = 0; b < Bands; b++)
        {
            string p = "/comp/" + N(b + 1);
            var band = chain.Multiband.Band(b);
            (band.ThresholdDb, band.Ratio) = MasterChainCompiler.BandCurve(amount, V(p + "/thr"), V(p + "/ratio"));
            band.KneeDb = MasterChainCompiler.MultibandKneeDb;
            band.AttackMs = V(p + "/attack");
            band.ReleaseMs = V(p + "/release");
            band.MakeupGainDb = V(p + "/mgain");
            dynamics |= V(p + "/mgain") != 0;
        }
        for (int x = 0; x < Bands - 1; x++) chain.Multiband.Crossover.SetCrossoverHz(x, V("/comp/xover/" + N(x + 1)));
        chain.SetBypass(MasterStage.Multiband, !dynamics);

        bool width = false;
        chain.Imager.BassMono = false; // the live chain's bass mono is band 1 at 0 %
        for (int b = 0; b < Bands; b++)
        {
            float w = b == 0 && V("/imager/bassmono") != 0 ? 0f : Math.Clamp(V("/width") * V("/imager/" + N(b + 1) + "/width") / 100f, 0f, 200f);
            chain.Imager.SetWidthPercent(b, w);
            width |= w != 100;
        }
        for (int x = 0; x < Bands - 1; x++) chain.Imager.Crossover.SetCrossoverHz(x, V("/imager/xover/" + N(x + 1)));
        chain.SetBypass(MasterStage.Imager, !width);

        chain.SetBypass(MasterStage.Saturation, V("/sat/on") == 0);
        chain.Saturation.DriveDb = V("/sat/drive");
        chain.Saturation.Mix = V("/sat/mix") / 100.0;
        chain.Limiter.ReleaseMs = V("/limiter/release");
    }

    // The offline EQ's bands onto the leaves: the first low and high shelf, then the bells in order.
    private static void ReadEq(MasterEq eq, Dictionary<string, float> leaves)
    {
        bool lowShelf = false, highShelf = false;
        int bells = 0;
        for (int b = 0; b < MasterEq.MaxBands; b++)
        {
            float f = (float)eq.GetBandFrequencyHz(b), g = (float)eq.GetBandGainDb(b);
            switch (eq.GetBandType(b))
            {
                case EqBandType.LowShelf when !lowShelf:
                    (leaves["/eq/lowshelf/f"], leaves["/eq/lowshelf/g"], lowShelf) = (f, g, true);
                    break;
                case EqBandType.HighShelf when !highShelf:
                    (leaves["/eq/highshelf/f"], leaves["/eq/highshelf/g"], highShelf) = (f, g, true);
                    break;
                case EqBandType.Bell when bells < Bells:
                    string p = "/eq/" + N(++bells);
                    (leaves[p + "/f"], leaves[p + "/g"], leaves[p + "/q"]) = (f, g, (float)eq.GetBandQ(b));
                    break;
                case EqBandType.Off:
                    break;
                default:
                    throw new InvalidOperationException($"EQ band {b} ({eq.GetBandType(b)}) has no leaf left");
            }
        }
    }
}
