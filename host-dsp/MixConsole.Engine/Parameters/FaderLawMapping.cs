namespace MixConsole.Engine.Parameters;

/// <summary>
/// The X32 fader law: four linear segments in dB over 0..1; 0 is -inf. dB = 40f-30 (f &gt;= 0.5),
/// 80f-50 (f &gt;= 0.25), 160f-70 (f &gt;= 0.0625), 480f-90 below. 0 dB sits at f = 0.75, +10 dB at 1.
/// With 1024 steps (f = index / 1023) unity is index 767, -0.0098 dB, as on the X32.
/// </summary>
public sealed class FaderLawMapping : ParameterMapping
{
    /// <summary>The one instance (the law has no parameters).</summary>
    public static FaderLawMapping Instance { get; } = new();

    private FaderLawMapping()
    {
    }

    /// <summary>Level at the top of the fader.</summary>
    public const double MaxDb = 10.0;

    /// <inheritdoc/>
    public override string Name => "fader law";

    /// <inheritdoc/>
    public override double ToReal(double normalized)
    {
        if (!(normalized > 0.0))
        {
            return double.NegativeInfinity;
        }

        double f = Math.Min(normalized, 1.0);
        if (f >= 0.5)
        {
            return 40.0 * f - 30.0;
        }

        if (f >= 0.25)
        {
            return 80.0 * f - 50.0;
        }

        if (f >= 0.0625)
        {
            return 160.0 * f - 70.0;
        }

        return 480.0 * f - 90.0;
    }

    /// <inheritdoc/>
    public override double ToNormalized(double real)
    {
        if (double.IsNaN(real) || real <= -90.0)
        {
            return 0.0;
        }

        double f;
        if (real >= -10.0)
        {
            f = (real + 30.0) / 40.0;
        }
        else if (real >= -30.0)
        {
            f = (real + 50.0) / 80.0;
        }
        else if (real >= -60.0)
        {
            f = (real + 70.0) / 160.0;
        }
        else
        {
            f = (real + 90.0) / 480.0;
        }

        return Math.Clamp(f, 0.0, 1.0);
    }

    /// <inheritdoc/>
    public override string Describe() =>
        "X32 fader law: dB = 40f-30 (f >= 0.5), 80f-50 (f >= 0.25), 160f-70 (f >= 0.0625), 480f-90 below; f = 0 is -inf";
}
