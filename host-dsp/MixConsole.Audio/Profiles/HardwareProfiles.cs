using System.Text.Json;
using MixConsole.Audio.Backends;

namespace MixConsole.Audio.Profiles;

/// <summary>
/// Finds and loads hardware profiles: $MIXCONSOLE_HARDWARE_DIR, then hardware/pi/profiles next
/// to the program (the install script puts them there), then in any folder above it (a
/// source checkout).
/// </summary>
public static class HardwareProfiles
{
    private const string RelativeFolder = "hardware/pi/profiles";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The folders searched, in order (existing ones only).</summary>
    public static IReadOnlyList<string> SearchFolders()
    {
        var folders = new List<string>();
        string? env = Environment.GetEnvironmentVariable("MIXCONSOLE_HARDWARE_DIR");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) folders.Add(env);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, RelativeFolder);
            if (Directory.Exists(candidate))
            {
                folders.Add(candidate);
                break;
            }
        }
        return folders;
    }

    /// <summary>Names of every profile found.</summary>
    public static IReadOnlyList<string> Names() =>
        [.. SearchFolders().SelectMany(f => Directory.GetFiles(f, "*.json")).Select(Path.GetFileNameWithoutExtension).OfType<string>().Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Loads the profile called <paramref name="name"/>, or a path to a profile file.</summary>
    /// <exception cref="AudioBackendException">Not found (the message lists what exists) or not valid.</exception>
    public static HardwareProfile Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && File.Exists(name)) return Load(name);
        foreach (var folder in SearchFolders())
        {
            string path = Path.Combine(folder, name + ".json");
            if (File.Exists(path)) return Load(path);
        }
        var names = Names();
        throw new AudioBackendException($"no hardware profile '{name}'; available: {(names.Count == 0 ? "none found (set MIXCONSOLE_HARDWARE_DIR)" : string.Join(", ", names))}");
    }

    /// <summary>Loads and checks one profile file.</summary>
    /// <exception cref="AudioBackendException">The file is missing, not JSON, or inconsistent.</exception>
    public static HardwareProfile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        HardwareProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize<HardwareProfile>(File.ReadAllText(path), Json);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new AudioBackendException($"{path}: not a valid hardware profile ({e.Message.Split('\n')[0]})", e);
        }
        if (profile is null) throw new AudioBackendException($"{path}: empty hardware profile");
        try
        {
            profile.ToOptionsUnresolved().Validate();
        }
        catch (AudioBackendException e)
        {
            throw new AudioBackendException($"{path}: {e.Message}", e);
        }
        return profile;
    }

    // Checks the numbers without resolving "usb" (no card needed to validate a file).
    private static AudioBackendOptions ToOptionsUnresolved(this HardwareProfile p) => new()
    {
        ChannelsIn = p.ChannelsIn,
        ChannelsOut = p.ChannelsOut,
        DeviceChannelsIn = p.DeviceChannelsIn > 0 ? p.DeviceChannelsIn : null,
        DeviceChannelsOut = p.DeviceChannelsOut > 0 ? p.DeviceChannelsOut : null,
        InputChannelMap = p.InputMap,
        OutputChannelMap = p.OutputMap,
        EmptyCaptureSlots = p.EmptyCaptureSlots,
        SampleRateHz = p.SampleRateHz,
        PeriodFrames = p.PeriodFrames,
        Periods = p.Periods,
    };
}
