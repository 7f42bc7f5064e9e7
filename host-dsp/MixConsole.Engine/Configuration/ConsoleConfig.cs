using System.Text.Json;

namespace MixConsole.Engine.Configuration;

/// <summary>
/// The size of the console: how many of each strip, bus and group the parameter table and the
/// mixer declare. Every count is validated by <see cref="Validate"/>; <see cref="EnsureValid"/> throws
/// with every problem listed.
/// </summary>
/// <param name="Channels">Input channels, /ch/01../ch/NN (1..99: paths carry two digits).</param>
/// <param name="Buses">Mix buses, /bus/01../bus/NN, and sends per channel (0..99).</param>
/// <param name="FxSlots">Effect slots /fx/N with their returns /fxrtn/NN (0..8).</param>
/// <param name="Dcas">DCA groups /dca/N (0..16; one bit each in /ch/NN/grp/dca).</param>
/// <param name="MuteGroups">Mute groups /config/mute/N (0..16; one bit each in /ch/NN/grp/mute).</param>
/// <param name="Matrices">Matrix buses /mtx/NN fed from the buses, main and mono (0..6, as on the X32).</param>
/// <param name="AuxInputs">Aux input strips /auxin/NN, fed by the inputs after the channels' (0..8, as on the X32).</param>
public sealed record ConsoleConfig(int Channels = 32, int Buses = 16, int FxSlots = 4, int Dcas = 8, int MuteGroups = 6, int Matrices = 6, int AuxInputs = 8)
{
    /// <summary>Most input channels: /ch/NN carries two digits.</summary>
    public const int MaxChannels = 99;

    /// <summary>Most mix buses: /bus/NN carries two digits.</summary>
    public const int MaxBuses = 99;

    /// <summary>Most effect slots (as on the X32: /fx/1../fx/8).</summary>
    public const int MaxFxSlots = 8;

    /// <summary>Most DCA groups: the /grp/dca bitmap is kept to 16 bits.</summary>
    public const int MaxDcas = 16;

    /// <summary>Most mute groups: the /grp/mute bitmap is kept to 16 bits.</summary>
    public const int MaxMuteGroups = 16;

    /// <summary>Most matrix buses (as on the X32: /mtx/01../mtx/06).</summary>
    public const int MaxMatrices = 6;

    /// <summary>Most aux inputs (as on the X32: /auxin/01../auxin/08).</summary>
    public const int MaxAuxInputs = 8;

    /// <summary>Input strips of the mixer: the channels, then the aux inputs (they share the channel strip's kernels).</summary>
    public int InputStrips => Channels + AuxInputs;

    /// <summary>Effect return strips /fxrtn/NN: the left and right of each slot, as the X32 (returns 01-02 are slot 1).</summary>
    public int FxReturns => 2 * FxSlots;

    /// <summary>Strips on the channel strip's kernels and compiler path: the input strips, then the effect returns.</summary>
    public int MixStrips => InputStrips + FxReturns;

    /// <summary>Name of the full-size profile.</summary>
    public const string DefaultProfileName = "default";

    /// <summary>Name of the Raspberry Pi 4 profile with a CS42448 codec (6 in / 8 out).</summary>
    public const string Pi4Cs42448ProfileName = "pi4-cs42448";

    /// <summary>The full console: 32 channels, 16 buses, 4 effect slots, 8 DCAs, 6 mute groups, 6 matrices, 8 aux inputs.</summary>
    public static ConsoleConfig Default { get; } = new();

    /// <summary>
    /// A Pi 4 with a CS42448 codec: 6 inputs become 6 channels; 8 outputs carry main L/R and
    /// 4 buses (monitor mixes) plus the mono bus and a spare; 2 effect slots keep the small CPU in budget;
    /// no matrices (no outputs left for them) and no aux inputs (no inputs left for them).
    /// </summary>
    public static ConsoleConfig Pi4Cs42448 { get; } = new(Channels: 6, Buses: 4, FxSlots: 2, Dcas: 8, MuteGroups: 6, Matrices: 0, AuxInputs: 0);

    /// <summary>Names accepted by <see cref="FromProfile"/>.</summary>
    public static IReadOnlyList<string> ProfileNames { get; } = [DefaultProfileName, Pi4Cs42448ProfileName];

    /// <summary>The configuration of a named profile (case-insensitive).</summary>
    /// <exception cref="ConsoleConfigException">The name is not a known profile.</exception>
    public static ConsoleConfig FromProfile(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.Equals(name, DefaultProfileName, StringComparison.OrdinalIgnoreCase))
        {
            return Default;
        }

        if (string.Equals(name, Pi4Cs42448ProfileName, StringComparison.OrdinalIgnoreCase))
        {
            return Pi4Cs42448;
        }

        throw new ConsoleConfigException(
            [$"unknown console profile \"{name}\"; known profiles: {string.Join(", ", ProfileNames)}"]);
    }

    /// <summary>
    /// Reads a configuration from JSON: <c>{"profile": "pi4-cs42448"}</c>, explicit counts
    /// <c>{"channels": 16, "buses": 8, "fxSlots": 2, "dcas": 8, "muteGroups": 6, "matrices": 2, "auxInputs": 2}</c>, or a profile
    /// with some counts overridden. Unknown keys are errors (a typo must not silently keep a default).
    /// </summary>
    /// <exception cref="ConsoleConfigException">The JSON is malformed, names an unknown key or profile, or the counts are invalid.</exception>
    public static ConsoleConfig FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ConsoleConfigException([$"console configuration is not valid JSON: {e.Message}"]);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConsoleConfigException(["console configuration must be a JSON object"]);
            }

            var config = Default;
            var errors = new List<string>();
            if (document.RootElement.TryGetProperty("profile", out var profile))
            {
                if (profile.ValueKind != JsonValueKind.String)
                {
                    throw new ConsoleConfigException(["\"profile\" must be a string"]);
                }

                config = FromProfile(profile.GetString()!);
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "profile":
                        break;
                    case "channels":
                        config = config with { Channels = ReadCount(property, errors) };
                        break;
                    case "buses":
                        config = config with { Buses = ReadCount(property, errors) };
                        break;
                    case "fxSlots":
                        config = config with { FxSlots = ReadCount(property, errors) };
                        break;
                    case "dcas":
                        config = config with { Dcas = ReadCount(property, errors) };
                        break;
                    case "muteGroups":
                        config = config with { MuteGroups = ReadCount(property, errors) };
                        break;
                    case "matrices":
                        config = config with { Matrices = ReadCount(property, errors) };
                        break;
                    case "auxInputs":
                        config = config with { AuxInputs = ReadCount(property, errors) };
                        break;
                    default:
                        errors.Add($"unknown key \"{property.Name}\" (expected profile, channels, buses, fxSlots, dcas, muteGroups, matrices, auxInputs)");
                        break;
                }
            }

            if (errors.Count > 0)
            {
                throw new ConsoleConfigException(errors);
            }

            config.EnsureValid();
            return config;
        }
    }

    /// <summary>Every problem with this configuration, one readable sentence each; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Check(errors, nameof(Channels), Channels, 1, MaxChannels, "two-digit /ch/NN paths");
        Check(errors, nameof(Buses), Buses, 0, MaxBuses, "two-digit /bus/NN paths");
        Check(errors, nameof(FxSlots), FxSlots, 0, MaxFxSlots, "as on the X32");
        Check(errors, nameof(Dcas), Dcas, 0, MaxDcas, "one bit each in /grp/dca");
        Check(errors, nameof(MuteGroups), MuteGroups, 0, MaxMuteGroups, "one bit each in /grp/mute");
        Check(errors, nameof(Matrices), Matrices, 0, MaxMatrices, "as on the X32");
        Check(errors, nameof(AuxInputs), AuxInputs, 0, MaxAuxInputs, "as on the X32");
        return errors;
    }

    /// <summary>Throws when <see cref="Validate"/> finds any problem.</summary>
    /// <exception cref="ConsoleConfigException">Lists every problem found.</exception>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ConsoleConfigException(errors);
        }
    }

    private static void Check(List<string> errors, string name, int value, int min, int max, string why)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} must be between {min} and {max} ({why}); got {value}");
        }
    }

    private static int ReadCount(JsonProperty property, List<string> errors)
    {
        if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out int value))
        {
            return value;
        }

        errors.Add($"\"{property.Name}\" must be a whole number; got {property.Value.GetRawText()}");
        return 0;
    }
}
