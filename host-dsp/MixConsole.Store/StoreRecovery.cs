using Microsoft.Data.Sqlite;
using MixConsole.Engine.Parameters;

namespace MixConsole.Store;

/// <summary>
/// Opens DIR/console.db so that a console always starts: a store that is corrupt, fails <c>PRAGMA integrity_check</c>,
/// or is not a MixConsole store (a zero-length file, a directory in its place) is moved into DIR/damaged/ (kept for
/// inspection) and the newest backup that passes the same checks replaces it, else a new empty store; a missing store
/// with backups beside it comes back from them too. A medium that cannot take writes now (full, read-only) is not
/// damage: the store is left alone and the open fails with an <see cref="IOException"/>. The caller logs the report.
/// </summary>
internal static class StoreRecovery
{
    public const int SchemaVersion = 1;

    /// <summary>Opens (recovering when <paramref name="recover"/>) the store at <paramref name="path"/>.</summary>
    /// <exception cref="StoreDamagedException">The store is damaged and <paramref name="recover"/> is false.</exception>
    public static SqliteConnection Open(string dir, string path, bool recover, out StoreCondition condition, out string report)
    {
        bool existed = File.Exists(path) || Directory.Exists(path);
        bool backups = StoreBackups.NewestFirst(dir).Any();
        if (!existed && !(recover && backups))
        {
            condition = StoreCondition.Created;
            report = $"new store {path}";
            return Create(path);
        }

        SqliteConnection? db = null;
        string problem = "missing";
        if (existed && TryOpenChecked(path, out db, out problem))
        {
            condition = StoreCondition.Opened;
            report = $"opened {path}";
            return db!;
        }

        if (!recover)
        {
            throw new StoreDamagedException($"the store {path} is damaged: {problem} (start the console once to recover it from a backup)");
        }

        // A missing store with backups beside it (deleted, or lost mid-recovery) comes back from the newest good one too.
        string what = existed ? $"STORE DAMAGED ({problem}): moved to {MoveAside(dir, path)}" : $"STORE MISSING ({path})";
        foreach (string backup in StoreBackups.NewestFirst(dir))
        {
            File.Copy(backup, path, overwrite: true);
            if (TryOpenChecked(path, out db, out _))
            {
                condition = StoreCondition.RecoveredFromBackup;
                report = $"{what}; RESTORED the backup {Path.GetFileName(backup)}, changes after it are lost";
                return db!;
            }

            // A bad backup is skipped; the next older one is tried.
            DeleteStoreFiles(path);
        }

        condition = StoreCondition.StartedFromDefaults;
        report = $"{what}; no good backup, STARTED FROM DEFAULTS (no scenes, no saved state)";
        return Create(path);
    }

    /// <summary>The connection settings every use of the store shares: WAL, and every commit synced before it returns.</summary>
    public static void Configure(SqliteConnection db)
    {
        Execute(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA journal_size_limit=1048576; PRAGMA foreign_keys=OFF;");
    }

    public static string ConnectionString(string path, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString();

    public static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Opens and checks one store file: integrity, and the schema a MixConsole store has.</summary>
    public static bool TryOpenChecked(string path, out SqliteConnection? db, out string problem)
    {
        db = null;
        if (Directory.Exists(path))
        {
            problem = "a directory stands in its place";
            return false;
        }

        var connection = new SqliteConnection(ConnectionString(path, SqliteOpenMode.ReadWrite));
        try
        {
            connection.Open();
            using (var check = connection.CreateCommand())
            {
                check.CommandText = "PRAGMA integrity_check";
                string verdict = check.ExecuteScalar() as string ?? "no answer";
                if (verdict != "ok")
                {
                    problem = $"integrity_check: {verdict.Split('\n')[0]}";
                    connection.Dispose();
                    return false;
                }
            }

            using (var schema = connection.CreateCommand())
            {
                schema.CommandText = "SELECT value FROM meta WHERE key = 'schema'";
                if (schema.ExecuteScalar() is not string version || version != SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    problem = "not a MixConsole store (no schema)";
                    connection.Dispose();
                    return false;
                }
            }

            Configure(connection);
            NumberEqTypesAsTheX32(connection);
            NumberEffectTypesAsTheX32(connection);
            SplitStereoReturns(connection);
            NumberCompressorsAsTheX32(connection);
            db = connection;
            problem = "";
            return true;
        }
        catch (SqliteException e) when (IsDamage(e))
        {
            connection.Dispose();
            problem = e.SqliteErrorCode == 1 && e.Message.Contains("no such table", StringComparison.Ordinal)
                ? "not a MixConsole store (no schema)"
                : $"cannot be opened: {e.Message}";
            return false;
        }
        catch (SqliteException e)
        {
            // A full disk, a read-only file system, no permission: the store may be sound; moving it aside would lose it.
            connection.Dispose();
            throw new IOException($"store {path} cannot be used now ({e.Message}); it is left as it is", e);
        }
    }

    /// <summary>
    /// True when an error opening a store says the FILE is bad (corrupt, not a database, unreadable sectors); false
    /// when it says the medium cannot take writes now (full, read-only, no permission, busy, out of memory), which
    /// is retried and never moves the store aside.
    /// </summary>
    public static bool IsDamage(SqliteException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        const int ioerrRead = 10 | (1 << 8), ioerrShortRead = 10 | (2 << 8);
        return (e.SqliteErrorCode & 0xFF) switch
        {
            3 or 5 or 6 or 7 or 8 or 13 or 14 or 23 => false, // PERM, BUSY, LOCKED, NOMEM, READONLY, FULL, CANTOPEN, AUTH
            10 => e.SqliteExtendedErrorCode is ioerrRead or ioerrShortRead, // reading failed: bad sectors under the file
            _ => true,
        };
    }

    private static SqliteConnection Create(string path)
    {
        var db = new SqliteConnection(ConnectionString(path, SqliteOpenMode.ReadWriteCreate));
        db.Open();
        // Small pages: a fader move rewrites one page in the WAL, so the page size is the SD card's write per flush.
        Execute(db, "PRAGMA page_size=1024;");
        Configure(db);
        Execute(db, $"""
            BEGIN;
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS live(path TEXT PRIMARY KEY, real REAL, text TEXT) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS scenes(
                slot INTEGER PRIMARY KEY CHECK (slot BETWEEN 0 AND 99),
                name TEXT NOT NULL, notes TEXT NOT NULL, saved_utc TEXT NOT NULL, parameters TEXT NOT NULL);
            INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', '{SchemaVersion}');
            INSERT OR REPLACE INTO meta(key, value) VALUES ('eqtypes', 'x32');
            INSERT OR REPLACE INTO meta(key, value) VALUES ('fxtypes', 'x32');
            INSERT OR REPLACE INTO meta(key, value) VALUES ('fxreturns', 'x32');
            INSERT OR REPLACE INTO meta(key, value) VALUES ('dynamics', 'x32');
            COMMIT;
            """);
        return db;
    }

    // A store written before EQ types took the X32's numbering holds HShv as 3 and HCut as 4 in its live rows:
    // renumbered once, with the mark, in one transaction (scene slots say their numbering themselves).
    private static void NumberEqTypesAsTheX32(SqliteConnection db) => Execute(db, """
        BEGIN IMMEDIATE;
        UPDATE live SET real = real + 1 WHERE real IN (3, 4) AND path GLOB '*/eq/[1-6]/type'
            AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'eqtypes');
        INSERT OR IGNORE INTO meta(key, value) VALUES ('eqtypes', 'x32');
        COMMIT;
        """);

    // A store written before the effect slots took the X32's types holds REVERB 0 or DELAY 1 and both effects' named
    // settings: the settings of the type the slot ran stay (they become its pars as they load), and the type becomes
    // HALL or DLY, once, with the mark, in one transaction.
    private static void NumberEffectTypesAsTheX32(SqliteConnection db) => Execute(db, """
        BEGIN IMMEDIATE;
        DELETE FROM live WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = 'fxtypes') AND (
            (path GLOB '/fx/[1-8]/reverb/*' AND EXISTS (SELECT 1 FROM live t WHERE t.path = substr(live.path, 1, 5) || '/type' AND t.real = 1))
            OR (path GLOB '/fx/[1-8]/delay/*' AND NOT EXISTS (SELECT 1 FROM live t WHERE t.path = substr(live.path, 1, 5) || '/type' AND t.real = 1)));
        UPDATE live SET real = CASE WHEN real >= 1 THEN 10 ELSE 0 END WHERE path GLOB '/fx/[1-8]/type'
            AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'fxtypes');
        INSERT OR IGNORE INTO meta(key, value) VALUES ('fxtypes', 'x32');
        COMMIT;
        """);

    // A store written when /fxrtn/NN was slot NN's stereo return holds it in its live rows: once, with the mark, it
    // becomes the slot's pair of return strips (both take name, on, fader, solo; the odd one the balance as its pan),
    // and the fxlinks of then, which did nothing, are dropped so the pairs stay linked (the default).
    private static void SplitStereoReturns(SqliteConnection db) => Execute(db, """
        BEGIN IMMEDIATE;
        CREATE TEMP TABLE former_returns AS SELECT path, real, text FROM live
            WHERE path GLOB '/fxrtn/[0-9][0-9]/*' AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'fxreturns');
        DELETE FROM live WHERE (path IN (SELECT path FROM former_returns) OR path GLOB '/config/fxlink/*')
            AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'fxreturns');
        INSERT OR REPLACE INTO live(path, real, text)
            SELECT printf('/fxrtn/%02d%s', 2 * CAST(substr(path, 8, 2) AS INTEGER) - 1, substr(path, 10)), real, text FROM former_returns;
        INSERT OR REPLACE INTO live(path, real, text)
            SELECT printf('/fxrtn/%02d%s', 2 * CAST(substr(path, 8, 2) AS INTEGER), substr(path, 10)), real, text FROM former_returns
            WHERE substr(path, 10) <> '/mix/pan';
        DROP TABLE former_returns;
        INSERT OR IGNORE INTO meta(key, value) VALUES ('fxreturns', 'x32');
        COMMIT;
        """);

    // A store written before compressors took the X32's ratio and knee holds each ratio as x:1 and each knee in dB in its
    // live rows: once, with the mark, in one transaction, they become as held now (FormerParameters, as for scenes).
    private static void NumberCompressorsAsTheX32(SqliteConnection db)
    {
        using var transaction = db.BeginTransaction(deferred: false);
        using var marked = db.CreateCommand();
        marked.Transaction = transaction;
        marked.CommandText = "SELECT 1 FROM meta WHERE key = 'dynamics'";
        if (marked.ExecuteScalar() is not null) return;
        var rows = new List<(string Path, double Real)>();
        using (var read = db.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT path, real FROM live WHERE (path GLOB '*/dyn/ratio' OR path GLOB '*/dyn/knee') AND real IS NOT NULL";
            using var reader = read.ExecuteReader();
            while (reader.Read()) rows.Add((reader.GetString(0), reader.GetDouble(1)));
        }

        using var update = db.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE live SET real = $real WHERE path = $path";
        var path = update.Parameters.Add("$path", SqliteType.Text);
        var real = update.Parameters.Add("$real", SqliteType.Real);
        foreach (var row in rows)
        {
            path.Value = row.Path;
            real.Value = (double)FormerParameters.CompressorBeforeX32(row.Path, (float)row.Real);
            update.ExecuteNonQuery();
        }

        update.Parameters.Clear();
        update.CommandText = "INSERT OR IGNORE INTO meta(key, value) VALUES ('dynamics', 'x32')";
        update.ExecuteNonQuery();
        transaction.Commit();
    }

    private static string MoveAside(string dir, string path)
    {
        string damaged = Path.Combine(dir, "damaged");
        Directory.CreateDirectory(damaged);
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", System.Globalization.CultureInfo.InvariantCulture);
        string target = Path.Combine(damaged, $"console-{stamp}.db");
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(path))
        {
            Directory.Move(path, target);
        }
        else
        {
            File.Move(path, target);
        }

        foreach (string suffix in (string[])["-wal", "-shm"])
        {
            if (File.Exists(path + suffix)) File.Move(path + suffix, target + suffix);
        }

        return target;
    }

    private static void DeleteStoreFiles(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (string suffix in (string[])["", "-wal", "-shm"])
        {
            if (File.Exists(path + suffix)) File.Delete(path + suffix);
        }
    }
}
