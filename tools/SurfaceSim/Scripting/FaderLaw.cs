namespace MixConsole.SurfaceSim.Scripting;

/// <summary>
/// The X32 fader law the host's /mix/fader parameters use (host-dsp/ADDRESS-SPACE.md), so scripts can say
/// "0dB" instead of 0.75: dB = 40f-30 (f >= 0.5), 80f-50 (f >= 0.25), 160f-70 (f >= 0.0625), 480f-90 below; 0 = -inf.
/// </summary>
public static class FaderLaw
{
    /// <summary>Highest level, at the top of the travel.</summary>
    public const double MaxDb = 10;

    /// <summary>Fader position (0..1) for <paramref name="db"/>; negative infinity gives 0.</summary>
    public static float PositionOf(double db)
    {
        if (double.IsNegativeInfinity(db) || db <= -90)
        {
            return 0f;
        }

        double f = db >= -10 ? (db + 30) / 40 : db >= -30 ? (db + 50) / 80 : db >= -60 ? (db + 70) / 160 : (db + 90) / 480;
        return (float)Math.Clamp(f, 0, 1);
    }

    /// <summary>Level in dB at fader position <paramref name="position"/>; 0 gives negative infinity.</summary>
    public static double DbOf(float position)
    {
        double f = Math.Clamp(position, 0f, 1f);
        if (f <= 0)
        {
            return double.NegativeInfinity;
        }

        return f >= 0.5 ? (40 * f) - 30 : f >= 0.25 ? (80 * f) - 50 : f >= 0.0625 ? (160 * f) - 70 : (480 * f) - 90;
    }

    /// <summary>"-3.2 dB", "-inf dB".</summary>
    public static string Format(float position)
    {
        return FormatDb(DbOf(position)) + " dB";
    }

    /// <summary>"+3.5", "-0.0" for a hair under unity, "-inf".</summary>
    public static string FormatDb(double db)
    {
        if (double.IsNegativeInfinity(db))
        {
            return "-inf";
        }

        return (db < 0 ? "-" : "+") + Math.Abs(db).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
    }
}
