using MixConsole.Audio.Profiles;
using MixConsole.Control.Server;
using MixConsole.Host.Cli;
using MixConsole.Panel;
using MixConsole.Panel.Config;
using MixConsole.Panel.Hardware;

namespace MixConsole.Host.Serve;

/// <summary>
/// serve --panel: finds the wiring file, opens the Pi panel and links it to the OSC server. The panel is an extra:
/// a wiring mistake or a missing device is one warning line, and the console runs without it.
/// </summary>
internal static class PanelStartup
{
    /// <summary>The panel wiring named by --panel PROFILE (hardware/pi/panel, beside the hardware profiles) or --panel-config FILE; null for neither.</summary>
    public static string? ConfigPath(string? profile, string? file)
    {
        if (file is not null) return file;
        if (profile is null) return null;
        foreach (string folder in HardwareProfiles.SearchFolders())
        {
            string path = Path.GetFullPath(Path.Combine(folder, "..", "panel", profile + ".json"));
            if (File.Exists(path)) return path;
        }

        throw new UsageException($"--panel '{profile}' is not a panel profile in hardware/pi/panel (try mastering-box, or --panel-config FILE)");
    }

    /// <summary>Opens the panel and adds its link to <paramref name="server"/>; null, with one line on <paramref name="output"/>, when it cannot run.</summary>
    public static PiPanel? TryOpen(ServeSettings settings, OscServer server, TextWriter output)
    {
        if (settings.PanelConfigPath is not { } path) return null;
        HardwareProfile? hat = settings.LiveAudio.Hardware;
        PanelDevices? devices = null;
        try
        {
            PanelConfig config = PanelConfig.Load(path);
            devices = settings.PanelDevices?.Invoke(config) ?? PanelDevices.OpenPi(config.GpioChip, config.I2cBus);
            PiPanel panel = PiPanel.Open(config, devices, settings.PairKey, hat?.GpioPins ?? [], hat?.I2cAddresses ?? [], hat?.Name ?? "none");
            panel.Fault = message => output.WriteLine("warning: " + message);
            server.AddTransport(panel.Link);
            output.WriteLine($"panel   {Path.GetFileNameWithoutExtension(path)}: {panel.Description}");
            return panel;
        }
        catch (Exception e) when (e is PanelConfigException || PiPanel.IsDeviceFailure(e))
        {
            devices?.Dispose();
            output.WriteLine($"warning: panel off, the console runs without it: {e.Message}");
            return null;
        }
    }
}
