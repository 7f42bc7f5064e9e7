using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace MixConsole.Store;

/// <summary>
/// User master presets in the store: a named complete master chain setting, kept as JSON of its leaves (paths below
/// the slot's prefix, e.g. "/eq/1/g", with real values). Every change commits with synchronous=FULL before the method
/// returns: a save that returned survives a power cut. Control side only.
/// </summary>
public sealed class MasterPresetStore(ConsoleStore store)
{
    /// <summary>Longest preset name.</summary>
    public const int MaxNameLength = 32;

    private readonly ConsoleStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>True for a name a preset may have: 1..32 printable ASCII characters, no leading or trailing space.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name.Trim().Length == name.Length && name.AsSpan().IndexOfAnyExceptInRange(' ', '~') < 0;

    /// <summary>Saves (or replaces) preset <paramref name="name"/> with <paramref name="leaves"/>. Durable when it returns.</summary>
    public void Save(string name, IReadOnlyDictionary<string, float> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        if (!IsValidName(name)) throw new ArgumentException($"a preset name is 1..{MaxNameLength} printable ASCII characters", nameof(name));
        string json = JsonSerializer.Serialize(leaves.OrderBy(l => l.Key, StringComparer.Ordinal).ToDictionary(l => l.Key, l => l.Value));
        Put(name, json, DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
    }

    /// <summary>The leaves of preset <paramref name="name"/> (exact name), or false.</summary>
    public bool TryGet(string name, out Dictionary<string, float> leaves)
    {
        leaves = [];
        lock (_store.Gate)
        {
            EnsureTable();
            using var command = _store.Connection.CreateCommand();
            command.CommandText = "SELECT leaves FROM master_presets WHERE name = $name";
            command.Parameters.AddWithValue("$name", name);
            if (command.ExecuteScalar() is not string json) return false;
            leaves = JsonSerializer.Deserialize<Dictionary<string, float>>(json) ?? [];
            return true;
        }
    }

    /// <summary>Every preset: name, saved time (UTC, ISO 8601) and its leaves as JSON, by name.</summary>
    public IReadOnlyList<(string Name, string SavedUtc, string Json)> List()
    {
        var list = new List<(string, string, string)>();
        lock (_store.Gate)
        {
            EnsureTable();
            using var command = _store.Connection.CreateCommand();
            command.CommandText = "SELECT name, saved_utc, leaves FROM master_presets ORDER BY name";
            using var reader = command.ExecuteReader();
            while (reader.Read()) list.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        return list;
    }

    /// <summary>Deletes preset <paramref name="name"/>; false when there was none. Durable when it returns.</summary>
    public bool Delete(string name)
    {
        lock (_store.Gate)
        {
            EnsureTable();
            using var transaction = _store.Connection.BeginTransaction();
            using var command = _store.Connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM master_presets WHERE name = $name";
            command.Parameters.AddWithValue("$name", name);
            int rows = command.ExecuteNonQuery();
            transaction.Commit();
            return rows > 0;
        }
    }

    private void Put(string name, string json, string savedUtc)
    {
        lock (_store.Gate)
        {
            EnsureTable();
            using var transaction = _store.Connection.BeginTransaction();
            Insert(transaction, name, savedUtc, json);
            // synchronous=FULL: the WAL is synced before Commit returns, so the caller may acknowledge the save.
            transaction.Commit();
        }
    }

    // One preset's row, inside the caller's transaction (a save, or a whole show's import).
    internal static void Insert(SqliteTransaction transaction, string name, string savedUtc, string json)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO master_presets(name, saved_utc, leaves) VALUES ($name, $saved, $leaves)";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$saved", savedUtc);
        command.Parameters.AddWithValue("$leaves", json);
        command.ExecuteNonQuery();
    }

    /// <summary>True when <paramref name="json"/> is a preset's leaves: an object of numbers.</summary>
    internal static bool IsLeavesJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, float>>(json) is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // Stores made before user presets existed get the table on first use (or in a show's import transaction).
    internal static void EnsureTable(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "CREATE TABLE IF NOT EXISTS master_presets(name TEXT PRIMARY KEY, saved_utc TEXT NOT NULL, leaves TEXT NOT NULL) WITHOUT ROWID";
        command.ExecuteNonQuery();
    }

    private void EnsureTable() => EnsureTable(_store.Connection);
}
