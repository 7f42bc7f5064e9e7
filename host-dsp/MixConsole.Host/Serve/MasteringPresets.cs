using MixConsole.Dsp.Mastering;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Parameters;
using MixConsole.Mastering.Presets;

namespace MixConsole.Host.Serve;

/// <summary>
/// The built-in presets on the live chain: each is the offline <see cref="MasterPreset"/> of the same name (one
/// description: its <see cref="MasterPreset.Apply"/>), read back from a chain it set up into every leaf of one /master
/// setting (<see cref="MasterSettingLeaves.Read"/>; each snapped to its grid when set). So <c>serve --preset warm</c>
/// and <c>master --preset warm</c> run the same EQ, dynamics, width, saturation and limiter timing. Not carried over:
/// the offline input trim (measured from the whole mix; live input gain stays 0 dB) and the offline loudness stage
/// (live, /master/loudness/target and its mode do that job).
/// </summary>
internal static class MasteringPresets
{
    public const string Transparent = "transparent";

    /// <summary>Preset names, in the order help lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. MasterPreset.All.Select(p => p.Name)];

    /// <summary>True when <paramref name="name"/> is a preset (any case).</summary>
    public static bool Exists(string name) => MasterPreset.Find(name) is not null;

    /// <summary>The /master path → real value pairs of <paramref name="name"/> for slot A.</summary>
    public static IReadOnlyList<(string Path, float Value)> Values(string name) =>
        [.. Leaves(name).Select(l => (ParameterPaths.Master + l.Leaf, l.Value))];

    /// <summary>Every leaf of one setting (relative to the slot's prefix, e.g. "/eq/1/g") and its value in preset <paramref name="name"/>.</summary>
    public static IReadOnlyList<(string Leaf, float Value)> Leaves(string name)
    {
        MasterPreset preset = MasterPreset.Find(name) ?? throw new ArgumentException($"no preset '{name}'", nameof(name));
        var chain = new MasterChain();
        preset.Apply(chain, MasterPreset.NominalLufs); // a mix already at the nominal loudness: no trim
        return [.. MasterSettingLeaves.Read(chain).Select(l => (l.Key, l.Value))];
    }
}
