using MixConsole.Audio.Wav;

namespace MixConsole.Mastering.Delivery;

/// <summary>The output sample formats a master can be written in, by their command-line names.</summary>
public static class OutputFormat
{
    /// <summary>Command-line names: wav16, wav24, wav32f.</summary>
    public static IReadOnlyList<string> Names { get; } = ["wav16", "wav24", "wav32f"];

    /// <summary>The format named <paramref name="name"/> (wav16, wav24, wav32f), or null.</summary>
    public static WavSampleFormat? Parse(string name) => name.ToLowerInvariant() switch
    {
        "wav16" => WavSampleFormat.Pcm16,
        "wav24" => WavSampleFormat.Pcm24,
        "wav32f" => WavSampleFormat.Float32,
        _ => null,
    };

    /// <summary>The command-line name of <paramref name="format"/> (formats without one are described).</summary>
    public static string Name(WavSampleFormat format) => format switch
    {
        WavSampleFormat.Pcm16 => "wav16",
        WavSampleFormat.Pcm24 => "wav24",
        WavSampleFormat.Float32 => "wav32f",
        WavSampleFormat.Pcm32 => "wav32 (integer)",
        WavSampleFormat.Float64 => "wav64f",
        _ => format.ToString(),
    };
}
