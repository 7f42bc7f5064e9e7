namespace MixConsole.Audio.Wav;

/// <summary>Sizes and kinds of <see cref="WavSampleFormat"/> values.</summary>
public static class WavSampleFormatExtensions
{
    /// <summary>Bits one sample occupies in the file (16, 24, 32 or 64).</summary>
    public static int BitsPerSample(this WavSampleFormat format) => format switch
    {
        WavSampleFormat.Pcm16 => 16,
        WavSampleFormat.Pcm24 => 24,
        WavSampleFormat.Pcm32 => 32,
        WavSampleFormat.Float32 => 32,
        WavSampleFormat.Float64 => 64,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown WAV sample format"),
    };

    /// <summary>Bytes one sample occupies in the file (2, 3, 4 or 8).</summary>
    public static int BytesPerSample(this WavSampleFormat format) => BitsPerSample(format) / 8;

    /// <summary>True for IEEE float formats, false for integer PCM.</summary>
    public static bool IsFloat(this WavSampleFormat format) =>
        format is WavSampleFormat.Float32 or WavSampleFormat.Float64;
}
