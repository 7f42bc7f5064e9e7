using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MixConsole.Store;

/// <summary>
/// The console's store: one SQLite file, DIR/console.db, in WAL mode with synchronous=FULL (a commit is on the
/// medium before it returns). It holds the live state (one row per parameter ever changed, see <see cref="LiveJournal"/>),
/// the scene slots (<see cref="SceneSlots"/>) and a few facts (meta). One process uses a folder at a time
/// (DIR/console.lock); inside it, one connection shared by the threads of the control side under a lock. Never
/// used by the audio thread.
/// </summary>
public sealed class ConsoleStore : IDisposable
{
    /// <summary>The store's file name inside its folder.</summary>
    public const string FileName = "console.db";

    private readonly StoreLock _lock;
    private readonly SqliteConnection _db;
    private bool _disposed;

    private ConsoleStore(string dir, StoreLock storeLock, SqliteConnection db, StoreCondition condition, string report)
    {
        Directory = dir;
        _lock = storeLock;
        _db = db;
        Condition = condition;
        Report = report;
    }

    /// <summary>The folder (serve --state DIR).</summary>
    public string Directory { get; }

    /// <summary>The store file.</summary>
    public string FilePath => Path.Combine(Directory, FileName);

    /// <summary>How the store came up.</summary>
    public StoreCondition Condition { get; }

    /// <summary>One line saying how the store came up (loud, in capitals, when it was damaged).</summary>
    public string Report { get; }

    /// <summary>Serialises use of the one connection across control threads (never taken on the audio thread).</summary>
    internal object Gate { get; } = new();

    internal SqliteConnection Connection => _db;

    /// <summary>
    /// Opens the store in <paramref name="dir"/> (created when missing), taking its lock. With <paramref name="recover"/>
    /// a damaged store is moved aside and replaced by the newest good backup or an empty store (see <see cref="Condition"/>);
    /// without, it throws <see cref="StoreDamagedException"/>.
    /// </summary>
    /// <exception cref="StoreLockedException">Another process (a running console) holds the folder.</exception>
    /// <exception cref="IOException">The folder cannot be made or written (read-only file system, permissions).</exception>
    public static ConsoleStore Open(string dir, bool recover = true)
    {
        ArgumentNullException.ThrowIfNull(dir);
        System.IO.Directory.CreateDirectory(dir);
        var storeLock = StoreLock.Take(dir);
        try
        {
            string path = Path.Combine(dir, FileName);
            SqliteConnection db = StoreRecovery.Open(dir, path, recover, out StoreCondition condition, out string report);
            return new ConsoleStore(dir, storeLock, db, condition, report);
        }
        catch (SqliteException e)
        {
            storeLock.Dispose();
            throw new IOException($"store {Path.Combine(dir, FileName)}: {e.Message}", e);
        }
        catch
        {
            storeLock.Dispose();
            throw;
        }
    }

    /// <summary>A fact kept in the store (null when never set).</summary>
    public string? GetMeta(string key)
    {
        lock (Gate)
        {
            using var command = _db.CreateCommand();
            command.CommandText = "SELECT value FROM meta WHERE key = $key";
            command.Parameters.AddWithValue("$key", key);
            return command.ExecuteScalar() as string;
        }
    }

    /// <summary>Keeps a fact; committed (synced) before it returns.</summary>
    public void SetMeta(string key, string value)
    {
        lock (Gate)
        {
            using var transaction = _db.BeginTransaction();
            SetMeta(transaction, key, value);
            transaction.Commit();
        }
    }

    /// <summary>Keeps a fact inside the caller's transaction.</summary>
    internal static void SetMeta(SqliteTransaction transaction, string key, string value)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    /// <summary>True when the live state holds at least one parameter (a console ran on this store before).</summary>
    public bool HasLiveState
    {
        get
        {
            lock (Gate)
            {
                using var command = _db.CreateCommand();
                command.CommandText = "SELECT EXISTS (SELECT 1 FROM live)";
                return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
            }
        }
    }

    /// <summary>Forgets the live state (a console that ran without its store writes its own whole from now on); committed before it returns.</summary>
    public void ClearLiveState()
    {
        lock (Gate)
        {
            StoreRecovery.Execute(_db, "DELETE FROM live");
        }
    }

    /// <summary>Takes a backup now (what a clean stop and the daily timer do). Returns its path.</summary>
    public string Backup()
    {
        lock (Gate)
        {
            return StoreBackups.Take(_db, Directory);
        }
    }

    /// <summary>When the newest backup was taken, or null when none exists.</summary>
    public DateTime? NewestBackupUtc => StoreBackups.NewestUtc(Directory);

    /// <summary>Runs <c>PRAGMA integrity_check</c> and returns its first line ("ok" for a sound store).</summary>
    public string IntegrityCheck()
    {
        lock (Gate)
        {
            using var command = _db.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            return command.ExecuteScalar() as string ?? "no answer";
        }
    }

    /// <summary>Closes the store (checkpointing the WAL into the file) and releases the folder.</summary>
    public void Dispose()
    {
        lock (Gate)
        {
            if (_disposed) return;
            _disposed = true;
            try
            {
                StoreRecovery.Execute(_db, "PRAGMA wal_checkpoint(TRUNCATE);");
            }
            catch (SqliteException)
            {
                // A full or read-only disk: the WAL stays and is replayed at the next open.
            }

            _db.Dispose();
            _lock.Dispose();
        }
    }
}
