namespace MixConsole.Dsp.Core;

/// <summary>Conversions between linear gain and decibels.</summary>
public static class Decibels
{
    /// <summary>Linear amplitude gain for <paramref name="gainDb"/> decibels.</summary>
    public static double ToGain(double gainDb) => Math.Pow(10.0, gainDb / 20.0);

    /// <summary>Decibels for a linear amplitude; <see cref="double.NegativeInfinity"/> for zero.</summary>
    public static double FromGain(double gain) => gain > 0 ? 20.0 * Math.Log10(gain) : double.NegativeInfinity;

    /// <summary>Decibels for a power (mean square) value; <see cref="double.NegativeInfinity"/> for zero.</summary>
    public static double FromPower(double power) => power > 0 ? 10.0 * Math.Log10(power) : double.NegativeInfinity;
}
