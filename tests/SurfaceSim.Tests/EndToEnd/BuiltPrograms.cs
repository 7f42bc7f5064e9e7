namespace MixConsole.SurfaceSim.Tests.EndToEnd;

/// <summary>Finds the built `mixconsole` and `SurfaceSim` of the configuration this test assembly was built in.</summary>
internal static class BuiltPrograms
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Configuration { get; } =
        AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar).Contains("Debug") ? "Debug" : "Release";

    public static string MixConsole => Dll(Path.Combine("host-dsp", "MixConsole.Host"), "mixconsole.dll");

    public static string SurfaceSim => Dll(Path.Combine("tools", "SurfaceSim"), "SurfaceSim.dll");

    private static string Dll(string project, string name)
    {
        string path = Path.Combine(RepositoryRoot, project, "bin", Configuration, "net10.0", name);
        Assert.True(File.Exists(path), $"{path} is not built (dotnet build Console.sln -c {Configuration})");
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Console.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Console.sln above {AppContext.BaseDirectory}");
    }
}
