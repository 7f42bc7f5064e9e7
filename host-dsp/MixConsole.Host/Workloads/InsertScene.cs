using MixConsole.Engine.Parameters;

namespace MixConsole.Host.Workloads;

/// <summary>
/// Inserts for <c>bench --inserts N</c>: channel k (from 1) takes slot 4 + k as a stereo graphic EQ on its left side
/// (FXnL, PRE), every third band moved, insert on. Slots 5-8 are the X32's insert slots, so the send effects stay as they are.
/// </summary>
internal static class InsertScene
{
    /// <summary>Most inserts the scene places (slots 5-8).</summary>
    public const int Max = 4;

    public static void Apply(ParameterStore store, int inserts)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inserts, Math.Min(Max, store.Table.Config.Channels));
        var table = store.Table;
        void Real(string path, float value)
        {
            int i = table.IndexOf(path);
            if (!store.TrySetReal(i, table[i].Spec.SnapReal(value))) throw new InvalidOperationException($"insert scene: {path} = {value}");
        }

        for (int k = 1; k <= inserts; k++)
        {
            string fx = ParameterPaths.Fx(4 + k);
            Real(fx + "/type", 1); // GEQ, the insert list's second type
            for (int band = 1; band <= 31; band += 3) Real(fx + "/par/" + band.ToString("00", System.Globalization.CultureInfo.InvariantCulture), band % 2 == 0 ? 0.6f : 0.4f);
            string ch = ParameterPaths.Channel(k);
            Real(ch + "/insert/sel", 2 * (4 + k) - 1);
            Real(ch + "/insert/on", 1);
        }
    }
}
