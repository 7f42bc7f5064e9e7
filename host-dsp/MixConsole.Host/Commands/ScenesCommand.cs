using System.Text.Json;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using MixConsole.Host.Cli;
using MixConsole.Store;

namespace MixConsole.Host.Commands;

/// <summary><c>mixconsole scenes</c>: the scene slots of a stopped console's store, from the shell.</summary>
internal sealed class ScenesCommand : ICommand
{
    public string Name => "scenes";

    public string Summary => "list, show, export, import or delete the scene slots in a console's store (serve --state DIR), or move a whole show";

    public string Usage => """
        mixconsole scenes list --state DIR
        mixconsole scenes show N --state DIR
        mixconsole scenes export N [--out FILE] --state DIR
        mixconsole scenes import N FILE [--name NAME] [--notes TEXT] [--profile NAME] --state DIR
        mixconsole scenes delete N --state DIR
        mixconsole scenes export-show [--out FILE] [--profile NAME] --state DIR
        mixconsole scenes import-show FILE [--profile NAME] --state DIR
        """;

    public string Description => """
        A console keeps 100 scene slots (0-99, as on the X32) in DIR/console.db, the store of
        serve --state DIR. While serving, save and recall them over OSC (/save ,siss "scene" N "name" "notes",
        /-action/goscene ,i N); this command works on the store of a STOPPED console, and refuses while a
        console holds DIR (stop it first: systemctl stop mixconsole).

          list     one line per saved slot: number, name, when it was saved (UTC), notes
          show     a slot's name, notes, save time and every value it sets (those off their defaults)
          export   the slot as a scene file: {"name", "notes", "parameters": {path: value}} on stdout or
                   to --out FILE; serve --scene FILE loads the same file
          import   a scene file (JSON, as export writes, or an X32 scene .scn from the console or X32-Edit:
                   every node this console has is read, the rest listed) into slot N, checked first against the console
                   (--profile, default 'default'): a file naming a path this console lacks changes nothing.
                   Name and notes come from --name/--notes, else from the file
          delete   empties a slot
          export-show  the whole show as one file: the console as it is (every value off its default),
                   every scene with name and notes, the current scene, recall safes and fade time; to move
                   a show between boxes or keep it in version control
          import-show  replaces the whole show in DIR with FILE, checked whole first (a bad file changes
                   nothing); the show it replaces is kept as a backup in DIR/backups/ first

        Example: mixconsole scenes export 3 --state /var/lib/mixconsole --out song3.json
                 mixconsole scenes export-show --state /var/lib/mixconsole --out tour.show.json
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("state", "DIR", "the console's store folder (what serve --state was given; the Pi's is /var/lib/mixconsole)"),
        new("out", "FILE", "export, export-show: write the file here instead of stdout"),
        new("name", "NAME", "import: the slot's name (default: the file's \"name\", else the file name)"),
        new("notes", "TEXT", "import: the slot's notes (default: the file's \"notes\")"),
        new("profile", "NAME", $"import, export-show, import-show: the console size the scene or show must fit, one of {string.Join(", ", ConsoleConfig.ProfileNames)} (default: {ConsoleConfig.DefaultProfileName})"),
    ];

    public int Run(ParsedArgs args, CommandContext context)
    {
        if (args.Positionals.Count == 0) throw new UsageException("say what to do: list, show N, export N, import N FILE, delete N, export-show or import-show FILE");
        string action = args.Positionals[0];
        string dir = args.Get("state") ?? throw new UsageException("--state DIR is required: the folder serve --state was given");
        int expected = action switch
        {
            "list" or "export-show" => 1,
            "show" or "export" or "delete" or "import-show" => 2,
            "import" => 3,
            _ => throw new UsageException($"'{action}' is not a scenes action; use list, show, export, import, delete, export-show or import-show"),
        };
        if (args.Positionals.Count != expected) throw new UsageException($"scenes {action} takes {expected - 1} argument(s) after it; see mixconsole scenes --help");
        int slot = expected > 1 && action != "import-show" ? ParseSlot(args.Positionals[1]) : -1;
        if (action is not ("import" or "import-show") && !File.Exists(Path.Combine(dir, ConsoleStore.FileName)))
        {
            throw new UserFacingException($"no store in {dir} (serve --state {dir} makes one)");
        }

        using ConsoleStore store = OpenStore(dir);
        var slots = new SceneSlots(store);
        TextWriter w = context.Out;
        switch (action)
        {
            case "list":
                IReadOnlyList<SceneRecord> all = slots.List();
                int? current = slots.Current;
                if (all.Count == 0) w.WriteLine($"no scenes saved in {store.FilePath}");
                foreach (SceneRecord s in all)
                {
                    w.WriteLine($"{(s.Slot == current ? '*' : ' ')}{s.Slot,3}  {s.Name,-32}  {s.SavedUtc}  {s.Notes}");
                }

                return 0;
            case "show":
                SceneRecord shown = Get(slots, slot, dir);
                w.WriteLine($"scene {shown.Slot}: {shown.Name}");
                w.WriteLine($"notes: {shown.Notes}");
                w.WriteLine($"saved: {shown.SavedUtc}");
                using (var document = JsonDocument.Parse(shown.Parameters))
                {
                    var parameters = document.RootElement.GetProperty("parameters");
                    var values = parameters.EnumerateObject().Where(p => p.Name != SceneFile.FormatKey).ToList();
                    w.WriteLine($"sets {values.Count} values off their defaults (the rest of the mix recalls to defaults):");
                    foreach (var p in values) w.WriteLine($"  {p.Name} {p.Value.GetRawText()}");
                }

                return 0;
            case "export":
                string json = ExportJson(Get(slots, slot, dir));
                if (args.Get("out") is { } path)
                {
                    File.WriteAllText(path, json);
                    context.Err.WriteLine($"scene {slot} written to {path}");
                }
                else
                {
                    w.WriteLine(json);
                }

                return 0;
            case "import":
                Import(slots, slot, args.Positionals[2], args, w);
                return 0;
            case "export-show":
                string show = ShowFile.Export(store, Table(args));
                if (args.Get("out") is { } showPath)
                {
                    File.WriteAllText(showPath, show);
                    context.Err.WriteLine($"show of {store.FilePath} written to {showPath}");
                }
                else
                {
                    w.WriteLine(show);
                }

                return 0;
            case "import-show":
                ImportShow(store, args.Positionals[1], Table(args), w);
                return 0;
            default:
                if (!slots.Delete(slot)) throw new UserFacingException($"scene {slot} is empty in {dir}");
                w.WriteLine($"scene {slot} deleted");
                return 0;
        }
    }

    internal static ConsoleStore OpenStore(string dir)
    {
        try
        {
            return ConsoleStore.Open(dir, recover: false);
        }
        catch (StoreLockedException e)
        {
            throw new UserFacingException($"refusing: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserFacingException(e.Message);
        }
    }

    private static void Import(SceneSlots slots, int slot, string file, ParsedArgs args, TextWriter w)
    {
        string text = ReadFile(file);
        ParameterTable table = Table(args);
        string json;
        string? fileName = null, fileNotes = null;
        X32SceneImport? x32 = null;
        if (X32SceneFile.Looks(text))
        {
            var scratch = new ParameterStore(table);
            x32 = X32SceneFile.Read(scratch, text);
            json = SceneFile.Save(scratch, onlyChanged: true, SceneScope.Mix);
            (fileName, fileNotes) = (x32.Name.Length > 0 ? x32.Name : null, x32.Notes);
        }
        else
        {
            json = text;
            try
            {
                using var document = JsonDocument.Parse(json);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    if (document.RootElement.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String) fileName = n.GetString();
                    if (document.RootElement.TryGetProperty("notes", out var o) && o.ValueKind == JsonValueKind.String) fileNotes = o.GetString();
                }
            }
            catch (JsonException e)
            {
                throw new UserFacingException($"{file} is neither a scene file (JSON: {e.Message}) nor an X32 scene (.scn)");
            }
        }

        string name = args.Get("name") ?? fileName ?? Path.GetFileNameWithoutExtension(file);
        string notes = args.Get("notes") ?? fileNotes ?? "";
        if (!SceneSlots.IsValidText(name, SceneSlots.MaxNameLength)) throw new UserFacingException($"the name '{name}' is not at most {SceneSlots.MaxNameLength} printable ASCII characters (give --name)");
        if (!SceneSlots.IsValidText(notes, SceneSlots.MaxNotesLength)) throw new UserFacingException($"the notes are not at most {SceneSlots.MaxNotesLength} printable ASCII characters (give --notes)");
        try
        {
            slots.Import(slot, name, notes, json, table);
        }
        catch (SceneFormatException e)
        {
            throw new UserFacingException($"{file}: {e.Message}; slot {slot} is unchanged");
        }

        w.WriteLine($"scene {slot} '{name}' imported from {file}");
        if (x32 is not null)
        {
            w.WriteLine($"from the X32 scene: {x32.Values} values in {x32.Nodes} node lines; everything else in the mix is at its default");
            if (x32.Skipped.Count > 0) w.Write($"not brought across:\n{X32SceneFile.Describe(x32)}");
        }
    }

    private static void ImportShow(ConsoleStore store, string file, ParameterTable table, TextWriter w)
    {
        string json = ReadFile(file);
        string kept = store.Backup();
        try
        {
            ShowSummary show = ShowFile.Import(store, json, table);
            w.WriteLine($"show imported from {file}: {show.Scenes} scene(s), {show.ConsoleValues} console value(s) off their defaults, current scene {(show.Current is { } c ? c.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}; the show it replaced is in {kept}");
        }
        catch (SceneFormatException e)
        {
            throw new UserFacingException($"{file}: {e.Message}; the store is unchanged");
        }
    }

    // The console size a scene or show must fit (--profile).
    private static ParameterTable Table(ParsedArgs args)
    {
        try
        {
            return ParameterTable.Create(ConsoleConfig.FromProfile(args.Get("profile") ?? ConsoleConfig.DefaultProfileName));
        }
        catch (Exception e) when (e is ConsoleConfigException or ArgumentException or KeyNotFoundException)
        {
            throw new UsageException($"--profile: {e.Message}");
        }
    }

    private static string ReadFile(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserFacingException($"cannot read {file}: {e.Message}");
        }
    }

    private static SceneRecord Get(SceneSlots slots, int slot, string dir) =>
        slots.TryGet(slot, out SceneRecord? scene) ? scene! : throw new UserFacingException($"scene {slot} is empty in {dir} (mixconsole scenes list --state {dir})");

    private static string ExportJson(SceneRecord scene)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true })) scene.WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static int ParseSlot(string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int slot) && SceneSlots.IsSlot(slot)
            ? slot
            : throw new UsageException($"a scene slot is a number 0-{SceneSlots.Count - 1}, got '{text}'");
}
