using System.Text;
using MixConsole.Control.Osc;
using MixConsole.Control.Server;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Parameters;
using MixConsole.Store;

namespace MixConsole.Host.Serve;

/// <summary>
/// The master chain's settings over OSC (MixConsole's own; the X32 has no master chain), each answered to the sender:
/// <c>/master/copy ,s "AB"</c> (or <c>"BA"</c>) copies one complete setting onto the other (answer <c>,si "AB" 1</c>);
/// <c>/master/preset ,s NAME</c> recalls a user preset (exact name) or else a built-in one (any case) crossfaded: it is
/// written into the slot not in play and /master/ab switches to it in the same batch (the A/B switch's 20 ms
/// crossfade, loudness-matched when it lands on B; the setting that played stays in the other slot to compare);
/// <c>/master/preset/save ,s NAME</c> saves the setting in play as a user preset, answered once it is synced;
/// <c>/master/preset/delete ,s NAME</c>; <c>/master/preset/list</c> answers every name, built-in first, as strings.
/// Answers to a command carry the name and 1 (done) or 0 (failed, said in the log). Rare: they allocate.
/// </summary>
internal sealed class MasterOscCommands(ParameterStore parameters, Func<MasterPresetStore?> presets, Action<string> log) : IOscCommandHandler
{
    private readonly ParameterStore _parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));

    public bool TryHandle(in OscMessage message, Span<byte> reply, out int replyLength)
    {
        replyLength = 0;
        ReadOnlySpan<byte> address = message.Address;
        if (!address.StartsWith("/master/"u8)) return false;
        if (address.SequenceEqual("/master/preset/list"u8))
        {
            replyLength = WriteList(reply);
            return true;
        }

        string? name = message.ArgumentCount == 1 && message.TryGetString(0, out ReadOnlySpan<byte> utf8)
            && utf8.IndexOfAnyExceptInRange((byte)' ', (byte)'~') < 0 ? Encoding.ASCII.GetString(utf8) : null;
        string what = Encoding.ASCII.GetString(address);
        bool ok;
        if (address.SequenceEqual("/master/copy"u8)) ok = name is not null && Copy(name);
        else if (address.SequenceEqual("/master/preset"u8)) ok = name is not null && Guard(what, () => Recall(name));
        else if (address.SequenceEqual("/master/preset/save"u8)) ok = name is not null && Guard(what, () => Save(name));
        else if (address.SequenceEqual("/master/preset/delete"u8)) ok = name is not null && Guard(what, () => presets()?.Delete(name) == true);
        else return false;

        var writer = new OscWriter(reply);
        writer.BeginMessage(address, "si"u8);
        writer.WriteString(name ?? "");
        writer.WriteInt32(ok ? 1 : 0);
        replyLength = writer.TryComplete(out int length) ? length : 0;
        return true;
    }

    private bool Copy(string direction)
    {
        (int from, int to) = direction.ToUpperInvariant() switch { "AB" => (MasterSlots.A, MasterSlots.B), "BA" => (MasterSlots.B, MasterSlots.A), _ => (0, 0) };
        if (from == 0) return false;
        MasterSlots.Copy(_parameters, from, to);
        return true;
    }

    /// <summary>Recalls <paramref name="name"/> crossfaded (see the class); false when there is no such preset.</summary>
    public bool Recall(string name)
    {
        IReadOnlyDictionary<string, float>? leaves = null;
        if (presets() is { } user && user.TryGet(name, out Dictionary<string, float> saved)) leaves = saved;
        else if (MasteringPresets.Exists(name)) leaves = MasteringPresets.Leaves(name).ToDictionary(l => l.Leaf, l => l.Value);
        if (leaves is null) return false;
        int target = MasterSlots.InPlay(_parameters) == MasterSlots.A ? MasterSlots.B : MasterSlots.A;
        using (_parameters.BeginBatch())
        {
            IReadOnlyList<string> skipped = MasterSlots.Write(_parameters, target, leaves);
            if (skipped.Count > 0) log($"master  preset {name}: skipped {string.Join(", ", skipped)} (not leaves of this console's master chain)");
            _parameters.TrySetInt(_parameters.Table.IndexOf("/master/ab"), target == MasterSlots.B ? 1 : 0);
        }
        return true;
    }

    private bool Save(string name)
    {
        if (MasteringPresets.Exists(name) || !MasterPresetStore.IsValidName(name)) return false; // a built-in name stays built-in
        MasterPresetStore store = presets() ?? throw new InvalidOperationException("no --state folder: user presets need the store");
        store.Save(name, MasterSlots.Read(_parameters, MasterSlots.InPlay(_parameters)));
        return true;
    }

    private bool Guard(string what, Func<bool> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or IOException or System.Text.Json.JsonException)
        {
            log($"master  {what} failed: {e.Message}");
            return false;
        }
    }

    private int WriteList(Span<byte> reply)
    {
        var names = new List<string>(MasteringPresets.Names);
        if (presets() is { } user)
        {
            try { names.AddRange(user.List().Select(p => p.Name)); }
            catch (Microsoft.Data.Sqlite.SqliteException e) { log($"master  preset list: {e.Message}"); }
        }
        var writer = new OscWriter(reply);
        writer.BeginMessage("/master/preset/list", new string('s', names.Count));
        foreach (string n in names) writer.WriteString(n);
        return writer.TryComplete(out int length) ? length : 0;
    }
}
