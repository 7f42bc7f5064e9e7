using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Mastering;

/// <summary>
/// The two complete master chain settings of the table: slot A (/master/..., key number 1) and slot B
/// (/master/b/..., key number 2). Copying one onto the other is one batch, so the chain that plays it changes whole.
/// </summary>
public static class MasterSlots
{
    /// <summary>Slot A's key number.</summary>
    public const int A = 1;

    /// <summary>Slot B's key number.</summary>
    public const int B = 2;

    /// <summary>True when <paramref name="parameter"/> is a leaf of slot <paramref name="slot"/>'s setting (not a switch both share).</summary>
    public static bool IsSettingOf(ParameterDescriptor parameter, int slot)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ParameterKey key = parameter.Key;
        return key.Owner == ParameterOwner.Master && key.Number == slot && !IsShared(key.Role);
    }

    /// <summary>True for the master switches that are not part of a setting: bypass, A/B, the loudness mode and the monitor preview.</summary>
    public static bool IsShared(ParameterRole role) =>
        role is ParameterRole.MasterBypass or ParameterRole.MasterAb or ParameterRole.MasterLoudnessMode or ParameterRole.MasterPreview;

    /// <summary>Copies every leaf of setting <paramref name="from"/> onto setting <paramref name="to"/> in one batch; returns how many.</summary>
    public static int Copy(ParameterStore store, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(store);
        ParameterTable table = store.Table;
        int copied = 0;
        using (store.BeginBatch())
        {
            foreach (ParameterDescriptor p in table.Parameters)
            {
                if (!IsSettingOf(p, from)) continue;
                ParameterHandle target = table.Bind(p.Key with { Number = to });
                if (store.TrySetReal(target.Index, store.GetReal(p.Index))) copied++;
            }
        }
        return copied;
    }

    /// <summary>The slot in play (<see cref="A"/> or <see cref="B"/>), from /master/ab.</summary>
    public static int InPlay(ParameterStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.GetReal(store.Table.Bind(new ParameterKey(ParameterOwner.Master, A, ParameterRole.MasterAb)).Index) != 0 ? B : A;
    }

    /// <summary>Every leaf of setting <paramref name="slot"/> by its path below the slot's prefix (e.g. "/eq/1/g"), with its real value.</summary>
    public static Dictionary<string, float> Read(ParameterStore store, int slot)
    {
        ArgumentNullException.ThrowIfNull(store);
        var leaves = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (ParameterDescriptor p in store.Table.Parameters)
            if (IsSettingOf(p, slot)) leaves[Leaf(p, slot)] = store.GetReal(p.Index);
        return leaves;
    }

    /// <summary>
    /// Sets setting <paramref name="slot"/> to <paramref name="leaves"/> (paths below the slot's prefix), every leaf not
    /// named back to its default, inside the caller's batch or its own. Names that are not leaves of a setting are
    /// returned (skipped); a value off a leaf's range is skipped too.
    /// </summary>
    public static IReadOnlyList<string> Write(ParameterStore store, int slot, IReadOnlyDictionary<string, float> leaves)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(leaves);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var skipped = new List<string>();
        using (store.BeginBatch())
        {
            foreach (ParameterDescriptor p in store.Table.Parameters)
            {
                if (!IsSettingOf(p, slot)) continue;
                string leaf = Leaf(p, slot);
                float value = leaves.TryGetValue(leaf, out float v) && used.Add(leaf) ? v : p.Spec.Default;
                if (!store.TrySetReal(p.Index, value)) skipped.Add(leaf);
            }
        }
        foreach (string leaf in leaves.Keys) if (!used.Contains(leaf) && !skipped.Contains(leaf)) skipped.Add(leaf);
        return skipped;
    }

    private static string Leaf(ParameterDescriptor p, int slot) =>
        p.Path[(slot == A ? ParameterPaths.Master : ConsoleAddressSpace.MasterSlotBPrefix).Length..];
}
