namespace MixConsole.Audio.Wav;

/// <summary>How one sample is stored in a WAV data chunk (always little-endian).</summary>
public enum WavSampleFormat
{
    /// <summary>Signed 16-bit integer PCM.</summary>
    Pcm16,

    /// <summary>Signed 24-bit integer PCM, packed in 3 bytes.</summary>
    Pcm24,

    /// <summary>Signed 32-bit integer PCM.</summary>
    Pcm32,

    /// <summary>IEEE 754 32-bit float, full scale at ±1.0.</summary>
    Float32,

    /// <summary>IEEE 754 64-bit float, full scale at ±1.0.</summary>
    Float64,
}
