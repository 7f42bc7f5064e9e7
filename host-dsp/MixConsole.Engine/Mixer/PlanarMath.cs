using System.Numerics;

namespace MixConsole.Engine.Mixer;

/// <summary>Vectorised helpers on planar audio.</summary>
internal static class PlanarMath
{
    /// <summary><paramref name="destination"/> += <paramref name="source"/>.</summary>
    public static void Add(ReadOnlySpan<float> source, Span<float> destination)
    {
        int t = 0, n = source.Length, w = Vector<float>.Count;
        for (; t + w <= n; t += w) (new Vector<float>(destination[t..]) + new Vector<float>(source[t..])).CopyTo(destination[t..]);
        for (; t < n; t++) destination[t] += source[t];
    }
}
