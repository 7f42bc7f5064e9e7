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

    /// <summary>
    /// A detector's key filter as the X32 types it (<c>ConsoleAddressSpace.KeyFilterTypes</c>): 0 LC6 and 1 LC12 low
    /// cuts, 2 HC6 and 3 HC12 high cuts (first order, or 12 dB/oct Butterworth), 4..8 band-passes of Q 1, 2, 3, 5, 10
    /// (RBJ, 0 dB at the centre); unity when off.
    /// </summary>
    public static BiquadCoefficients KeyFilter(double sampleRateHz, bool on, int type, float frequencyHz) => !on
        ? BiquadCoefficients.Identity
        : type switch
        {
            0 => BiquadDesign.FirstOrderHighPass(sampleRateHz, frequencyHz),
            1 => BiquadDesign.HighPass(sampleRateHz, frequencyHz, Math.Sqrt(0.5)),
            2 => BiquadDesign.FirstOrderLowPass(sampleRateHz, frequencyHz),
            3 => BiquadDesign.LowPass(sampleRateHz, frequencyHz, Math.Sqrt(0.5)),
            _ => BiquadDesign.BandPass(sampleRateHz, frequencyHz, type switch { 4 => 1.0, 5 => 2.0, 6 => 3.0, 7 => 5.0, _ => 10.0 }),
        };

    /// <summary>
    /// One EQ band, numbered as the X32: type 0 low cut, 1 low shelf, 2 bell, 3 vintage bell (<see cref="VintageQ"/>),
    /// 4 high shelf, 5 high cut. Cuts are 12 dB/oct Butterworth; shelves and bells are analog-matched, so bells keep
    /// their analog shape near Nyquist.
    /// </summary>
    public static BiquadCoefficients EqBand(double sampleRateHz, bool eqOn, int type, double frequencyHz, double gainDb, double q)
    {
        if (!eqOn) return BiquadCoefficients.Identity;
        return type switch
        {
            0 => BiquadDesign.HighPass(sampleRateHz, frequencyHz, Math.Sqrt(0.5)),
            1 => AnalogMatchedDesign.LowShelf(sampleRateHz, frequencyHz, q, gainDb),
            2 => AnalogMatchedDesign.Peaking(sampleRateHz, frequencyHz, q, gainDb),
            3 => AnalogMatchedDesign.Peaking(sampleRateHz, frequencyHz, VintageQ(q, gainDb), gainDb),
            4 => AnalogMatchedDesign.HighShelf(sampleRateHz, frequencyHz, q, gainDb),
            _ => BiquadDesign.LowPass(sampleRateHz, frequencyHz, Math.Sqrt(0.5)),
        };
    }

    /// <summary>
    /// The Q of a vintage (VEQ) bell, which follows its gain as proportional-Q equalisers do: the set Q at
    /// +/-15 dB, half of it at 0 dB, linear in the gain's size between, so a small lift or cut is broad and
    /// gentle and a large one narrow.
    /// </summary>
    public static double VintageQ(double q, double gainDb) => q * (0.5 + 0.5 * Math.Min(Math.Abs(gainDb), 15) / 15);
}
