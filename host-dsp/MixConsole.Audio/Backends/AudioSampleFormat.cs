namespace MixConsole.Audio.Backends;

/// <summary>Interleaved sample formats a device may be driven in (always little-endian).</summary>
public enum AudioSampleFormat
{
    /// <summary>Signed 32-bit integer (ALSA S32_LE); 24-bit codecs use its top 24 bits.</summary>
    S32,

    /// <summary>Signed 24-bit integer packed in 3 bytes (ALSA S24_3LE), common on USB interfaces.</summary>
    S24Packed,

    /// <summary>Signed 16-bit integer (ALSA S16_LE).</summary>
    S16,

    /// <summary>IEEE 754 32-bit float, full scale at ±1.0 (ALSA FLOAT_LE, JACK's native format).</summary>
    Float32,
}
