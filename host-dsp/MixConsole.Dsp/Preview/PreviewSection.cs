using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Preview;

/// <summary>The kind of biquad one <see cref="PreviewSection"/> is (RBJ cookbook shapes, <see cref="BiquadDesign"/>).</summary>
public enum PreviewSectionShape
{
    /// <summary>Second-order high-pass.</summary>
    HighPass,

    /// <summary>Second-order low-pass.</summary>
    LowPass,

    /// <summary>Peaking bell.</summary>
    Peaking,

    /// <summary>Low shelf.</summary>
    LowShelf,

    /// <summary>High shelf.</summary>
    HighShelf,
}

/// <summary>One filter section of a preview curve, as documented: shape, frequency in Hz, Q and gain in dB (bells and shelves).</summary>
/// <param name="Shape">The section's shape.</param>
/// <param name="FrequencyHz">Corner or centre frequency in Hz.</param>
/// <param name="Q">Quality factor (0.7071 = Butterworth for a pass filter).</param>
/// <param name="GainDb">Gain of a bell or shelf in dB (ignored by pass filters).</param>
public readonly record struct PreviewSection(PreviewSectionShape Shape, double FrequencyHz, double Q, double GainDb = 0)
{
    /// <summary>The section's coefficients at <paramref name="sampleRateHz"/>.</summary>
    public BiquadCoefficients Design(double sampleRateHz) => Shape switch
    {
        PreviewSectionShape.HighPass => BiquadDesign.HighPass(sampleRateHz, FrequencyHz, Q),
        PreviewSectionShape.LowPass => BiquadDesign.LowPass(sampleRateHz, FrequencyHz, Q),
        PreviewSectionShape.Peaking => BiquadDesign.Peaking(sampleRateHz, FrequencyHz, Q, GainDb),
        PreviewSectionShape.LowShelf => BiquadDesign.LowShelf(sampleRateHz, FrequencyHz, Q, GainDb),
        PreviewSectionShape.HighShelf => BiquadDesign.HighShelf(sampleRateHz, FrequencyHz, Q, GainDb),
        _ => throw new ArgumentOutOfRangeException(nameof(Shape), Shape, "unknown section shape"),
    };
}
