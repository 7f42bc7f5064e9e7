using System.Runtime.CompilerServices;

namespace MixConsole.Dsp.Filters;

/// <summary>
/// Keeps recursive state out of the denormal range, where x86 arithmetic slows by
/// up to 100x (ARM flushes in hardware, x86 does not by default in .NET).
/// </summary>
public static class DenormalGuard
{
    /// <summary>State magnitudes below this (-300 dBFS) are inaudible and are set to zero.</summary>
    public const float Threshold = 1e-15f;

    /// <summary>Returns 0 for |value| below <see cref="Threshold"/>, otherwise <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Flush(float value) => MathF.Abs(value) < Threshold ? 0f : value;
}
