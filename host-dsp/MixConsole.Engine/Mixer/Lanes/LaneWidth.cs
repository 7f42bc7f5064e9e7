using System.Numerics;

namespace MixConsole.Engine.Mixer.Lanes;

/// <summary>How many strips share one SIMD register on this machine (4 on NEON/SSE, 8 on AVX2, 16 on AVX-512).</summary>
internal static class LaneWidth
{
    /// <summary>Lanes per row; also the width of the scalar reference rows.</summary>
    public static int Count => Vector<float>.Count;

    /// <summary>Most lanes any machine has (512-bit registers).</summary>
    public const int Max = 16;

    /// <summary>Groups of <see cref="Count"/> needed for <paramref name="strips"/> strips.</summary>
    public static int Groups(int strips) => (strips + Count - 1) / Count;
}
