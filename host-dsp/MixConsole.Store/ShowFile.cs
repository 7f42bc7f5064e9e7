using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using MixConsole.Engine.Parameters;

namespace MixConsole.Store;

/// <summary>
/// A whole show as one JSON file, to move it between boxes or keep it in version control: the console as it is
/// (its live state, every value off its default, console state included), the scene slots with their names, notes
/// and save times, the current scene, the recall safes, the fade time and the user master presets. Written in a fixed order with no export
/// time, so exporting an imported show gives the same bytes. An import checks the whole file first and replaces
/// the store's show in one transaction: a bad file changes nothing.
/// </summary>
public static class ShowFile
{
    /// <summary>The "format" a show file names.</summary>
    public const string Format = "mixconsole-show";

    /// <summary>The version this console writes and reads.</summary>
    public const int Version = 1;

    /// <summary>The show held by <paramref name="store"/>, read against <paramref name="table"/> (live rows for paths it lacks are left out).</summary>
    public static string Export(ConsoleStore store, ParameterTable table)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(table);
        var console = new ParameterStore(table);
        LiveJournal.RestoreInto(store, console);
        var slots = new SceneSlots(store);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", Version);
            writer.WritePropertyName("console");
            SceneFile.Save(console, writer, onlyChanged: true, SceneScope.WholeConsole);
            if (slots.Current is { } current) writer.WriteNumber("current", current);
            else writer.WriteNull("current");
            writer.WriteString("safes", slots.Safes.ToString());
            writer.WriteNumber("fade", slots.FadeSeconds);
            writer.WriteStartArray("scenes");
            foreach (SceneRecord listed in slots.List())
            {
                slots.TryGet(listed.Slot, out SceneRecord? scene);
                scene!.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("masterPresets");
            foreach (var (name, saved, leaves) in new MasterPresetStore(store).List())
            {
                writer.WriteStartObject();
                writer.WriteString("name", name);
                writer.WriteString("saved", saved);
                writer.WritePropertyName("leaves");
                writer.WriteRawValue(leaves);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Replaces the show in <paramref name="store"/> (live state, every slot, current scene, safes, fade) with the one
    /// in <paramref name="json"/>, checked whole against <paramref name="table"/> first. Returns what it holds.
    /// </summary>
    /// <exception cref="SceneFormatException">The file is not a show of this console; the store is unchanged.</exception>
    public static ShowSummary Import(ConsoleStore store, string json, ParameterTable table)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(table);
        Show show = Read(json, table);
        lock (store.Gate)
        {
            using SqliteTransaction transaction = store.Connection.BeginTransaction();
            Execute(transaction, "DELETE FROM live");
            using (var insert = store.Connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO live(path, real, text) VALUES ($path, $real, $text)";
                var path = insert.Parameters.Add("$path", SqliteType.Text);
                var real = insert.Parameters.Add("$real", SqliteType.Real);
                var text = insert.Parameters.Add("$text", SqliteType.Text);
                for (int i = 0; i < table.Count; i++)
                {
                    var spec = table[i].Spec;
                    bool isText = spec.Kind == ParameterKind.String;
                    if (isText ? show.Console.GetText(i) == spec.DefaultText : show.Console.GetReal(i).Equals(spec.Default)) continue;
                    path.Value = table[i].Path;
                    real.Value = isText ? DBNull.Value : (double)show.Console.GetReal(i);
                    text.Value = isText ? show.Console.GetText(i) : DBNull.Value;
                    insert.ExecuteNonQuery();
                }
            }

            Execute(transaction, "DELETE FROM scenes");
            foreach (SceneRecord scene in show.Scenes) SceneSlots.Insert(transaction, scene);
            ConsoleStore.SetMeta(transaction, SceneSlots.CurrentSceneKey, show.Current?.ToString(CultureInfo.InvariantCulture) ?? "");
            ConsoleStore.SetMeta(transaction, SceneSlots.SafesKey, show.Safes.ToString());
            ConsoleStore.SetMeta(transaction, SceneSlots.FadeKey, show.Fade.ToString("R", CultureInfo.InvariantCulture));
            MasterPresetStore.EnsureTable(store.Connection, transaction);
            Execute(transaction, "DELETE FROM master_presets");
            foreach (var (name, saved, leaves) in show.MasterPresets) MasterPresetStore.Insert(transaction, name, saved, leaves);
            transaction.Commit();
        }

        return new ShowSummary(show.Scenes.Count, show.ConsoleValues, show.Current);
    }

    private sealed record Show(ParameterStore Console, int ConsoleValues, List<SceneRecord> Scenes, int? Current, RecallSafes Safes, double Fade,
        List<(string Name, string Saved, string Leaves)> MasterPresets);

    private static Show Read(string json, ParameterTable table)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new SceneFormatException($"not JSON: {e.Message}");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            {
                throw new SceneFormatException($"not a show file (\"format\": \"{Format}\" missing; a single scene goes in with 'mixconsole scenes import')");
            }

            if (!root.TryGetProperty("version", out var version) || !version.TryGetInt32(out int v) || v != Version)
            {
                throw new SceneFormatException($"show file version {(root.TryGetProperty("version", out var given) ? given.GetRawText() : "missing")}; this console reads version {Version}");
            }

            var console = new ParameterStore(table);
            JsonElement consoleParameters = Property(root, "console", JsonValueKind.Object).TryGetProperty("parameters", out var p)
                ? p
                : throw new SceneFormatException("\"console\" has no \"parameters\"");
            SceneFile.ApplyParameters(console, consoleParameters, SceneApplyMode.ResetOthersToDefaults, SceneScope.WholeConsole);

            int? current = null;
            if (root.TryGetProperty("current", out var c) && c.ValueKind != JsonValueKind.Null)
            {
                current = c.TryGetInt32(out int slot) && SceneSlots.IsSlot(slot) ? slot : throw new SceneFormatException($"\"current\" must be a slot 0-{SceneSlots.Count - 1} or null, got {c.GetRawText()}");
            }

            string safesText = Property(root, "safes", JsonValueKind.String).GetString()!;
            if (!RecallSafes.TryParse(safesText, out RecallSafes safes, out string error)) throw new SceneFormatException($"\"safes\": {error}");
            double fade = Property(root, "fade", JsonValueKind.Number).GetDouble();
            if (!SceneSlots.IsFadeTime(fade)) throw new SceneFormatException($"\"fade\" must be 0-{SceneSlots.MaxFadeSeconds} seconds, got {fade}");

            var scenes = new List<SceneRecord>();
            var scratch = new ParameterStore(table);
            foreach (JsonElement scene in Property(root, "scenes", JsonValueKind.Array).EnumerateArray())
            {
                int slot = scene.TryGetProperty("slot", out var s) && s.TryGetInt32(out int n) && SceneSlots.IsSlot(n)
                    ? n
                    : throw new SceneFormatException($"a scene without a slot 0-{SceneSlots.Count - 1}");
                if (scenes.Exists(x => x.Slot == slot)) throw new SceneFormatException($"scene {slot} is in the file twice");
                string name = Text(scene, "name", SceneSlots.MaxNameLength, slot);
                string notes = Text(scene, "notes", SceneSlots.MaxNotesLength, slot);
                string saved = Text(scene, "saved", 64, slot);
                if (!scene.TryGetProperty("parameters", out var parameters)) throw new SceneFormatException($"scene {slot} has no \"parameters\"");
                try
                {
                    SceneFile.ApplyParameters(scratch, parameters, SceneApplyMode.ResetOthersToDefaults, SceneScope.Mix);
                }
                catch (SceneFormatException e)
                {
                    throw new SceneFormatException($"scene {slot}: {e.Message}");
                }

                scenes.Add(new SceneRecord(slot, name, notes, saved, SceneFile.Save(scratch, onlyChanged: true, SceneScope.Mix)));
            }

            if (current is { } cur && !scenes.Exists(x => x.Slot == cur)) throw new SceneFormatException($"\"current\" names scene {cur}, which the file does not hold");
            // User master presets: optional (shows written before them have none), each an object of leaf values.
            var presets = new List<(string, string, string)>();
            if (root.TryGetProperty("masterPresets", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array) throw new SceneFormatException("\"masterPresets\" must be an array");
                foreach (JsonElement preset in list.EnumerateArray())
                {
                    string name = preset.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && MasterPresetStore.IsValidName(n.GetString()!)
                        ? n.GetString()!
                        : throw new SceneFormatException($"a master preset needs a name of 1-{MasterPresetStore.MaxNameLength} printable ASCII characters");
                    string saved = preset.TryGetProperty("saved", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                    string leaves = preset.TryGetProperty("leaves", out var l) && l.ValueKind == JsonValueKind.Object && MasterPresetStore.IsLeavesJson(l.GetRawText())
                        ? l.GetRawText()
                        : throw new SceneFormatException($"master preset '{name}': \"leaves\" must be an object of numbers");
                    if (presets.Exists(x => x.Item1 == name)) throw new SceneFormatException($"master preset '{name}' is in the file twice");
                    presets.Add((name, saved, leaves));
                }
            }

            return new Show(console, consoleParameters.EnumerateObject().Count(), scenes, current, safes, fade, presets);
        }
    }

    private static JsonElement Property(JsonElement root, string name, JsonValueKind kind) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == kind ? value : throw new SceneFormatException($"\"{name}\" must be a JSON {kind.ToString().ToLowerInvariant()}");

    private static string Text(JsonElement scene, string name, int maxLength, int slot) =>
        scene.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && SceneSlots.IsValidText(value.GetString()!, maxLength)
            ? value.GetString()!
            : throw new SceneFormatException($"scene {slot}: \"{name}\" must be at most {maxLength} printable ASCII characters");

    private static void Execute(SqliteTransaction transaction, string sql)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
