namespace MixConsole.Store;

/// <summary>
/// DIR/console.lock held open exclusively while a console or the scenes command uses DIR: a second user is refused
/// instead of moving a live store aside or writing under a running console. The kernel drops the lock when the
/// process dies (kill -9 included), so a stale lock cannot exist.
/// </summary>
internal sealed class StoreLock : IDisposable
{
    private readonly FileStream _file;

    private StoreLock(FileStream file) => _file = file;

    /// <summary>Takes the lock of <paramref name="dir"/>.</summary>
    /// <exception cref="StoreLockedException">Another process holds it.</exception>
    public static StoreLock Take(string dir)
    {
        string path = Path.Combine(dir, "console.lock");
        try
        {
            // FileShare.None is an flock(LOCK_EX | LOCK_NB) on Linux: advisory, per open file, gone with the process.
            return new StoreLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new StoreLockedException($"the store in {dir} is in use by a running console (it holds {path}); stop it first, e.g. systemctl stop mixconsole ({e.Message})");
        }
    }

    public void Dispose() => _file.Dispose();
}
