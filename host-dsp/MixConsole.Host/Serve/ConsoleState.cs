using MixConsole.Engine.Parameters;
using MixConsole.Host.Cli;
using MixConsole.Store;

namespace MixConsole.Host.Serve;

/// <summary>
/// serve --state DIR: the console survives a restart or a power cut. DIR/console.db (<see cref="ConsoleStore"/>) is
/// opened at start (a damaged one is recovered, never fatal), the live state it holds is restored (on a first start,
/// an older DIR/state.json is imported instead), and a <see cref="LiveJournal"/> thread keeps it within half a second
/// of the console from then on. Scene slots live in the same store. Without DIR, or when the folder cannot be used
/// at all, the console runs and keeps nothing, and says so.
/// </summary>
internal sealed class ConsoleState : IDisposable
{
    private const string LegacyFileName = "state.json";

    private readonly ConsoleStore? _store;
    private readonly string? _legacyFile;
    private readonly Action<string> _log;
    private LiveJournal? _journal;

    private ConsoleState(ConsoleStore? store, string? legacyFile, Action<string> log, string? warning)
    {
        _store = store;
        _legacyFile = legacyFile;
        _log = log;
        Warning = warning;
        Scenes = store is null ? null : new SceneSlots(store);
    }

    /// <summary>The scene slots, or null when there is no store.</summary>
    public SceneSlots? Scenes { get; }

    /// <summary>True when a previous run left a state to restore (the store's live rows, or a state.json to import).</summary>
    public bool HasSavedState => _store is not null && (_store.HasLiveState || _legacyFile is not null);

    /// <summary>Non-null when the store came up damaged or not at all: repeated on every status line until a restart.</summary>
    public string? Warning { get; }

    /// <summary>Opens DIR's store (recovering a damaged one); a null DIR keeps nothing.</summary>
    /// <exception cref="UserFacingException">Another console holds DIR.</exception>
    public static ConsoleState Open(string? dir, Action<string> log)
    {
        if (dir is null) return new ConsoleState(null, null, log, null);
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
            string unavailable = $"store   STORE UNAVAILABLE: --state {dir}: {e.Message}; the console runs but keeps nothing (no saved state, no scenes) until restarted with a usable folder";
            log(unavailable);
            return new ConsoleState(null, null, log, unavailable);
        }

        bool damaged = store.Condition is StoreCondition.RecoveredFromBackup or StoreCondition.StartedFromDefaults;
        log($"store   {store.Report}");
        string legacy = Path.Combine(dir, LegacyFileName);
        bool import = !store.HasLiveState && File.Exists(legacy);
        return new ConsoleState(store, import ? legacy : null, log, damaged ? $"store   {store.Report}" : null);
    }

    /// <summary>Sets the console to the saved state (or imports state.json once); a state.json that cannot be read is reported, not fatal.</summary>
    public void Restore(ParameterStore parameters)
    {
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

    /// <summary>Starts journaling every change (call once the start-up values are set).</summary>
    public void Start() => _journal?.Start();

    /// <summary>Writes the last changes, takes the clean-stop backup and closes the store.</summary>
    public void Dispose()
    {
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
