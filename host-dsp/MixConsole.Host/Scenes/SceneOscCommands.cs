using System.Diagnostics;
using System.Text;
using MixConsole.Control.Osc;
using MixConsole.Control.Server;
using MixConsole.Engine.Parameters;
using MixConsole.Store;

namespace MixConsole.Host.Scenes;

/// <summary>
/// The scene slots over OSC, in the X32's forms:
/// <c>/save ,siss "scene" N name notes</c> (answered <c>/save ,si "scene" 1</c> once the save is synced, 0 when it failed),
/// <c>/-action/goscene ,i N</c> (recall in one batch; <c>/-show/prepos/current ,i N</c> goes to the sender and subscribers;
/// <c>,if N seconds</c> fades faders, sends and pans over that time, <c>,i N</c> over <c>/-show/fade</c>'s),
/// <c>/-show/fade [,f seconds]</c> (MixConsole's own: the fade of a recall that names none, 0..60 s, 0 = at once),
/// <c>/-action/undoscene</c> (MixConsole's own: the mix as it was before the last recall, answered like a recall),
/// <c>/-show/safes [,s "ch 3 eq dyn"]</c> (MixConsole's own: what recalls leave alone, see <see cref="RecallSafes"/>; answers the safes in force),
/// <c>/delete ,si "scene" N</c>, <c>/rename ,sis "scene" N name</c> (answered like /save),
/// <c>/showdump</c> (the stored scenes' node lines, after the server's show line),
/// <c>/-show/showfile/scene/NNN/name</c> and <c>.../notes</c> (a query answers <c>,s</c>, empty for an empty slot; a
/// <c>,s</c> sets it) and <c>/-show/prepos/current</c> (<c>,i</c>, -1 when none). A change to the list is echoed to
/// every <c>/xremote</c> subscriber as the slot's name and notes. While the store cannot be used yet, every command
/// answers as failed and says why in the log. Scene commands are rare: they allocate.
/// </summary>
internal sealed class SceneOscCommands(Func<SceneSlots?> slots, ParameterStore parameters, SceneFadeThread fade, Action<string> log) : IOscCommandHandler
{
    private const string ShowPrefix = "/-show/showfile/scene/";
    private const string CurrentAddress = "/-show/prepos/current";

    private readonly Func<SceneSlots?> _slotsNow = slots ?? throw new ArgumentNullException(nameof(slots));
    private readonly ParameterStore _parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
    private readonly SceneFadeThread _fade = fade ?? throw new ArgumentNullException(nameof(fade));

    // The store's slots, once the --state folder can be used; a Guard turns the refusal into a failed answer and a log line.
    private SceneSlots Slots => _slotsNow() ?? throw new NoStoreException();

    private bool _saidNoStore;

    /// <summary>Where list changes are echoed (set once the server exists).</summary>
    public OscServer? Server { get; set; }

    /// <summary>The last save: from the message's arrival to the synced commit.</summary>
    public TimeSpan LastSaveTime { get; private set; }

    /// <summary>The last recall: from the message's arrival to the values set in one batch.</summary>
    public TimeSpan LastRecallTime { get; private set; }

    public bool TryHandle(in OscMessage message, Span<byte> reply, out int replyLength)
    {
        replyLength = 0;
        ReadOnlySpan<byte> address = message.Address;
        if (address.Length < 5 || address[1] is not ((byte)'s' or (byte)'d' or (byte)'r' or (byte)'-'))
        {
            return false;
        }

        if (address.SequenceEqual("/save"u8)) return Save(in message, reply, out replyLength);
        if (address.SequenceEqual("/delete"u8)) return Delete(in message, reply, out replyLength);
        if (address.SequenceEqual("/rename"u8)) return Rename(in message, reply, out replyLength);
        if (address.SequenceEqual("/-action/goscene"u8)) return Recall(in message, reply, out replyLength);
        if (address.SequenceEqual("/-action/undoscene"u8)) return Undo(reply, out replyLength);
        if (address.SequenceEqual("/-show/safes"u8)) return Safes(in message, reply, out replyLength);
        if (address.SequenceEqual("/-show/fade"u8)) return Fade(in message, reply, out replyLength);
        if (address.SequenceEqual(Encoding.ASCII.GetBytes(CurrentAddress)))
        {
            replyLength = WriteInt(reply, CurrentAddress, TryRead("current", slots => slots.Current ?? -1, out int current) ? current : -1);
            return true;
        }

        if (address.StartsWith(Encoding.ASCII.GetBytes(ShowPrefix))) return ShowField(in message, reply, out replyLength);
        return false;
    }

    /// <summary><c>/showdump</c>'s scene lines, as the X32 writes them: slot, name, notes, safes bitmap, 1 for a stored scene.</summary>
    public IEnumerable<string> ShowDumpLines()
    {
        IReadOnlyList<SceneRecord> scenes = [];
        if (!Guard("showdump", () => { scenes = Slots.List(); return true; })) return [];
        var lines = new List<string>(scenes.Count);
        foreach (SceneRecord scene in scenes)
        {
            lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{ShowPrefix}{scene.Slot:000} \"{scene.Name}\" \"{scene.Notes}\" %000000000 1\n"));
        }

        return lines;
    }

    private bool Save(in OscMessage message, Span<byte> reply, out int replyLength)
    {
        var watch = Stopwatch.StartNew();
        string name = "", notes = "";
        bool ok = IsSceneCommand(in message, 3, 4, out int slot) && TryText(in message, 2, SceneSlots.MaxNameLength, out name);
        ok = ok && (message.ArgumentCount < 4 || TryText(in message, 3, SceneSlots.MaxNotesLength, out notes));
        if (ok)
        {
            ok = Guard("save", () => Slots.Save(slot, name, notes, _parameters) is not null);
            LastSaveTime = watch.Elapsed;
            if (ok) EchoSlot(slot, name, notes);
        }

        replyLength = WriteSceneResult(reply, "/save", ok);
        return true;
    }

    private bool Delete(in OscMessage message, Span<byte> reply, out int replyLength)
    {
        bool ok = IsSceneCommand(in message, 2, 2, out int slot) && Guard("delete", () => Slots.Delete(slot));
        if (ok) EchoSlot(slot, "", "");
        replyLength = WriteSceneResult(reply, "/delete", ok);
        return true;
    }

    private bool Rename(in OscMessage message, Span<byte> reply, out int replyLength)
    {
        string name = "";
        bool ok = IsSceneCommand(in message, 3, 3, out int slot) && TryText(in message, 2, SceneSlots.MaxNameLength, out name)
            && Guard("rename", () => Slots.Rename(slot, name));
        if (ok && Slots.TryGet(slot, out SceneRecord? scene)) EchoSlot(slot, scene!.Name, scene.Notes);
        replyLength = WriteSceneResult(reply, "/rename", ok);
        return true;
    }

    private bool Recall(in OscMessage message, Span<byte> reply, out int replyLength)
    {
        var watch = Stopwatch.StartNew();
        replyLength = 0;
        double seconds = 0;
        if (message.ArgumentCount is < 1 or > 2 || !message.TryGetInt32(0, out int slot) || !SceneSlots.IsSlot(slot)
            || (message.ArgumentCount == 2 && !TrySeconds(in message, 1, out seconds)))
        {
            return true;
        }

        if (message.ArgumentCount == 1 && !TryRead("recall", slots => slots.FadeSeconds, out seconds))
        {
            return true;
        }

        _fade.Hold();
        if (Guard("recall", () => Slots.Recall(slot, _parameters, _fade.Glide, seconds)))
        {
            _fade.Go();
            LastRecallTime = watch.Elapsed;
            replyLength = WriteInt(reply, CurrentAddress, slot);
            Server?.SendToSubscribers(reply.Slice(0, replyLength));
        }
        else
        {
            _fade.Resume();
        }

        return true;
    }

    // MixConsole's own: the mix as it was before the last recall comes back; answered and echoed like a recall.
    private bool Undo(Span<byte> reply, out int replyLength)
    {
        replyLength = 0;
        if (Guard("undo", () => Slots.UndoRecall(_parameters, _fade.Glide)))
        {
            replyLength = WriteInt(reply, CurrentAddress, Slots.Current ?? -1);
            Server?.SendToSubscribers(reply.Slice(0, replyLength));
        }

        return true;
    }

    // MixConsole's own: the recall safes as text ("ch 3 eq dyn"); a ,s sets them, and either way the ones in force answer.
    private bool Safes(in OscMessage message, Span<byte> reply, out int replyLength)
    {
        replyLength = 0;
        if (message.ArgumentCount == 1 && message.TryGetString(0, out ReadOnlySpan<byte> utf8) && utf8.Length <= 512
            && utf8.IndexOfAnyExceptInRange((byte)' ', (byte)'~') < 0)
        {
            if (RecallSafes.TryParse(Encoding.ASCII.GetString(utf8), out RecallSafes safes, out string error))
            {
                TryRead("safes", slots => slots.Safes = safes, out _);
            }
            else
            {
                log($"scenes  /-show/safes refused: {error}");
            }
        }

        if (TryRead("safes", slots => slots.Safes.ToString(), out string inForce))
        {
            replyLength = WriteString(reply, "/-show/safes", inForce);
        }

        return true;
    }

    // MixConsole's own: the fade of a plain recall in seconds; a ,f (or ,i) sets it, and either way the one in force answers.
    private bool Fade(in OscMessage message, Span<byte> reply, out int replyLength)
    {
        replyLength = 0;
        if (message.ArgumentCount == 1)
        {
            if (!TrySeconds(in message, 0, out double seconds))
            {
                log($"scenes  /-show/fade refused: a fade lasts 0..{SceneSlots.MaxFadeSeconds} s");
            }
            else if (!TryRead("fade", slots => slots.FadeSeconds = seconds, out _))
            {
                return true;
            }
        }

        if (TryRead("fade", slots => slots.FadeSeconds, out double inForce))
        {
            replyLength = WriteFloat(reply, "/-show/fade", (float)inForce);
        }

        return true;
    }

    private static bool TrySeconds(in OscMessage message, int index, out double seconds) =>
        message.TryGetNumber(index, out seconds) && SceneSlots.IsFadeTime(seconds);

    // /-show/showfile/scene/NNN/name or .../notes: a query answers, a ,s sets.
    private bool ShowField(in OscMessage message, Span<byte> reply, out int replyLength)
    {
        replyLength = 0;
        ReadOnlySpan<byte> rest = message.Address.Slice(ShowPrefix.Length);
        if (rest.Length < 5 || rest[3] != '/' || rest.Slice(0, 3).IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            return false;
        }

        int slot = (rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0');
        bool isName = rest.Slice(4).SequenceEqual("name"u8);
        if (!SceneSlots.IsSlot(slot) || !(isName || rest.Slice(4).SequenceEqual("notes"u8)))
        {
            return false;
        }

        string address = Encoding.ASCII.GetString(message.Address);
        if (message.ArgumentCount == 0)
        {
            TryRead("query", slots => slots.TryGet(slot, out SceneRecord? scene) ? (isName ? scene!.Name : scene!.Notes) : "", out string text);
            replyLength = WriteString(reply, address, text ?? "");
            return true;
        }

        if (TryText(in message, 0, isName ? SceneSlots.MaxNameLength : SceneSlots.MaxNotesLength, out string value)
            && Guard("rename", () => (isName ? Slots.Rename(slot, value) : Slots.SetNotes(slot, value)))
            && Slots.TryGet(slot, out SceneRecord? changed))
        {
            EchoSlot(slot, changed!.Name, changed.Notes);
        }

        return true;
    }

    // ,s "scene" ,i N first: the X32's form for scene commands (other kinds, such as "snippet", are not served here).
    private static bool IsSceneCommand(in OscMessage message, int minArguments, int maxArguments, out int slot)
    {
        slot = -1;
        return message.ArgumentCount >= minArguments && message.ArgumentCount <= maxArguments
            && message.TryGetString(0, out ReadOnlySpan<byte> kind) && kind.SequenceEqual("scene"u8)
            && message.TryGetInt32(1, out slot) && SceneSlots.IsSlot(slot);
    }

    private static bool TryText(in OscMessage message, int index, int maxLength, out string text)
    {
        text = "";
        if (!message.TryGetString(index, out ReadOnlySpan<byte> utf8) || utf8.Length > maxLength || utf8.IndexOfAnyExceptInRange((byte)' ', (byte)'~') >= 0)
        {
            return false;
        }

        text = Encoding.ASCII.GetString(utf8);
        return true;
    }

    // A store failure (full disk) answers 0 and is logged; an empty slot answers 0 quietly.
    // A read (or a setting that answers its value) under the same guard: false, logged, when the store fails or is absent.
    private bool TryRead<T>(string what, Func<SceneSlots, T> read, out T value)
    {
        T result = default!;
        bool ok = Guard(what, () =>
        {
            result = read(Slots);
            return true;
        });
        value = result;
        return ok;
    }

    private bool Guard(string what, Func<bool> action)
    {
        try
        {
            return action();
        }
        catch (NoStoreException e)
        {
            // Apps query every slot at connect: said once, not per query.
            if (!_saidNoStore) log($"scenes  {what} failed: {e.Message}");
            _saidNoStore = true;
            return false;
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or SceneFormatException)
        {
            log($"scenes  {what} failed: {e.Message}");
            return false;
        }
    }

    private sealed class NoStoreException() : IOException("no store: the --state folder cannot be used yet (see the store line at start); scenes answer as failed until it can");

    private void EchoSlot(int slot, string name, string notes)
    {
        if (Server is null) return;
        Span<byte> packet = stackalloc byte[512];
        string prefix = $"{ShowPrefix}{slot:000}/";
        Server.SendToSubscribers(packet.Slice(0, WriteString(packet, prefix + "name", name)));
        Server.SendToSubscribers(packet.Slice(0, WriteString(packet, prefix + "notes", notes)));
    }

    private static int WriteSceneResult(Span<byte> reply, string address, bool ok)
    {
        var writer = new OscWriter(reply);
        writer.BeginMessage(address, "si");
        writer.WriteString("scene");
        writer.WriteInt32(ok ? 1 : 0);
        return writer.TryComplete(out int length) ? length : 0;
    }

    private static int WriteString(Span<byte> reply, string address, string text)
    {
        var writer = new OscWriter(reply);
        writer.BeginMessage(address, "s");
        writer.WriteString(text);
        return writer.TryComplete(out int length) ? length : 0;
    }

    private static int WriteFloat(Span<byte> reply, string address, float value)
    {
        var writer = new OscWriter(reply);
        writer.BeginMessage(address, "f");
        writer.WriteFloat32(value);
        return writer.TryComplete(out int length) ? length : 0;
    }

    private static int WriteInt(Span<byte> reply, string address, int value)
    {
        var writer = new OscWriter(reply);
        writer.BeginMessage(address, "i");
        writer.WriteInt32(value);
        return writer.TryComplete(out int length) ? length : 0;
    }
}
