using System.Runtime.CompilerServices;
using MixConsole.Dsp.Dynamics;

namespace MixConsole.Dsp.Lanes;

/// <summary>
/// The reference row: the same lanes as the vector row <typeparamref name="TVector"/>, computed one float at a
/// time with plain scalar arithmetic and the <see cref="FastDecibels"/> kernel itself. With <see cref="OneLane"/>
/// it is the one-channel form of every lane kernel (a lone channel is its own stereo partner).
/// </summary>
public struct ScalarLane<TVector> : ILane<ScalarLane<TVector>> where TVector : struct, ILaneWidth
{
    private LaneArray _v;

    /// <inheritdoc />
    public static int Width => TVector.Width;

    /// <inheritdoc />
    public static ScalarLane<TVector> Load(ReadOnlySpan<float> source, int offset)
    {
        var r = default(ScalarLane<TVector>);
        for (int i = 0; i < TVector.Width; i++) r._v[i] = source[offset + i];
        return r;
    }

    /// <inheritdoc />
    public static void Store(ScalarLane<TVector> value, Span<float> destination, int offset)
    {
        for (int i = 0; i < TVector.Width; i++) destination[offset + i] = value._v[i];
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> Splat(float value)
    {
        var r = default(ScalarLane<TVector>);
        for (int i = 0; i < TVector.Width; i++) r._v[i] = value;
        return r;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> operator +(ScalarLane<TVector> a, ScalarLane<TVector> b)
    {
        for (int i = 0; i < TVector.Width; i++) a._v[i] = a._v[i] + b._v[i];
        return a;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> operator -(ScalarLane<TVector> a, ScalarLane<TVector> b)
    {
        for (int i = 0; i < TVector.Width; i++) a._v[i] = a._v[i] - b._v[i];
        return a;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> operator *(ScalarLane<TVector> a, ScalarLane<TVector> b)
    {
        for (int i = 0; i < TVector.Width; i++) a._v[i] = a._v[i] * b._v[i];
        return a;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> MultiplyAdd(ScalarLane<TVector> a, ScalarLane<TVector> b, ScalarLane<TVector> addend)
    {
        for (int i = 0; i < TVector.Width; i++) a._v[i] = MathF.FusedMultiplyAdd(a._v[i], b._v[i], addend._v[i]);
        return a;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> Max(ScalarLane<TVector> a, ScalarLane<TVector> b)
    {
        // The same rule as the native SIMD max: a > b ? a : b.
        for (int i = 0; i < TVector.Width; i++) a._v[i] = a._v[i] > b._v[i] ? a._v[i] : b._v[i];
        return a;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> Min(ScalarLane<TVector> a, ScalarLane<TVector> b)
    {
        for (int i = 0; i < TVector.Width; i++) a._v[i] = a._v[i] < b._v[i] ? a._v[i] : b._v[i];
        return a;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> Abs(ScalarLane<TVector> a)
    {
        for (int i = 0; i < TVector.Width; i++) a._v[i] = MathF.Abs(a._v[i]);
        return a;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> SelectGreater(ScalarLane<TVector> a, ScalarLane<TVector> b, ScalarLane<TVector> whenGreater, ScalarLane<TVector> otherwise)
    {
        for (int i = 0; i < TVector.Width; i++) otherwise._v[i] = a._v[i] > b._v[i] ? whenGreater._v[i] : otherwise._v[i];
        return otherwise;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> SelectGreaterOrEqual(ScalarLane<TVector> a, ScalarLane<TVector> b, ScalarLane<TVector> whenGreaterOrEqual, ScalarLane<TVector> otherwise)
    {
        for (int i = 0; i < TVector.Width; i++) otherwise._v[i] = a._v[i] >= b._v[i] ? whenGreaterOrEqual._v[i] : otherwise._v[i];
        return otherwise;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> SwapPairs(ScalarLane<TVector> a)
    {
        var r = default(ScalarLane<TVector>);
        for (int i = 0; i < TVector.Width; i++) r._v[i] = (i ^ 1) < TVector.Width ? a._v[i ^ 1] : a._v[i];
        return r;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> Log2(ScalarLane<TVector> x)
    {
        for (int i = 0; i < TVector.Width; i++) x._v[i] = FastDecibels.Log2(x._v[i]);
        return x;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> GainToDb(ScalarLane<TVector> gain)
    {
        for (int i = 0; i < TVector.Width; i++) gain._v[i] = FastDecibels.GainToDb(gain._v[i]);
        return gain;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> DbToGain(ScalarLane<TVector> gainDb)
    {
        for (int i = 0; i < TVector.Width; i++) gainDb._v[i] = FastDecibels.DbToGain(gainDb._v[i]);
        return gainDb;
    }

    /// <inheritdoc />
    public static bool AnyNonZero(ScalarLane<TVector> a)
    {
        for (int i = 0; i < TVector.Width; i++)
            if (a._v[i] != 0f) return true;
        return false;
    }

    [InlineArray(LaneWidth.Max)]
    private struct LaneArray
    {
        private float _element;
    }
}
