using MixConsole.Engine.Parameters;
using MixConsole.Host.Cli;
using MixConsole.Store;

namespace MixConsole.Host.Serve;

/// <summary>
/// serve --state DIR: the console survives a restart or a power cut. DIR/console.db (<see cref="ConsoleStore"/>) is
/// opened at start (a damaged one is recovered, never fatal), the live state it holds is restored (on a first start,
/// an older DIR/state.json is imported instead), and a <see cref="LiveJournal"/> thread keeps it within half a second
/// of the console from then on. Scene slots live in the same store. Without DIR the console keeps nothing. When the
/// folder cannot be used now (a full or read-only medium, a file in its place), the console runs, says so, and tries
/// the folder again every few seconds: once it opens, the console as it is then is written to it and scenes work.
/// </summary>
internal sealed class ConsoleState : IDisposable
{
    private const string LegacyFileName = "state.json";

    /// <summary>How often an unusable folder is tried again.</summary>
    public static readonly TimeSpan DefaultRetryInterval = TimeSpan.FromSeconds(5);

    private readonly string? _dir;
    private readonly string? _legacyFile;
    private readonly Action<string> _log;
    private readonly TimeSpan _retryInterval;
    private readonly object _gate = new();
    private ConsoleStore? _store;
    private LiveJournal? _journal;
    private ParameterStore? _parameters;
    private Timer? _retry;
    private bool _disposed;

    private ConsoleState(string? dir, ConsoleStore? store, string? legacyFile, Action<string> log, string? note, TimeSpan retryInterval)
    {
        _dir = dir;
        _store = store;
        _legacyFile = legacyFile;
        _log = log;
        _retryInterval = retryInterval;
        Say(note);
        Scenes = store is null ? null : new SceneSlots(store);
        MasterPresets = store is null ? null : new MasterPresetStore(store);
    }

    /// <summary>The scene slots, or null while there is no store (none given, or the folder cannot be used yet).</summary>
    public SceneSlots? Scenes { get; private set; }

    /// <summary>The user master presets, or null while there is no store.</summary>
    public MasterPresetStore? MasterPresets { get; private set; }

    /// <summary>True when a previous run left a state to restore (the store's live rows, or a state.json to import).</summary>
    public bool HasSavedState => _store is not null && (_store.HasLiveState || _legacyFile is not null);

    /// <summary>
    /// Non-null when the store came up damaged (repeated on every status line until a restart) or is not usable
    /// (until the folder opens).
    /// </summary>
    public string? Warning { get; private set; }

    /// <summary><see cref="Warning"/> as <c>/status</c> adds it (without the log line's prefix), or null.</summary>
    public string? StatusNote { get; private set; }

    // Both forms made once: /status reads the note on every query, the status line the warning.
    private void Say(string? note) => (StatusNote, Warning) = (note, note is null ? null : "store   " + note);

    /// <summary>Opens DIR's store (recovering a damaged one); a null DIR keeps nothing.</summary>
    /// <exception cref="UserFacingException">Another console holds DIR.</exception>
    public static ConsoleState Open(string? dir, Action<string> log, TimeSpan? retryInterval = null)
    {
        TimeSpan retry = retryInterval ?? DefaultRetryInterval;
        if (dir is null) return new ConsoleState(null, null, null, log, null, retry);
        ConsoleStore store;
        try
        {
            store = ConsoleStore.Open(dir);
        }
        catch (StoreLockedException e)
        {
            throw new UserFacingException($"--state {dir}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string unavailable = $"STORE UNAVAILABLE: --state {dir}: {e.Message}; the console runs but keeps nothing (no saved state, no scenes) until the folder can be used: tried again every {retry.TotalSeconds:0} s";
            log("store   " + unavailable);
            return new ConsoleState(dir, null, null, log, unavailable, retry);
        }

        bool damaged = store.Condition is StoreCondition.RecoveredFromBackup or StoreCondition.StartedFromDefaults;
        log($"store   {store.Report}");
        string legacy = Path.Combine(dir, LegacyFileName);
        bool import = !store.HasLiveState && File.Exists(legacy);
        return new ConsoleState(dir, store, import ? legacy : null, log, damaged ? store.Report : null, retry);
    }

    /// <summary>Sets the console to the saved state (or imports state.json once); a state.json that cannot be read is reported, not fatal.</summary>
    public void Restore(ParameterStore parameters)
    {
        _parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        if (_store is null) return;
        _journal = new LiveJournal(_store, parameters, _log);
        if (_legacyFile is null)
        {
            int restored = _journal.Restore();
            if (restored > 0) _log($"state   restored {restored} parameters from {_store.FilePath}");
            return;
        }

        try
        {
            using var stream = File.OpenRead(_legacyFile);
            SceneFile.Load(parameters, stream, SceneApplyMode.ResetOthersToDefaults, SceneScope.WholeConsole);
            _log($"state   restored from {_legacyFile} (imported into {_store.FilePath}; the file is no longer written)");
        }
        catch (Exception e) when (e is IOException or SceneFormatException or UnauthorizedAccessException)
        {
            _log($"state   WARNING: cannot import {_legacyFile}: {e.Message}; starting from defaults");
        }
    }

    /// <summary>Starts journaling every change (call once the start-up values are set), or trying an unusable folder again.</summary>
    public void Start()
    {
        if (_journal is not null)
        {
            _journal.Start();
        }
        else if (_store is null && _dir is not null && _parameters is not null)
        {
            _retry = new Timer(_ => TryAgain(), null, _retryInterval, _retryInterval);
        }
    }

    // The folder can be used now: its older live state gives way to the console as it is, which the journal writes whole.
    private void TryAgain()
    {
        lock (_gate)
        {
            if (_disposed || _store is not null) return;
            ConsoleStore store;
            try
            {
                store = ConsoleStore.Open(_dir!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or StoreLockedException)
            {
                return; // said once at start; the status line repeats it
            }

            try
            {
                store.ClearLiveState();
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                store.Dispose();
                return;
            }

            _log($"store   {store.Report}: the folder can be used now; the console as it is is written to it from now on, scenes work");
            _journal = new LiveJournal(store, _parameters!, _log);
            _journal.Flush();
            _journal.Start();
            _store = store;
            Scenes = new SceneSlots(store);
            MasterPresets = new MasterPresetStore(store);
            Say(store.Condition is StoreCondition.RecoveredFromBackup or StoreCondition.StartedFromDefaults ? store.Report : null);
            _retry?.Dispose();
        }
    }

    /// <summary>Writes the last changes, takes the clean-stop backup and closes the store.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _retry?.Dispose();
        }

        if (_store is null) return;
        _journal?.Dispose();
        try
        {
            _store.Backup();
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            _log($"store   WARNING: no backup at stop: {e.Message}");
        }

        _store.Dispose();
    }
}
