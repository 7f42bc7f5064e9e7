using MixConsole.Audio.Wav;
using MixConsole.Dsp.Mastering;

namespace MixConsole.Mastering.Pipeline;

/// <summary>One master to write from a <see cref="MasteringSession"/>.</summary>
/// <param name="OutputPath">WAV file to write (replaced only once the master is complete).</param>
/// <param name="TargetLufs">Integrated loudness to hit, LUFS.</param>
/// <param name="CeilingDbtp">True-peak ceiling the output must stay at or under, dBTP (by the 8x meter and by libebur128's reading, at the output rate).</param>
public sealed record MasterRequest(string OutputPath, double TargetLufs, double CeilingDbtp)
{
    /// <summary>Sample format of the output; null keeps the input's. Integer formats up to 24 bits are dithered, once, last.</summary>
    public WavSampleFormat? Format { get; init; }

    /// <summary>Sample rate of the output, Hz; null keeps the input's.</summary>
    public int? SampleRateHz { get; init; }

    /// <summary>Gain reduction past which a warning says the target took heavy limiting, dB.</summary>
    public double MaxLimitingDb { get; init; } = 6;

    /// <summary>How close to the target the integrated loudness must land, LU.</summary>
    public double ToleranceLu { get; init; } = 0.05;

    /// <summary>Most render passes spent searching for the target.</summary>
    public int MaxPasses { get; init; } = 8;

    /// <summary>Noise shaping of the dither.</summary>
    public DitherNoiseShaping NoiseShaping { get; init; } = DitherNoiseShaping.None;

    /// <summary>Name used in messages, e.g. "spotify"; null for none.</summary>
    public string? Label { get; init; }
}
