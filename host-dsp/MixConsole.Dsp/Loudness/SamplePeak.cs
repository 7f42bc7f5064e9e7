using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MixConsole.Dsp.Loudness;

/// <summary>Vectorised largest absolute sample value.</summary>
public static class SamplePeak
{
    /// <summary>Largest |x| in <paramref name="samples"/> (0 when empty).</summary>
    /// <param name="samples">Samples to scan.</param>
    public static float MaxAbs(ReadOnlySpan<float> samples)
    {
        ref float p = ref MemoryMarshal.GetReference(samples);
        int n = 0, w = Vector<float>.Count;
        float max = 0;
        if (Vector.IsHardwareAccelerated && samples.Length >= w)
        {
            Vector<float> m = Vector<float>.Zero;
            for (; n <= samples.Length - w; n += w)
                m = Vector.Max(m, Vector.Abs(Vector.LoadUnsafe(ref Unsafe.Add(ref p, n))));
            for (int i = 0; i < w; i++)
                max = MathF.Max(max, m[i]);
        }
        for (; n < samples.Length; n++)
            max = MathF.Max(max, MathF.Abs(Unsafe.Add(ref p, n)));
        return max;
    }
}
