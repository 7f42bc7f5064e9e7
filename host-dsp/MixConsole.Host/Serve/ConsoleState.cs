using MixConsole.Engine.Parameters;
using MixConsole.Host.Cli;

namespace MixConsole.Host.Serve;

/// <summary>
/// serve --state DIR: the console's parameters survive a restart (systemd Restart=on-failure, a power cut):
/// DIR/state.json is loaded at start and rewritten atomically every few seconds and at stop. It is the whole
/// console, not a scene: console state such as the strip selection comes back too (<see cref="SceneScope.WholeConsole"/>).
/// </summary>
internal sealed class ConsoleState
{
    private readonly string? _path;
    private readonly ParameterStore _store;
    private readonly Action<string> _log;
    private string? _lastSaved;

    private ConsoleState(string? path, ParameterStore store, Action<string> log)
    {
        _path = path;
        _store = store;
        _log = log;
    }

    /// <summary>Creates DIR when needed and loads DIR/state.json into <paramref name="store"/> when it exists; a null DIR keeps nothing.</summary>
    public static ConsoleState Open(string? dir, ParameterStore store, Action<string> log)
    {
        if (dir is null) return new ConsoleState(null, store, log);
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserFacingException($"--state {dir}: {e.Message}");
        }

        string path = Path.Combine(dir, "state.json");
        var state = new ConsoleState(path, store, log);
        if (File.Exists(path))
        {
            try
            {
                string json = File.ReadAllText(path);
                SceneFile.Load(store, json, SceneApplyMode.ResetOthersToDefaults, SceneScope.WholeConsole);
                state._lastSaved = json;
                log($"state   restored from {path}");
            }
            catch (Exception e) when (e is IOException or SceneFormatException or UnauthorizedAccessException)
            {
                throw new UserFacingException($"cannot restore state from {path}: {e.Message} (move it away to start fresh)");
            }
        }

        return state;
    }

    /// <summary>Writes the parameters when they changed since the last save (temp file + rename: never half a file).</summary>
    public void Save()
    {
        if (_path is null) return;
        string json = SceneFile.Save(_store, onlyChanged: false, SceneScope.WholeConsole);
        if (json == _lastSaved) return;
        try
        {
            string temp = _path + ".tmp";
            File.WriteAllText(temp, json);
            File.Move(temp, _path, overwrite: true);
            _lastSaved = json;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log($"state   cannot save {_path}: {e.Message}");
        }
    }
}
