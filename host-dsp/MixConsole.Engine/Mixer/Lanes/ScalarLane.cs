using System.Runtime.CompilerServices;
using MixConsole.Dsp.Dynamics;

namespace MixConsole.Engine.Mixer.Lanes;

/// <summary>
/// The reference row: the same lanes as <see cref="VectorLane"/>, computed one float at a time with
/// plain scalar arithmetic and the <see cref="FastDecibels"/> kernel itself.
/// </summary>
internal struct ScalarLane : ILane<ScalarLane>
{
    private LaneArray _v;

    public static ScalarLane Load(ReadOnlySpan<float> source, int offset)
    {
        var r = default(ScalarLane);
        for (int i = 0; i < LaneWidth.Count; i++) r._v[i] = source[offset + i];
        return r;
    }

    public static void Store(ScalarLane value, Span<float> destination, int offset)
    {
        for (int i = 0; i < LaneWidth.Count; i++) destination[offset + i] = value._v[i];
    }

    public static ScalarLane Splat(float value)
    {
        var r = default(ScalarLane);
        for (int i = 0; i < LaneWidth.Count; i++) r._v[i] = value;
        return r;
    }

    public static ScalarLane operator +(ScalarLane a, ScalarLane b)
    {
        for (int i = 0; i < LaneWidth.Count; i++) a._v[i] = a._v[i] + b._v[i];
        return a;
    }

    public static ScalarLane operator -(ScalarLane a, ScalarLane b)
    {
        for (int i = 0; i < LaneWidth.Count; i++) a._v[i] = a._v[i] - b._v[i];
        return a;
    }

    public static ScalarLane operator *(ScalarLane a, ScalarLane b)
    {
        for (int i = 0; i < LaneWidth.Count; i++) a._v[i] = a._v[i] * b._v[i];
        return a;
    }

    public static ScalarLane MultiplyAdd(ScalarLane a, ScalarLane b, ScalarLane addend)
    {
        for (int i = 0; i < LaneWidth.Count; i++) a._v[i] = MathF.FusedMultiplyAdd(a._v[i], b._v[i], addend._v[i]);
        return a;
    }

    public static ScalarLane Max(ScalarLane a, ScalarLane b)
    {
        // The same rule as the native SIMD max: a > b ? a : b.
        for (int i = 0; i < LaneWidth.Count; i++) a._v[i] = a._v[i] > b._v[i] ? a._v[i] : b._v[i];
        return a;
    }

    public static ScalarLane Min(ScalarLane a, ScalarLane b)
    {
        for (int i = 0; i < LaneWidth.Count; i++) a._v[i] = a._v[i] < b._v[i] ? a._v[i] : b._v[i];
        return a;
    }

    public static ScalarLane Abs(ScalarLane a)
    {
        for (int i = 0; i < LaneWidth.Count; i++) a._v[i] = MathF.Abs(a._v[i]);
        return a;
    }

    public static ScalarLane SelectGreater(ScalarLane a, ScalarLane b, ScalarLane whenGreater, ScalarLane otherwise)
    {
        for (int i = 0; i < LaneWidth.Count; i++) otherwise._v[i] = a._v[i] > b._v[i] ? whenGreater._v[i] : otherwise._v[i];
        return otherwise;
    }

    public static ScalarLane SelectGreaterOrEqual(ScalarLane a, ScalarLane b, ScalarLane whenGreaterOrEqual, ScalarLane otherwise)
    {
        for (int i = 0; i < LaneWidth.Count; i++) otherwise._v[i] = a._v[i] >= b._v[i] ? whenGreaterOrEqual._v[i] : otherwise._v[i];
        return otherwise;
    }

    public static ScalarLane SwapPairs(ScalarLane a)
    {
        var r = default(ScalarLane);
        for (int i = 0; i < LaneWidth.Count; i++) r._v[i] = a._v[i ^ 1];
        return r;
    }

    public static ScalarLane Log2(ScalarLane x)
    {
        for (int i = 0; i < LaneWidth.Count; i++) x._v[i] = FastDecibels.Log2(x._v[i]);
        return x;
    }

    public static ScalarLane GainToDb(ScalarLane gain)
    {
        for (int i = 0; i < LaneWidth.Count; i++) gain._v[i] = FastDecibels.GainToDb(gain._v[i]);
        return gain;
    }

    public static ScalarLane DbToGain(ScalarLane gainDb)
    {
        for (int i = 0; i < LaneWidth.Count; i++) gainDb._v[i] = FastDecibels.DbToGain(gainDb._v[i]);
        return gainDb;
    }

    public static bool AnyNonZero(ScalarLane a)
    {
        for (int i = 0; i < LaneWidth.Count; i++)
            if (a._v[i] != 0f) return true;
        return false;
    }

    [InlineArray(LaneWidth.Max)]
    private struct LaneArray
    {
        private float _element;
    }
}
