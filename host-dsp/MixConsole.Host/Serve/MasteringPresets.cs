namespace MixConsole.Host.Serve;

/// <summary>
/// serve --preset: starting points for the mastering box, as /master/* values (every one on its parameter's
/// grid). A preset sets the whole /master group, so switching presets never leaves a previous one's knob behind.
/// </summary>
internal static class MasteringPresets
{
    public const string Transparent = "transparent";

    private static readonly string[] Paths =
    [
        "/master/input/gain", "/master/eq/tilt", "/master/eq/lowshelf/g", "/master/eq/lowshelf/f",
        "/master/eq/highshelf/g", "/master/eq/highshelf/f", "/master/comp/amount", "/master/width",
        "/master/loudness/target", "/master/limiter/ceiling",
    ];

    // Columns follow Paths: input dB, tilt dB, low shelf dB/Hz, high shelf dB/Hz, comp %, width %, target LUFS, ceiling dBTP.
    private static readonly Dictionary<string, float[]> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        [Transparent] = [0f, 0f, 0f, 100f, 0f, 10000f, 0f, 100f, -14f, -1f],
        ["warm"] = [0f, -1.5f, 1.5f, 120f, -1f, 10000f, 25f, 100f, -14f, -1f],
        ["bright"] = [0f, 1f, 0f, 100f, 2f, 8000f, 20f, 100f, -14f, -1f],
        ["punchy"] = [0f, 0f, 1f, 80f, 0.5f, 10000f, 50f, 100f, -11f, -1f],
        ["wide"] = [0f, 0f, 0f, 100f, 1f, 12000f, 20f, 130f, -14f, -1f],
    };

    /// <summary>Preset names, in the order help lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = [Transparent, "warm", "bright", "punchy", "wide"];

    /// <summary>True when <paramref name="name"/> is a preset (any case).</summary>
    public static bool Exists(string name) => Table.ContainsKey(name);

    /// <summary>The /master/* path → real value pairs of <paramref name="name"/>.</summary>
    public static IReadOnlyList<(string Path, float Value)> Values(string name)
    {
        float[] row = Table[name];
        var values = new (string, float)[Paths.Length];
        for (int i = 0; i < Paths.Length; i++) values[i] = (Paths[i], row[i]);
        return values;
    }
}
