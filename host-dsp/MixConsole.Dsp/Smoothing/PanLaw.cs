namespace MixConsole.Dsp.Smoothing;

/// <summary>
/// Constant-power panning: left = cos(theta), right = sin(theta), theta = (pan + 1) pi / 4,
/// so left^2 + right^2 = 1 at every position and the centre is -3.01 dB each side.
/// </summary>
public static class PanLaw
{
    /// <summary>Gain of each side at centre: 1/sqrt(2), i.e. -3.0103 dB.</summary>
    public const float CentreGain = 0.70710677f;

    /// <summary>Gains for <paramref name="pan"/> from -1 (hard left) to +1 (hard right); values outside are clamped.</summary>
    public static void ConstantPower(float pan, out float leftGain, out float rightGain)
    {
        double theta = (Math.Clamp(pan, -1f, 1f) + 1.0) * Math.PI / 4.0;
        (double sin, double cos) = Math.SinCos(theta);
        leftGain = (float)cos;
        rightGain = (float)sin;
    }
}
