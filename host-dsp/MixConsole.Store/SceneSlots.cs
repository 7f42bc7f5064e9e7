using System.Globalization;
using Microsoft.Data.Sqlite;
using MixConsole.Engine.Parameters;

namespace MixConsole.Store;

/// <summary>
/// The 100 scene slots (0-99, as on the X32) in the store. A scene is the mix (<see cref="SceneScope.Mix"/>: not the
/// strip selection), kept as <see cref="SceneFile"/> JSON of the values that differ from their defaults, so a recall
/// (every other parameter back to its default, in one batch) gives back exactly what was saved. Every change commits
/// with synchronous=FULL before the method returns: a save that returned survives a power cut. Control side only.
/// </summary>
public sealed class SceneSlots(ConsoleStore store)
{
    /// <summary>Slots are numbered 0..Count-1.</summary>
    public const int Count = 100;

    /// <summary>Longest scene name (the X32's).</summary>
    public const int MaxNameLength = 32;

    /// <summary>Longest scene notes.</summary>
    public const int MaxNotesLength = 256;

    internal const string CurrentSceneKey = "current_scene";
    internal const string SafesKey = "recall_safes";
    internal const string FadeKey = "recall_fade";

    /// <summary>Longest recall fade, in seconds.</summary>
    public const double MaxFadeSeconds = 60;

    private readonly ConsoleStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private string? _beforeRecall;
    private int? _currentBeforeRecall;

    /// <summary>True for 0..99.</summary>
    public static bool IsSlot(int slot) => slot is >= 0 and < Count;

    /// <summary>True for text a name or notes may hold: printable ASCII, at most <paramref name="maxLength"/> characters.</summary>
    public static bool IsValidText(string text, int maxLength) =>
        text.Length <= maxLength && text.AsSpan().IndexOfAnyExceptInRange(' ', '~') < 0;

    /// <summary>The slot last recalled or saved (null when none), as the console comes back after a restart.</summary>
    public int? Current
    {
        get => int.TryParse(_store.GetMeta(CurrentSceneKey), NumberStyles.None, CultureInfo.InvariantCulture, out int slot) && IsSlot(slot) ? slot : null;
        private set => _store.SetMeta(CurrentSceneKey, value?.ToString(CultureInfo.InvariantCulture) ?? "");
    }

    /// <summary>What recalls leave alone (<see cref="RecallSafes"/>), kept in the store; setting it commits.</summary>
    public RecallSafes Safes
    {
        get => RecallSafes.TryParse(_store.GetMeta(SafesKey) ?? "", out RecallSafes safes, out _) ? safes : RecallSafes.None;
        set => _store.SetMeta(SafesKey, (value ?? throw new ArgumentNullException(nameof(value))).ToString());
    }

    /// <summary>
    /// How long faders, sends and pans take to reach a recalled scene's values when the recall names no time (what
    /// an X32 app's plain recall gets), 0..<see cref="MaxFadeSeconds"/> seconds, 0 = at once; kept in the store.
    /// </summary>
    public double FadeSeconds
    {
        get => double.TryParse(_store.GetMeta(FadeKey), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && IsFadeTime(seconds) ? seconds : 0;
        set
        {
            if (!IsFadeTime(value)) throw new ArgumentOutOfRangeException(nameof(value), value, $"a fade lasts 0..{MaxFadeSeconds} s");
            _store.SetMeta(FadeKey, value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>True for a fade time a recall takes: 0..<see cref="MaxFadeSeconds"/> seconds.</summary>
    public static bool IsFadeTime(double seconds) => seconds is >= 0 and <= MaxFadeSeconds;

    /// <summary>Saves the mix of <paramref name="parameters"/> into <paramref name="slot"/> (replacing what it held). Durable when it returns.</summary>
    public SceneRecord Save(int slot, string name, string notes, ParameterStore parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Put(slot, name, notes, SceneFile.Save(parameters, onlyChanged: true, SceneScope.Mix), makeCurrent: true);
    }

    /// <summary>
    /// Stores scene JSON as it is given (an import): checked first against <paramref name="table"/>, so a bad file
    /// changes nothing, then kept in the canonical form a save would write.
    /// </summary>
    /// <exception cref="SceneFormatException">The JSON is not a scene of this console.</exception>
    public SceneRecord Import(int slot, string name, string notes, string json, ParameterTable table)
    {
        var scratch = new ParameterStore(table);
        SceneFile.Load(scratch, json, SceneApplyMode.ResetOthersToDefaults, SceneScope.Mix);
        return Put(slot, name, notes, SceneFile.Save(scratch, onlyChanged: true, SceneScope.Mix), makeCurrent: false);
    }

    /// <summary>
    /// Recalls <paramref name="slot"/> into <paramref name="parameters"/> in one batch, leaving what <see cref="Safes"/>
    /// protects as it is. With a <paramref name="glide"/> and a positive <paramref name="fadeSeconds"/>, faders, sends
    /// and pans travel to the scene's values over that time (the caller steps the glide) while everything else lands
    /// at once; a glide still running from an earlier recall stops either way. False when the slot is empty.
    /// </summary>
    /// <exception cref="SceneFormatException">The stored scene does not fit this console (saved with a larger profile).</exception>
    public bool Recall(int slot, ParameterStore parameters, ParameterGlide? glide = null, double fadeSeconds = 0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!TryGet(slot, out SceneRecord? scene)) return false;
        glide?.Cancel();
        string before = SceneFile.Save(parameters, onlyChanged: true, SceneScope.Mix);
        int? current = Current;
        bool fade = glide is not null && fadeSeconds > 0;
        if (fade) glide!.Begin(fadeSeconds);
        LoadAround(parameters, scene!.Parameters, Safes, fade ? glide : null);

        (_beforeRecall, _currentBeforeRecall) = (before, current);
        Current = slot;
        return true;
    }

    /// <summary>True when <see cref="UndoRecall"/> has a mix to go back to.</summary>
    public bool CanUndoRecall => _beforeRecall is not null;

    /// <summary>
    /// Puts back the mix as it was just before the last <see cref="Recall"/> (one batch, exact), once. False when
    /// there is nothing to undo (no recall since start, or already undone). Held in memory: a restart forgets it.
    /// </summary>
    public bool UndoRecall(ParameterStore parameters, ParameterGlide? glide = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (_beforeRecall is not { } before) return false;
        glide?.Cancel();
        SceneFile.Load(parameters, before, SceneApplyMode.ResetOthersToDefaults, SceneScope.Mix);
        _beforeRecall = null;
        Current = _currentBeforeRecall;
        return true;
    }

    /// <summary>The scene in <paramref name="slot"/>, parameters included.</summary>
    public bool TryGet(int slot, out SceneRecord? scene)
    {
        CheckSlot(slot);
        lock (_store.Gate)
        {
            using var command = _store.Connection.CreateCommand();
            command.CommandText = "SELECT slot, name, notes, saved_utc, parameters FROM scenes WHERE slot = $slot";
            command.Parameters.AddWithValue("$slot", slot);
            using var reader = command.ExecuteReader();
            scene = reader.Read() ? Read(reader, withParameters: true) : null;
            return scene is not null;
        }
    }

    /// <summary>Every saved slot in order, without parameters.</summary>
    public IReadOnlyList<SceneRecord> List()
    {
        var scenes = new List<SceneRecord>();
        lock (_store.Gate)
        {
            using var command = _store.Connection.CreateCommand();
            command.CommandText = "SELECT slot, name, notes, saved_utc, '' FROM scenes ORDER BY slot";
            using var reader = command.ExecuteReader();
            while (reader.Read()) scenes.Add(Read(reader, withParameters: false));
        }

        return scenes;
    }

    /// <summary>Empties a slot. False when it was empty.</summary>
    public bool Delete(int slot)
    {
        CheckSlot(slot);
        int changed = Execute("DELETE FROM scenes WHERE slot = $slot", slot, null);
        if (changed > 0 && Current == slot) Current = null;
        return changed > 0;
    }

    /// <summary>Renames a saved slot. False when it is empty.</summary>
    public bool Rename(int slot, string name)
    {
        CheckSlot(slot);
        CheckText(name, MaxNameLength, nameof(name));
        return Execute("UPDATE scenes SET name = $text WHERE slot = $slot", slot, name) > 0;
    }

    /// <summary>Sets a saved slot's notes. False when it is empty.</summary>
    public bool SetNotes(int slot, string notes)
    {
        CheckSlot(slot);
        CheckText(notes, MaxNotesLength, nameof(notes));
        return Execute("UPDATE scenes SET notes = $text WHERE slot = $slot", slot, notes) > 0;
    }

    // The scene is read whole into a scratch console first (a bad one changes nothing), then every unprotected value
    // is set in one batch, or handed to the glide when it is one that travels.
    private static void LoadAround(ParameterStore parameters, string json, RecallSafes safes, ParameterGlide? glide)
    {
        var scratch = new ParameterStore(parameters.Table);
        SceneFile.Load(scratch, json, SceneApplyMode.ResetOthersToDefaults, SceneScope.Mix);
        var table = parameters.Table;
        using ParameterBatch batch = parameters.BeginBatch();
        for (int i = 0; i < table.Count; i++)
        {
            if (!table[i].InScenes || safes.Protects(table[i].Path)) continue;
            if (table[i].Kind == ParameterKind.String)
            {
                parameters.TrySetText(i, scratch.GetText(i));
            }
            else if (glide is null || !glide.Add(i, scratch.GetReal(i)))
            {
                parameters.TrySetReal(i, scratch.GetReal(i));
            }
        }
    }

    private SceneRecord Put(int slot, string name, string notes, string json, bool makeCurrent)
    {
        CheckSlot(slot);
        CheckText(name, MaxNameLength, nameof(name));
        CheckText(notes, MaxNotesLength, nameof(notes));
        string saved = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        lock (_store.Gate)
        {
            using var transaction = _store.Connection.BeginTransaction();
            Insert(transaction, new SceneRecord(slot, name, notes, saved, json));
            if (makeCurrent) ConsoleStore.SetMeta(transaction, CurrentSceneKey, slot.ToString(CultureInfo.InvariantCulture));

            // synchronous=FULL: the WAL is synced before Commit returns, so the caller may acknowledge the save.
            transaction.Commit();
        }

        return new SceneRecord(slot, name, notes, saved, json);
    }

    // One slot's row, inside the caller's transaction (a save, or a whole show's import).
    internal static void Insert(SqliteTransaction transaction, SceneRecord scene)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO scenes(slot, name, notes, saved_utc, parameters) VALUES ($slot, $name, $notes, $saved, $parameters)";
        command.Parameters.AddWithValue("$slot", scene.Slot);
        command.Parameters.AddWithValue("$name", scene.Name);
        command.Parameters.AddWithValue("$notes", scene.Notes);
        command.Parameters.AddWithValue("$saved", scene.SavedUtc);
        command.Parameters.AddWithValue("$parameters", scene.Parameters);
        command.ExecuteNonQuery();
    }

    private int Execute(string sql, int slot, string? text)
    {
        lock (_store.Gate)
        {
            using var command = _store.Connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$slot", slot);
            if (text is not null) command.Parameters.AddWithValue("$text", text);
            return command.ExecuteNonQuery();
        }
    }

    private static SceneRecord Read(SqliteDataReader reader, bool withParameters) =>
        new(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), withParameters ? reader.GetString(4) : "");

    private static void CheckSlot(int slot)
    {
        if (!IsSlot(slot)) throw new ArgumentOutOfRangeException(nameof(slot), slot, $"scene slots are 0..{Count - 1}");
    }

    private static void CheckText(string text, int maxLength, string what)
    {
        ArgumentNullException.ThrowIfNull(text, what);
        if (!IsValidText(text, maxLength)) throw new ArgumentException($"{what} takes at most {maxLength} printable ASCII characters", what);
    }
}
