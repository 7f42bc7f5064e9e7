using System.Diagnostics;
using Microsoft.Data.Sqlite;
using MixConsole.Engine.Parameters;

namespace MixConsole.Store;

/// <summary>
/// Keeps the live console in the store so a power cut loses nothing older than a second: a writer thread (never the
/// audio thread, never an OSC receive thread) wakes every <see cref="FlushInterval"/> (0.5 s), collects what changed
/// from the parameter store's change cursor, and upserts one row per changed parameter (its value at that moment) in
/// one synced transaction. A fader swept 1000 times a second is one row per flush: writes are bounded by the flush
/// rate, not by the moves. A failed flush (full disk, read-only file system) keeps its rows dirty, warns once, and is
/// retried every few seconds until it succeeds; audio and control never wait on it.
/// </summary>
public sealed class LiveJournal : IDisposable
{
    /// <summary>How often changes are committed: with the commit's own time, a change is durable well within 1 s.</summary>
    public static readonly TimeSpan DefaultFlushInterval = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan BackupInterval = TimeSpan.FromDays(1);

    private readonly ConsoleStore _store;
    private readonly ParameterStore _parameters;
    private readonly Action<string> _log;
    private readonly int[] _changed;
    private readonly bool[] _dirty;
    private readonly int[] _dirtyList;
    private readonly ManualResetEventSlim _stop = new(false);
    private SqliteCommand? _upsert;
    private SqliteParameter? _path;
    private SqliteParameter? _real;
    private SqliteParameter? _text;
    private int _dirtyCount;
    private long _cursor;
    private Thread? _thread;
    private bool _failing;
    private long _nextBackup;

    /// <summary>A journal of <paramref name="parameters"/> into <paramref name="store"/>; <see cref="Restore"/>, then <see cref="Start"/>.</summary>
    public LiveJournal(ConsoleStore store, ParameterStore parameters, Action<string> log, TimeSpan? flushInterval = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        FlushInterval = flushInterval ?? DefaultFlushInterval;
        _changed = new int[parameters.Count];
        _dirty = new bool[parameters.Count];
        _dirtyList = new int[parameters.Count];
    }

    /// <summary>Time between flushes.</summary>
    public TimeSpan FlushInterval { get; }

    /// <summary>Transactions committed.</summary>
    public long Commits { get; private set; }

    /// <summary>Parameter rows written.</summary>
    public long RowsWritten { get; private set; }

    /// <summary>Flushes that failed (and were retried).</summary>
    public long FailedFlushes { get; private set; }

    /// <summary>True while the last flush failed (the disk is full or read-only): changes wait in memory.</summary>
    public bool Failing => Volatile.Read(ref _failing);

    /// <summary>
    /// Sets every parameter the store's live state holds (one batch, so the audio hears it whole); rows for paths this
    /// console lacks (a smaller profile) or values it refuses are skipped. Returns how many parameters were set.
    /// </summary>
    public int Restore() => RestoreInto(_store, _parameters);

    /// <summary>Sets <paramref name="parameters"/> to the live state <paramref name="store"/> holds (what <see cref="Restore"/> does).</summary>
    internal static int RestoreInto(ConsoleStore store, ParameterStore parameters)
    {
        var rows = new List<(string Path, object Real, object Text)>();
        lock (store.Gate)
        {
            using var command = store.Connection.CreateCommand();
            command.CommandText = "SELECT path, real, text FROM live";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetValue(1), reader.GetValue(2)));
            }
        }

        int applied = 0;
        var table = parameters.Table;
        var current = new List<(string Path, float Real)>();
        using (parameters.BeginBatch())
        {
            // A row written before the table took the X32's shape (/ch/01/config/link) restores to where it lives
            // now, first, so a row the console wrote since under the current path wins.
            foreach (var (path, real, _) in rows)
            {
                if (!table.TryGetIndex(path, out _) && real is double former) FormerParameters.Migrate(path, (float)former, current, table.Config);
            }

            foreach (var (path, real) in current)
            {
                if (table.TryGetIndex(path, out int index) && parameters.TrySetReal(index, real)) applied++;
            }

            foreach (var (path, real, text) in rows)
            {
                if (!table.TryGetIndex(path, out int index)) continue;
                bool set = table[index].Spec.Kind == ParameterKind.String
                    ? text is string s && parameters.TrySetText(index, s)
                    : real is double r && parameters.TrySetReal(index, (float)r);
                if (set) applied++;
            }
        }

        return applied;
    }

    /// <summary>Starts the writer thread. Everything changed since the parameter store was made is written by its first flush.</summary>
    public void Start()
    {
        if (_thread is not null) throw new InvalidOperationException("the journal is already running");
        _nextBackup = Stopwatch.GetTimestamp() + (long)(BackupInterval.TotalSeconds * Stopwatch.Frequency);
        _thread = new Thread(Run) { IsBackground = true, Name = "store-journal" };
        _thread.Start();
    }

    /// <summary>Writes what changed since the last flush, now. False when nothing was pending or the write failed.</summary>
    public bool Flush()
    {
        int count = _parameters.CollectChanges(ref _cursor, _changed);
        for (int c = 0; c < count; c++)
        {
            int index = _changed[c];
            if (_dirty[index]) continue;
            _dirty[index] = true;
            _dirtyList[_dirtyCount++] = index;
        }

        if (_dirtyCount == 0) return false;
        try
        {
            Write();
            RowsWritten += _dirtyCount;
            Commits++;
            for (int d = 0; d < _dirtyCount; d++) _dirty[_dirtyList[d]] = false;
            _dirtyCount = 0;
            if (_failing) _log($"store   writing again: the live state in {_store.FilePath} is up to date");
            Volatile.Write(ref _failing, false);
            return true;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            FailedFlushes++;
            // Said once, not every retry; the rows stay dirty and go out with the next successful flush.
            if (!_failing) _log($"store   WARNING: cannot write the live state to {_store.FilePath}: {e.Message}; audio and control go on, changes are kept in memory and retried every {RetryInterval.TotalSeconds:0} s");
            Volatile.Write(ref _failing, true);
            return false;
        }
    }

    /// <summary>Stops the thread after a last flush.</summary>
    public void Dispose()
    {
        _stop.Set();
        _thread?.Join();
        if (_thread is null) Flush();
        _upsert?.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.Wait(_failing ? RetryInterval : FlushInterval))
        {
            Flush();
            if (Stopwatch.GetTimestamp() >= _nextBackup && !_failing)
            {
                _nextBackup += (long)(BackupInterval.TotalSeconds * Stopwatch.Frequency);
                TryBackup();
            }
        }

        Flush();
    }

    private void TryBackup()
    {
        try
        {
            _log($"store   daily backup {_store.Backup()}");
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            _log($"store   WARNING: daily backup failed: {e.Message}");
        }
    }

    private void Write()
    {
        var table = _parameters.Table;
        lock (_store.Gate)
        {
            SqliteConnection db = _store.Connection;
            if (_upsert is null)
            {
                _upsert = db.CreateCommand();
                _upsert.CommandText = "INSERT INTO live(path, real, text) VALUES ($path, $real, $text) ON CONFLICT(path) DO UPDATE SET real = excluded.real, text = excluded.text";
                _path = _upsert.Parameters.Add("$path", SqliteType.Text);
                _real = _upsert.Parameters.Add("$real", SqliteType.Real);
                _text = _upsert.Parameters.Add("$text", SqliteType.Text);
            }

            using SqliteTransaction transaction = db.BeginTransaction();
            _upsert.Transaction = transaction;
            for (int d = 0; d < _dirtyCount; d++)
            {
                int index = _dirtyList[d];
                bool isText = table[index].Spec.Kind == ParameterKind.String;
                _path!.Value = table[index].Path;
                _real!.Value = isText ? DBNull.Value : (double)_parameters.GetReal(index);
                _text!.Value = isText ? _parameters.GetText(index) : DBNull.Value;
                _upsert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }
}
