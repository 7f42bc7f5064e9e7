namespace MixConsole.Dsp.Lanes;

/// <summary>How many channels share one <see cref="VectorLane"/> row on this machine: two SIMD registers (8 on NEON/SSE, 16 on AVX2, 32 on AVX-512).</summary>
public static class LaneWidth
{
    /// <summary>Lanes per row; also the width of the scalar reference rows.</summary>
    public static int Count => VectorLane.Width;

    /// <summary>Most lanes any machine has (two 512-bit registers).</summary>
    public const int Max = 32;

}
