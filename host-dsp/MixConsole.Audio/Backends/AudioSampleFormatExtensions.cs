namespace MixConsole.Audio.Backends;

/// <summary>Sizes and names of <see cref="AudioSampleFormat"/> values.</summary>
public static class AudioSampleFormatExtensions
{
    /// <summary>Bytes one sample of <paramref name="format"/> takes in an interleaved frame.</summary>
    public static int BytesPerSample(this AudioSampleFormat format) => format switch
    {
        AudioSampleFormat.S32 => 4,
        AudioSampleFormat.S24Packed => 3,
        AudioSampleFormat.S16 => 2,
        AudioSampleFormat.Float32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown sample format"),
    };

    /// <summary>The ALSA name of <paramref name="format"/>, e.g. "S32_LE".</summary>
    public static string AlsaName(this AudioSampleFormat format) => format switch
    {
        AudioSampleFormat.S32 => "S32_LE",
        AudioSampleFormat.S24Packed => "S24_3LE",
        AudioSampleFormat.S16 => "S16_LE",
        AudioSampleFormat.Float32 => "FLOAT_LE",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown sample format"),
    };

    /// <summary>Parses an ALSA name ("S32_LE", "S24_3LE", "S16_LE", "FLOAT_LE"; case-insensitive).</summary>
    public static bool TryParseAlsaName(string name, out AudioSampleFormat format)
    {
        foreach (var f in Enum.GetValues<AudioSampleFormat>())
        {
            if (string.Equals(f.AlsaName(), name, StringComparison.OrdinalIgnoreCase))
            {
                format = f;
                return true;
            }
        }
        format = default;
        return false;
    }
}
