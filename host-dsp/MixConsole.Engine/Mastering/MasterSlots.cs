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

    /// <summary>True for the master switches that are not part of a setting: bypass, A/B and the loudness mode.</summary>
    public static bool IsShared(ParameterRole role) =>
        role is ParameterRole.MasterBypass or ParameterRole.MasterAb or ParameterRole.MasterLoudnessMode;

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
}
