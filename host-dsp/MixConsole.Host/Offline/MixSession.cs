using System.Text.Json;
using MixConsole.Engine.Configuration;

namespace MixConsole.Host.Offline;

/// <summary>One input of a session: a WAV file on a console channel (a stereo file also takes the next channel).</summary>
internal sealed record SessionInput(string File, string FullPath, int Channel);

/// <summary>
/// A mix session: <c>{"rate": 48000, "inputs": [{"file": "drums.wav", "channel": 1}], "parameters": {"/ch/01/mix/fader": 0.75}}</c>,
/// optionally <c>"console": {"profile": "pi4-cs42448"}</c> or counts. File paths are relative to the session file.
/// </summary>
internal sealed class MixSession
{
    private MixSession(string path, int? rate, IReadOnlyList<SessionInput> inputs, JsonElement? parameters, ConsoleConfig config)
    {
        Path = path;
        RateHz = rate;
        Inputs = inputs;
        Parameters = parameters;
        Config = config;
    }

    public string Path { get; }
    public int? RateHz { get; }
    public IReadOnlyList<SessionInput> Inputs { get; }
    public JsonElement? Parameters { get; }
    public ConsoleConfig Config { get; }

    /// <summary>Reads and checks a session file; every problem is a one-line <see cref="UserFacingException"/>.</summary>
    public static MixSession Load(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!System.IO.File.Exists(full)) throw new Cli.UserFacingException($"session file not found: {path}");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(System.IO.File.ReadAllBytes(full), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new Cli.UserFacingException($"{path} is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new Cli.UserFacingException($"{path}: a session is a JSON object with \"inputs\" (and optionally \"rate\", \"parameters\", \"console\")");
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("rate" or "inputs" or "parameters" or "console"))
                    throw new Cli.UserFacingException($"{path}: unknown key \"{property.Name}\" (expected rate, inputs, parameters, console)");
            }

            var config = ConsoleConfig.Default;
            if (root.TryGetProperty("console", out var console))
            {
                try
                {
                    config = ConsoleConfig.FromJson(console.GetRawText());
                }
                catch (ConsoleConfigException e)
                {
                    throw new Cli.UserFacingException($"{path}: \"console\": {e.Message}");
                }
            }

            int? rate = null;
            if (root.TryGetProperty("rate", out var r))
            {
                if (r.ValueKind != JsonValueKind.Number || !r.TryGetInt32(out int hz) || hz < 8000 || hz > 384000)
                    throw new Cli.UserFacingException($"{path}: \"rate\" must be a whole number of Hz between 8000 and 384000; got {r.GetRawText()}");
                rate = hz;
            }

            if (!root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
                throw new Cli.UserFacingException($"{path}: \"inputs\" must be a list such as [{{\"file\": \"drums.wav\", \"channel\": 1}}]");
            string directory = System.IO.Path.GetDirectoryName(full)!;
            var list = new List<SessionInput>();
            int index = 0;
            foreach (var input in inputs.EnumerateArray())
            {
                index++;
                if (input.ValueKind != JsonValueKind.Object || !input.TryGetProperty("file", out var file) || file.ValueKind != JsonValueKind.String)
                    throw new Cli.UserFacingException($"{path}: input {index} needs \"file\" (a WAV path relative to the session) and \"channel\"");
                if (!input.TryGetProperty("channel", out var channel) || channel.ValueKind != JsonValueKind.Number || !channel.TryGetInt32(out int ch))
                    throw new Cli.UserFacingException($"{path}: input {index} ({file.GetString()}) needs \"channel\": a console channel number 1..{config.Channels}");
                foreach (var property in input.EnumerateObject())
                    if (property.Name is not ("file" or "channel"))
                        throw new Cli.UserFacingException($"{path}: input {index}: unknown key \"{property.Name}\" (expected file, channel)");
                if (ch < 1 || ch > config.Channels)
                    throw new Cli.UserFacingException($"{path}: input {index} ({file.GetString()}) names channel {ch}; this console has channels 1..{config.Channels}");
                string name = file.GetString()!;
                list.Add(new SessionInput(name, System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, name)), ch));
            }

            if (list.Count == 0) throw new Cli.UserFacingException($"{path}: \"inputs\" is empty: name at least one WAV file and its channel");
            JsonElement? parameters = root.TryGetProperty("parameters", out var p) ? p.Clone() : null;
            return new MixSession(full, rate, list, parameters, config);
        }
    }
}
