namespace MixConsole.Store.Tests;

/// <summary>A temporary folder for one test's store, removed on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("mixconsole-store-").FullName;

    public string StoreFile => System.IO.Path.Combine(Path, ConsoleStore.FileName);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
