using System.Runtime.CompilerServices;

namespace MixConsole.Dsp.Lanes;

/// <summary>
/// The reference row: the same lanes as the vector row <typeparamref name="TVector"/>, each computed by the
/// one-channel form <see cref="FloatLane"/>, one float at a time.
/// </summary>
public struct ScalarLane<TVector> : ILane<ScalarLane<TVector>> where TVector : struct, ILane<TVector>
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
        for (int i = 0; i < TVector.Width; i++) a._v[i] = (F(a, i) + F(b, i)).Value;
        return a;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> operator -(ScalarLane<TVector> a, ScalarLane<TVector> b)
    {
        for (int i = 0; i < TVector.Width; i++) a._v[i] = (F(a, i) - F(b, i)).Value;
        return a;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> operator *(ScalarLane<TVector> a, ScalarLane<TVector> b)
    {
        for (int i = 0; i < TVector.Width; i++) a._v[i] = (F(a, i) * F(b, i)).Value;
        return a;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> MultiplyAdd(ScalarLane<TVector> a, ScalarLane<TVector> b, ScalarLane<TVector> addend)
    {
        for (int i = 0; i < TVector.Width; i++) a._v[i] = FloatLane.MultiplyAdd(F(a, i), F(b, i), F(addend, i)).Value;
        return a;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> Max(ScalarLane<TVector> a, ScalarLane<TVector> b)
    {
        for (int i = 0; i < TVector.Width; i++) a._v[i] = FloatLane.Max(F(a, i), F(b, i)).Value;
        return a;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> Min(ScalarLane<TVector> a, ScalarLane<TVector> b)
    {
        for (int i = 0; i < TVector.Width; i++) a._v[i] = FloatLane.Min(F(a, i), F(b, i)).Value;
        return a;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> Abs(ScalarLane<TVector> a)
    {
        for (int i = 0; i < TVector.Width; i++) a._v[i] = FloatLane.Abs(F(a, i)).Value;
        return a;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> SelectGreater(ScalarLane<TVector> a, ScalarLane<TVector> b, ScalarLane<TVector> whenGreater, ScalarLane<TVector> otherwise)
    {
        for (int i = 0; i < TVector.Width; i++) otherwise._v[i] = FloatLane.SelectGreater(F(a, i), F(b, i), F(whenGreater, i), F(otherwise, i)).Value;
        return otherwise;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> SelectGreaterOrEqual(ScalarLane<TVector> a, ScalarLane<TVector> b, ScalarLane<TVector> whenGreaterOrEqual, ScalarLane<TVector> otherwise)
    {
        for (int i = 0; i < TVector.Width; i++)
            otherwise._v[i] = FloatLane.SelectGreaterOrEqual(F(a, i), F(b, i), F(whenGreaterOrEqual, i), F(otherwise, i)).Value;
        return otherwise;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> SwapPairs(ScalarLane<TVector> a)
    {
        var r = default(ScalarLane<TVector>);
        for (int i = 0; i < TVector.Width; i++) r._v[i] = a._v[i ^ 1];
        return r;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> Log2(ScalarLane<TVector> x)
    {
        for (int i = 0; i < TVector.Width; i++) x._v[i] = FloatLane.Log2(F(x, i)).Value;
        return x;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> GainToDb(ScalarLane<TVector> gain)
    {
        for (int i = 0; i < TVector.Width; i++) gain._v[i] = FloatLane.GainToDb(F(gain, i)).Value;
        return gain;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> Exp2(ScalarLane<TVector> x)
    {
        for (int i = 0; i < TVector.Width; i++) x._v[i] = FloatLane.Exp2(F(x, i)).Value;
        return x;
    }

    /// <inheritdoc />
    public static ScalarLane<TVector> DbToGain(ScalarLane<TVector> gainDb)
    {
        for (int i = 0; i < TVector.Width; i++) gainDb._v[i] = FloatLane.DbToGain(F(gainDb, i)).Value;
        return gainDb;
    }

    /// <inheritdoc />
    public static bool AnyNonZero(ScalarLane<TVector> a)
    {
        for (int i = 0; i < TVector.Width; i++)
            if (FloatLane.AnyNonZero(F(a, i))) return true;
        return false;
    }

    private static FloatLane F(in ScalarLane<TVector> row, int lane) => new(row._v[lane]);

    [InlineArray(LaneWidth.Max)]
    private struct LaneArray
    {
        private float _element;
    }
}
