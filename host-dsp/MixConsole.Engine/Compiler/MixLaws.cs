namespace MixConsole.Engine.Compiler;

/// <summary>Gain laws of the console: decibels to gain, and the balance of a stereo source.</summary>
internal static class MixLaws
{
    /// <summary>Gain of <paramref name="db"/> decibels; -inf dB is silence.</summary>
    public static float DbToLinear(float db) => float.IsNegativeInfinity(db) ? 0f : MathF.Pow(10f, db / 20f);

    /// <summary>Constant-power pan of a mono source, <paramref name="pan"/> -1 (left) .. +1 (right).</summary>
    public static void Pan(float pan, out float left, out float right) => Dsp.Smoothing.PanLaw.ConstantPower(pan, out left, out right);

    /// <summary>Balance of a stereo source: centre leaves both sides at unity; one side falls as the other stays.</summary>
    public static void Balance(float pan, out float left, out float right)
    {
        Dsp.Smoothing.PanLaw.ConstantPower(pan, out float l, out float r);
        left = Math.Min(1f, l * MathF.Sqrt(2f));
        right = Math.Min(1f, r * MathF.Sqrt(2f));
        if (pan == 0f)
        {
            left = 1f;
            right = 1f;
        }
    }
}
