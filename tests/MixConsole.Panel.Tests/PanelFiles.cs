namespace MixConsole.Panel.Tests;

/// <summary>The wiring files shipped in hardware/pi/panel, found from the test's folder upwards.</summary>
internal static class PanelFiles
{
    public static string MasteringBox => Path.Combine(Folder("hardware/pi/panel"), "mastering-box.json");

    public static string Profile(string name) => Path.Combine(Folder("hardware/pi/profiles"), name + ".json");

    private static string Folder(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate)) return candidate;
        }

        throw new DirectoryNotFoundException(relative);
    }
}
