using System.Buffers;
using System.Text.Json;
using MixConsole.Engine.Parameters;
using MixConsole.Host.Cli;

namespace MixConsole.Host.Serve;

/// <summary>
/// serve --state DIR: the console's parameters survive a restart (systemd Restart=on-failure, a power cut):
/// DIR/state.json is loaded at start and rewritten atomically every few seconds and at stop. It is the whole
/// console, not a scene: console state such as the strip selection comes back too (<see cref="SceneScope.WholeConsole"/>).
/// <para>A save while the store's <see cref="ParameterStore.Version"/> stands still does nothing at all; otherwise the
/// file is built in one reused buffer by one reused JSON writer and written only when its bytes differ from the
/// last ones written, so hours of serving leave no garbage behind (any collection pauses the audio thread too).</para>
/// </summary>
internal sealed class ConsoleState
{
    private const int InitialBufferBytes = 256 * 1024;

    private readonly string? _path;
    private readonly string? _tempPath;
    private readonly ParameterStore _store;
    private readonly Action<string> _log;
    private readonly ArrayBufferWriter<byte> _json = new(InitialBufferBytes);
    private readonly Utf8JsonWriter _writer;
    private byte[] _lastSaved = [];
    private int _lastSavedLength;
    private long _savedVersion = -1;
    private bool _failing;

    private ConsoleState(string? path, ParameterStore store, Action<string> log)
    {
        _path = path;
        _tempPath = path is null ? null : path + ".tmp";
        _store = store;
        _log = log;
        _writer = new Utf8JsonWriter(_json, new JsonWriterOptions { Indented = true });
    }

    /// <summary>Saves that found something changed and built the file (a write follows only when its bytes changed).</summary>
    public long Builds { get; private set; }

    /// <summary>Files written.</summary>
    public long Writes { get; private set; }

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
                byte[] json = File.ReadAllBytes(path);
                using (var stream = new MemoryStream(json, writable: false))
                {
                    SceneFile.Load(store, stream, SceneApplyMode.ResetOthersToDefaults, SceneScope.WholeConsole);
                }

                state._lastSaved = json;
                state._lastSavedLength = json.Length;
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
        // Read before building: a change landing during the build moves the version again and is saved next time.
        long version = _store.Version;
        if (version == _savedVersion) return;
        Builds++;
        _json.ResetWrittenCount();
        _writer.Reset(_json);
        SceneFile.Save(_store, _writer, onlyChanged: false, SceneScope.WholeConsole);
        ReadOnlySpan<byte> json = _json.WrittenSpan;
        if (json.SequenceEqual(_lastSaved.AsSpan(0, _lastSavedLength)))
        {
            // Changed and changed back: the file already says this.
            _savedVersion = version;
            return;
        }

        try
        {
            using (var file = File.OpenHandle(_tempPath!, FileMode.Create, FileAccess.Write))
            {
                RandomAccess.Write(file, json, 0);
                RandomAccess.FlushToDisk(file);
            }

            File.Move(_tempPath!, _path, overwrite: true);
            Writes++;
            if (_lastSaved.Length < json.Length) _lastSaved = new byte[json.Length + json.Length / 4];
            json.CopyTo(_lastSaved);
            _lastSavedLength = json.Length;
            _savedVersion = version;
            if (_failing) _log($"state   saved {_path} again");
            _failing = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Retried every save; said once, not every few seconds while the disk stays full.
            if (!_failing) _log($"state   cannot save {_path}: {e.Message}");
            _failing = true;
        }
    }
}
