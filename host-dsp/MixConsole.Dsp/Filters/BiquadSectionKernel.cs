using System.Runtime.CompilerServices;
using MixConsole.Dsp.Lanes;

namespace MixConsole.Dsp.Filters;

/// <summary>
/// Biquad sections for a row of lanes (<see cref="ILane{TSelf}"/>), each lane with its own coefficients and state:
/// transposed direct form II in fused multiply-adds, tiny state flushed to zero at the end of a block. A section is
/// <see cref="Coefficients"/> rows of coefficients (b0, b1, b2, a1, a2; row k at k × width) and <see cref="States"/>
/// rows of state; audio is lane-interleaved (frame t at t × width). Every lane type runs the same operations, so a
/// vector row and its scalar reference give the same bits.
/// </summary>
public static class BiquadSectionKernel
{
    /// <summary>Coefficient rows per section: b0, b1, b2, a1, a2.</summary>
    public const int Coefficients = 5;

    /// <summary>State rows per section: z1, z2.</summary>
    public const int States = 2;

    /// <summary>Filters <paramref name="frames"/> frames of <paramref name="block"/> in place through one section.</summary>
    public static void Run<T>(ReadOnlySpan<float> coefficients, Span<float> state, Span<float> block, int frames) where T : struct, ILane<T> =>
        Run<T>(coefficients, state, block, block, frames);

    /// <summary>Filters <paramref name="frames"/> frames of <paramref name="source"/> through one section into <paramref name="destination"/> (which may be the source).</summary>
    public static void Run<T>(ReadOnlySpan<float> coefficients, Span<float> state, ReadOnlySpan<float> source, Span<float> destination, int frames)
        where T : struct, ILane<T>
    {
        int w = T.Width;
        Load(coefficients, out T b0, out T b1, out T b2, out T na1, out T na2);
        T z1 = T.Load(state, 0), z2 = T.Load(state, w);
        for (int t = 0, i = 0; t < frames; t++, i += w)
            T.Store(Step(T.Load(source, i), b0, b1, b2, na1, na2, ref z1, ref z2), destination, i);

        Keep(state, z1, z2);
    }

    /// <summary>Two sections in series in one pass (the same samples as two <see cref="Run{T}(ReadOnlySpan{float}, Span{float}, Span{float}, int)"/> calls, their arithmetic overlapping).</summary>
    public static void RunPair<T>(ReadOnlySpan<float> firstCoefficients, Span<float> firstState, ReadOnlySpan<float> secondCoefficients, Span<float> secondState,
        Span<float> block, int frames) where T : struct, ILane<T>
    {
        int w = T.Width;
        Load(firstCoefficients, out T b0, out T b1, out T b2, out T na1, out T na2);
        Load(secondCoefficients, out T d0, out T d1, out T d2, out T ne1, out T ne2);
        T z1 = T.Load(firstState, 0), z2 = T.Load(firstState, w);
        T u1 = T.Load(secondState, 0), u2 = T.Load(secondState, w);
        for (int t = 0, i = 0; t < frames; t++, i += w)
        {
            T y = Step(T.Load(block, i), b0, b1, b2, na1, na2, ref z1, ref z2);
            T.Store(Step(y, d0, d1, d2, ne1, ne2, ref u1, ref u2), block, i);
        }

        Keep(firstState, z1, z2);
        Keep(secondState, u1, u2);
    }

    /// <summary>
    /// <see cref="RunPair{T}"/>, and the pair's output through a third section into <paramref name="key"/> in the same pass
    /// (a detector's filtered copy): the same samples as the pair, a copy and a <see cref="Run{T}(ReadOnlySpan{float}, Span{float}, Span{float}, int)"/>.
    /// </summary>
    public static void RunPairAndKey<T>(ReadOnlySpan<float> firstCoefficients, Span<float> firstState, ReadOnlySpan<float> secondCoefficients,
        Span<float> secondState, ReadOnlySpan<float> keyCoefficients, Span<float> keyState, Span<float> block, Span<float> key, int frames)
        where T : struct, ILane<T>
    {
        int w = T.Width;
        Load(firstCoefficients, out T b0, out T b1, out T b2, out T na1, out T na2);
        Load(secondCoefficients, out T d0, out T d1, out T d2, out T ne1, out T ne2);
        Load(keyCoefficients, out T k0, out T k1, out T k2, out T nk1, out T nk2);
        T z1 = T.Load(firstState, 0), z2 = T.Load(firstState, w);
        T u1 = T.Load(secondState, 0), u2 = T.Load(secondState, w);
        T s1 = T.Load(keyState, 0), s2 = T.Load(keyState, w);
        for (int t = 0, i = 0; t < frames; t++, i += w)
        {
            T y = Step(T.Load(block, i), b0, b1, b2, na1, na2, ref z1, ref z2);
            T v = Step(y, d0, d1, d2, ne1, ne2, ref u1, ref u2);
            T.Store(v, block, i);
            T.Store(Step(v, k0, k1, k2, nk1, nk2, ref s1, ref s2), key, i);
        }

        Keep(firstState, z1, z2);
        Keep(secondState, u1, u2);
        Keep(keyState, s1, s2);
    }

    // One frame through a section: transposed direct form II in fused multiply-adds, two roundings on the path from one
    // output to the next. Also the compressor's side-chain filter inside its detector's pass.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Step<T>(T x, T b0, T b1, T b2, T na1, T na2, ref T z1, ref T z2) where T : struct, ILane<T>
    {
        T y = T.MultiplyAdd(b0, x, z1);
        z1 = T.MultiplyAdd(na1, y, T.MultiplyAdd(b1, x, z2));
        z2 = T.MultiplyAdd(na2, y, b2 * x);
        return y;
    }

    // A section's coefficients for the row, feedback terms negated so the loop is all multiply-adds.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Load<T>(ReadOnlySpan<float> c, out T b0, out T b1, out T b2, out T na1, out T na2) where T : struct, ILane<T>
    {
        int w = T.Width;
        T zero = T.Splat(0f);
        b0 = T.Load(c, 0);
        b1 = T.Load(c, w);
        b2 = T.Load(c, 2 * w);
        na1 = zero - T.Load(c, 3 * w);
        na2 = zero - T.Load(c, 4 * w);
    }

    // Tiny states are flushed so silence never turns denormal.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Keep<T>(Span<float> state, T z1, T z2) where T : struct, ILane<T>
    {
        T threshold = T.Splat(DenormalGuard.Threshold), zero = T.Splat(0f);
        T.Store(T.SelectGreaterOrEqual(T.Abs(z1), threshold, z1, zero), state, 0);
        T.Store(T.SelectGreaterOrEqual(T.Abs(z2), threshold, z2, zero), state, T.Width);
    }
}
