using MixConsole.Dsp.Filters;

namespace MixConsole.Engine.Compiler;

/// <summary>The filter designs of a strip, done on the control side: high-pass, EQ bands, detector key filters.</summary>
internal static class StripDesigns
{
    /// <summary>The channel high-pass as two sections (the second is unity at 12 dB/oct); both unity when off.</summary>
    public static ButterworthCascade HighPass(double sampleRateHz, bool on, float frequencyHz, int slope) => on
        ? ButterworthCascade.HighPass(sampleRateHz, frequencyHz, slope switch
        {
            0 => FilterSlope.Db12PerOctave,
            1 => FilterSlope.Db18PerOctave,
            _ => FilterSlope.Db24PerOctave,
        })
        : new ButterworthCascade(BiquadCoefficients.Identity, BiquadCoefficients.Identity, 1);

    /// <summary>A detector's key high-pass (12 dB/oct); 20 Hz is off (unity).</summary>
    public static BiquadCoefficients KeyHighPass(double sampleRateHz, float frequencyHz) =>
        frequencyHz > 20.5f ? BiquadDesign.HighPass(sampleRateHz, frequencyHz, Math.Sqrt(0.5)) : BiquadCoefficients.Identity;

    /// <summary>
    /// One EQ band: type 0 low cut, 1 low shelf, 2 bell, 3 high shelf, 4 high cut. Cuts are 12 dB/oct
    /// Butterworth; shelves and bells are analog-matched, so bells keep their analog shape near Nyquist.
    /// </summary>
    public static BiquadCoefficients EqBand(double sampleRateHz, bool eqOn, int type, double frequencyHz, double gainDb, double q)
    {
        if (!eqOn) return BiquadCoefficients.Identity;
        return type switch
        {
            0 => BiquadDesign.HighPass(sampleRateHz, frequencyHz, Math.Sqrt(0.5)),
            1 => AnalogMatchedDesign.LowShelf(sampleRateHz, frequencyHz, q, gainDb),
            2 => AnalogMatchedDesign.Peaking(sampleRateHz, frequencyHz, q, gainDb),
            3 => AnalogMatchedDesign.HighShelf(sampleRateHz, frequencyHz, q, gainDb),
            _ => BiquadDesign.LowPass(sampleRateHz, frequencyHz, Math.Sqrt(0.5)),
        };
    }
}
