using System.Text;
using System.Text.Json;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// Scenes as JSON: <c>{"parameters": {"/ch/01/mix/fader": 0.75, "/ch/01/eq/1/type": 2, "/ch/01/config/name": "Kick"}}</c>.
/// Values are as on the wire: floats 0..1 (snapped to the grid), ints for enums, switches and bitmaps
/// (an enum or switch may also be its label), strings for names. Other top-level keys are ignored so a
/// session file is also a scene. A scene is checked completely before anything changes: a bad one
/// changes nothing and its error names the path and the value.
/// A scene is the mix (<see cref="SceneScope.Mix"/>, the default): console state such as the strip selection
/// <c>/-stat/selidx</c> (<see cref="ParameterSpec.InScenes"/> false) is not saved, and loading never changes it,
/// as on an X32; an older file that names it still loads, and that entry is ignored unread.
/// <see cref="SceneScope.WholeConsole"/> saves and recalls everything (the console's state across a restart).
/// </summary>
public static class SceneFile
{
    /// <summary>
    /// The entry of a "parameters" object that says how its values are numbered (<see cref="FormerParameters.CurrentFormat"/>);
    /// a scene without it was written before EQ types took the X32's numbering, and loads as it sounded then.
    /// </summary>
    public const string FormatKey = "format";

    /// <summary>Loads a scene from JSON text into <paramref name="store"/>.</summary>
    /// <exception cref="SceneFormatException">Malformed JSON, no "parameters" object, an unknown path or a bad value.</exception>
    public static void Load(ParameterStore store, string json, SceneApplyMode mode = SceneApplyMode.ResetOthersToDefaults, SceneScope scope = SceneScope.Mix)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(json);
        using var document = Parse(json);
        LoadDocument(store, document.RootElement, mode, scope);
    }

    /// <summary>Loads a scene from a UTF-8 JSON stream into <paramref name="store"/>.</summary>
    /// <exception cref="SceneFormatException">Malformed JSON, no "parameters" object, an unknown path or a bad value.</exception>
    public static void Load(ParameterStore store, Stream utf8Json, SceneApplyMode mode = SceneApplyMode.ResetOthersToDefaults, SceneScope scope = SceneScope.Mix)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(utf8Json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json);
        }
        catch (JsonException e)
        {
            throw new SceneFormatException($"scene is not valid JSON: {e.Message}", null, e);
        }

        using (document)
        {
            LoadDocument(store, document.RootElement, mode, scope);
        }
    }

    /// <summary>
    /// Applies a "parameters" object (path to wire value) already parsed, e.g. from a session file.
    /// Checks every entry first; applies only when all are valid, in one batch (<see cref="ParameterStore.BeginBatch"/>). With <see cref="SceneScope.Mix"/>, entries for
    /// console state are skipped without being read (a file from a larger console may hold an index this one lacks).
    /// </summary>
    /// <exception cref="SceneFormatException">An unknown path or a bad value.</exception>
    public static void ApplyParameters(ParameterStore store, JsonElement parameters, SceneApplyMode mode = SceneApplyMode.ResetOthersToDefaults, SceneScope scope = SceneScope.Mix)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw new SceneFormatException($"\"parameters\" must be an object of path: value; got {parameters.ValueKind}");
        }

        var table = store.Table;
        var numbers = new List<(int Index, float Real)>();
        var texts = new List<(int Index, string Text)>();
        var seen = new HashSet<int>();
        var migrated = new List<(string Former, float Real)>();
        int format = ReadFormat(parameters);
        bool beforeVeq = format < FormerParameters.VeqFormat, beforeX32Effects = format < FormerParameters.X32EffectsFormat;
        bool stereoReturns = format < FormerParameters.ReturnStripsFormat, beforeX32Dynamics = format < FormerParameters.X32DynamicsFormat;
        var links = new HashSet<string>();
        foreach (var property in parameters.EnumerateObject())
        {
            string path = property.Name;
            if (path == FormatKey) continue;
            if (stereoReturns && FormerParameters.TryGetStereoReturnSuccessors(path, out string[] successors, out string? link))
            {
                // A slot's stereo return of then is the pair of return strips now, linked.
                foreach (string successor in successors)
                {
                    if (!table.TryGetIndex(successor, out int at))
                    {
                        // A return's solo of then (/fxrtn/01/solo) has moved on since: to its solo switch.
                        if (FormerParameters.WireSpec(successor, table) is { } moved && Holds(scope, moved)) migrated.Add((successor, ReadNumber(path, moved, property.Value)));
                        continue;
                    }

                    if (!seen.Add(at) || !Holds(scope, table[at].Spec)) continue;
                    if (table[at].Spec.Kind == ParameterKind.String) texts.Add((at, ReadText(path, table[at].Spec, property.Value)));
                    else numbers.Add((at, ReadNumber(path, table[at].Spec, property.Value)));
                }

                if (link is not null && successors.Length > 0 && table.TryGetIndex(successors[0], out _)) links.Add(link);
                continue;
            }

            if (!table.TryGetIndex(path, out int index))
            {
                if (!FormerParameters.IsFormer(path) || FormerParameters.WireSpec(path, table) is not { } formerSpec)
                {
                    throw new SceneFormatException($"scene names {path}, which is not a parameter of this console ({table.Config.Channels} channels, {table.Config.Buses} buses)", path);
                }

                if (Holds(scope, formerSpec)) migrated.Add((path, ReadNumber(path, formerSpec, property.Value)));
                continue;
            }

            if (!seen.Add(index))
            {
                throw new SceneFormatException($"scene names {path} twice", path);
            }

            var spec = table[index].Spec;
            if (!Holds(scope, spec))
            {
                continue;
            }

            if (spec.Kind == ParameterKind.String)
            {
                texts.Add((index, ReadText(path, spec, property.Value)));
            }
            else
            {
                // An effect type written before the X32's types was REVERB or DELAY.
                bool oldEffectType = beforeX32Effects && FormerParameters.IsEffectType(path);
                // A compressor ratio or knee written before format 4 is a float on the grid it had then.
                bool oldCompressor = beforeX32Dynamics && FormerParameters.IsCompressorRatioOrKnee(path);
                var readAs = oldEffectType ? FormerParameters.FormerEffectType : oldCompressor ? FormerParameters.FormerCompressorSpec(path) : spec;
                float real = ReadNumber(path, readAs, property.Value);
                // A number (not a label) written before VEQ took position 3 names the type as numbered then.
                bool oldEqType = beforeVeq && property.Value.ValueKind == JsonValueKind.Number && FormerParameters.IsEqType(path);
                numbers.Add((index, oldEqType ? FormerParameters.EqTypeBeforeVeq(real) : oldEffectType ? FormerParameters.EffectTypeBeforeX32(real)
                    : oldCompressor ? FormerParameters.CompressorBeforeX32(path, real) : real));
            }
        }

        // A value saved under a former path lands where it lives now, unless the scene names that path itself.
        var current = new List<(string Path, float Real)>();
        foreach (var (former, real) in migrated)
        {
            // A former slot's reverb and delay settings both stood; the X32's pars hold those of the type it ran.
            if (FormerParameters.IsFormerEffect(former, out int slot, out bool delay) && delay != RunsFormerDelay(table, numbers, slot)) continue;
            FormerParameters.Migrate(former, real, current, table.Config);
        }
        foreach (var (path, real) in current)
        {
            if (table.TryGetIndex(path, out int index) && seen.Add(index)) numbers.Add((index, real));
        }

        foreach (string link in links)
        {
            if (table.TryGetIndex(link, out int index) && seen.Add(index)) numbers.Add((index, 1));
        }

        if (format < FormerParameters.InsertEffectsFormat) DropUntouchedInsertSlotPars(table, numbers);

        // One batch: the audio hears the scene whole, never a half-recalled one.
        using ParameterBatch batch = store.BeginBatch();
        if (mode == SceneApplyMode.ResetOthersToDefaults)
        {
            if (scope == SceneScope.WholeConsole)
            {
                store.ResetToDefaults();
            }
            else
            {
                store.ResetSceneToDefaults();
            }
        }

        foreach (var (index, real) in numbers)
        {
            store.TrySetReal(index, real);
        }

        foreach (var (index, text) in texts)
        {
            store.TrySetText(index, text);
        }
    }

    /// <summary>
    /// The scene of <paramref name="store"/> as indented JSON, in table order; with
    /// <paramref name="onlyChanged"/>, only values that differ from their defaults. With
    /// <see cref="SceneScope.Mix"/> (the default), console state is not written.
    /// </summary>
    public static string Save(ParameterStore store, bool onlyChanged = false, SceneScope scope = SceneScope.Mix)
    {
        using var buffer = new MemoryStream();
        Save(store, buffer, onlyChanged, scope);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the scene of <paramref name="store"/> as UTF-8 JSON to <paramref name="utf8Json"/>.</summary>
    public static void Save(ParameterStore store, Stream utf8Json, bool onlyChanged = false, SceneScope scope = SceneScope.Mix)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var writer = new Utf8JsonWriter(utf8Json, new JsonWriterOptions { Indented = true });
        Save(store, writer, onlyChanged, scope);
    }

    /// <summary>
    /// Writes the scene of <paramref name="store"/> with <paramref name="writer"/> and flushes it. Allocates nothing
    /// when the writer's buffer has room: a caller that saves often keeps one writer (<see cref="Utf8JsonWriter.Reset()"/>)
    /// over one reused buffer.
    /// </summary>
    public static void Save(ParameterStore store, Utf8JsonWriter writer, bool onlyChanged = false, SceneScope scope = SceneScope.Mix)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartObject("parameters");
        writer.WriteNumber(FormatKey, FormerParameters.CurrentFormat);
        var table = store.Table;
        for (int i = 0; i < table.Count; i++)
        {
            var descriptor = table[i];
            var spec = descriptor.Spec;
            if (!Holds(scope, spec))
            {
                continue;
            }

            switch (spec.Kind)
            {
                case ParameterKind.String:
                    string text = store.GetText(i);
                    if (!onlyChanged || !string.Equals(text, spec.DefaultText, StringComparison.Ordinal))
                    {
                        writer.WriteString(descriptor.Path, text);
                    }

                    break;
                case ParameterKind.Float:
                    int grid = spec.GridIndexOfReal(store.GetReal(i));
                    if (!onlyChanged || grid != spec.DefaultGridIndex)
                    {
                        writer.WriteNumber(descriptor.Path, spec.NormalizedAt(grid));
                    }

                    break;
                default:
                    int value = (int)store.GetReal(i);
                    if (!onlyChanged || value != (int)spec.Default)
                    {
                        writer.WriteNumber(descriptor.Path, value);
                    }

                    break;
            }
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new SceneFormatException($"scene is not valid JSON: {e.Message}", null, e);
        }
    }

    private static bool Holds(SceneScope scope, ParameterSpec spec) => spec.InScenes || scope == SceneScope.WholeConsole;

    private static void LoadDocument(ParameterStore store, JsonElement root, SceneApplyMode mode, SceneScope scope)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("parameters", out var parameters))
        {
            throw new SceneFormatException("scene must be a JSON object with a \"parameters\" object, e.g. {\"parameters\": {\"/ch/01/mix/fader\": 0.75}}");
        }

        ApplyParameters(store, parameters, mode, scope);
    }

    private static bool RunsFormerDelay(ParameterTable table, List<(int Index, float Real)> numbers, int slot)
    {
        int type = table.IndexOf(ParameterPaths.Fx(slot) + "/type");
        int found = numbers.FindIndex(n => n.Index == type);
        return FormerParameters.RunsFormerDelay(found < 0 ? table[type].Spec.Default : numbers[found].Real);
    }

    // Slots 5-8 of a scene from before they ran: a slot whose pars were all saved at 0.0 keeps its type's defaults.
    private static void DropUntouchedInsertSlotPars(ParameterTable table, List<(int Index, float Real)> numbers)
    {
        var touched = new HashSet<int>();
        foreach (var (index, real) in numbers)
        {
            if (FormerParameters.IsInsertSlotPar(table[index].Path, out int slot) && real != 0f) touched.Add(slot);
        }

        numbers.RemoveAll(n => FormerParameters.IsInsertSlotPar(table[n.Index].Path, out int slot) && !touched.Contains(slot));
    }

    // 4: compressor ratio and knee as the X32's; 3: effect slots as the X32's; 2: EQ types numbered as the X32 (VEQ at 3); absent: written before that (1).
    private static int ReadFormat(JsonElement parameters)
    {
        if (!parameters.TryGetProperty(FormatKey, out JsonElement format)) return 1;
        if (format.TryGetInt32(out int number) && number >= 1 && number <= FormerParameters.CurrentFormat) return number;
        throw new SceneFormatException($"\"{FormatKey}\" is {format.GetRawText()}; this console reads formats 1 to {FormerParameters.CurrentFormat}", FormatKey);
    }

    private static float ReadNumber(string path, ParameterSpec spec, JsonElement value)
    {
        if (spec.Kind == ParameterKind.Float)
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double normalized))
            {
                throw new SceneFormatException($"{path} takes a float 0..1 (as on the wire); got {value.GetRawText()}", path);
            }

            if (!(normalized >= 0.0 && normalized <= 1.0))
            {
                throw new SceneFormatException($"{path} takes a float 0..1 (as on the wire); got {value.GetRawText()}, outside 0..1", path);
            }

            return spec.FromNormalized((float)normalized);
        }

        int whole;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt32(out whole):
                break;
            case JsonValueKind.String when spec.TryGetLabelIndex(value.GetString(), out whole):
                break;
            case JsonValueKind.True when spec.Kind == ParameterKind.Bool:
                whole = 1;
                break;
            case JsonValueKind.False when spec.Kind == ParameterKind.Bool:
                whole = 0;
                break;
            default:
                throw new SceneFormatException($"{path} takes {Expected(spec)}; got {value.GetRawText()}", path);
        }

        if (!spec.IsValidReal(whole))
        {
            throw new SceneFormatException($"{path} takes {Expected(spec)}; got {value.GetRawText()}, out of range", path);
        }

        return whole;
    }

    private static string ReadText(string path, ParameterSpec spec, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new SceneFormatException($"{path} takes a string; got {value.GetRawText()}", path);
        }

        string text = value.GetString()!;
        if (!spec.IsValidText(text))
        {
            throw new SceneFormatException($"{path} takes at most {spec.MaxLength} printable ASCII characters; got {value.GetRawText()}", path);
        }

        return text;
    }

    private static string Expected(ParameterSpec spec)
    {
        if (spec.Kind == ParameterKind.Int)
        {
            return $"an int 0..{spec.StepCount - 1}";
        }

        return $"an int 0..{spec.StepCount - 1} or one of {string.Join(", ", spec.Labels)}";
    }
}
