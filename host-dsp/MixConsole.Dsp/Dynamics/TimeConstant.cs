namespace MixConsole.Dsp.Dynamics;

/// <summary>One-pole ballistics: the coefficient that makes a step cover 63 % in a given time.</summary>
public static class TimeConstant
{
    /// <summary>
    /// e^(-1 / (tau fs)) for tau = <paramref name="timeMs"/>: in y += (1 - c)(x - y), a step
    /// reaches 1 - 1/e of its height after <paramref name="timeMs"/>. Zero time gives 0 (instant).
    /// </summary>
    public static float Coefficient(double timeMs, double sampleRateHz) =>
        timeMs <= 0 ? 0f : (float)Math.Exp(-1000.0 / (timeMs * sampleRateHz));
}
