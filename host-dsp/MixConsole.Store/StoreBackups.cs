using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MixConsole.Store;

/// <summary>
/// Rotating whole-store copies in DIR/backups/ (console-UTC.db), taken on a clean stop and once a day while
/// running: what recovery falls back to. The newest <see cref="Keep"/> are kept.
/// </summary>
internal static class StoreBackups
{
    public const int Keep = 7;

    private const string Pattern = "console-*.db";

    /// <summary>Backups, newest first (the name sorts by time).</summary>
    public static IEnumerable<string> NewestFirst(string dir)
    {
        string folder = Path.Combine(dir, "backups");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, Pattern).OrderDescending(StringComparer.Ordinal)
            : [];
    }

    /// <summary>When the newest backup was written, or null when there is none.</summary>
    public static DateTime? NewestUtc(string dir) =>
        NewestFirst(dir).Select(File.GetLastWriteTimeUtc).Cast<DateTime?>().FirstOrDefault();

    /// <summary>Copies the store (a consistent snapshot, VACUUM INTO a temporary name then renamed) and prunes old copies.</summary>
    public static string Take(SqliteConnection db, string dir)
    {
        string folder = Path.Combine(dir, "backups");
        Directory.CreateDirectory(folder);
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        string target = Path.Combine(folder, $"console-{stamp}.db");
        string temp = target + ".tmp";
        if (File.Exists(temp)) File.Delete(temp);
        using (var command = db.CreateCommand())
        {
            command.CommandText = "VACUUM INTO $file";
            command.Parameters.AddWithValue("$file", temp);
            command.ExecuteNonQuery();
        }

        File.Move(temp, target, overwrite: true);
        foreach (string old in NewestFirst(dir).Skip(Keep))
        {
            File.Delete(old);
        }

        return target;
    }
}
