using MixConsole.Dsp.Lanes;

namespace MixConsole.Dsp.Tests.Dynamics;

/// <summary>
/// One channel with exact decibel maths: <see cref="FloatLane"/>'s arithmetic, but log2, 2^x and the decibel conversions
/// in doubles through Math.Log2 and Math.Pow, rounded once to float. The reference the fast polynomials are held to.
/// </summary>
public readonly struct ExactLane(float value) : ILane<ExactLane>
{
    private readonly FloatLane _v = new(value);

    public static int Width => 1;

    public static ExactLane Load(ReadOnlySpan<float> source, int offset) => new(source[offset]);

    public static void Store(ExactLane value, Span<float> destination, int offset) => destination[offset] = value._v.Value;

    public static ExactLane Splat(float value) => new(value);

    public static ExactLane operator +(ExactLane a, ExactLane b) => new((a._v + b._v).Value);

    public static ExactLane operator -(ExactLane a, ExactLane b) => new((a._v - b._v).Value);

    public static ExactLane operator *(ExactLane a, ExactLane b) => new((a._v * b._v).Value);

    public static ExactLane MultiplyAdd(ExactLane a, ExactLane b, ExactLane addend) => new(FloatLane.MultiplyAdd(a._v, b._v, addend._v).Value);

    public static ExactLane Max(ExactLane a, ExactLane b) => new(FloatLane.Max(a._v, b._v).Value);

    public static ExactLane Min(ExactLane a, ExactLane b) => new(FloatLane.Min(a._v, b._v).Value);

    public static ExactLane Abs(ExactLane a) => new(FloatLane.Abs(a._v).Value);

    public static ExactLane SelectGreater(ExactLane a, ExactLane b, ExactLane whenGreater, ExactLane otherwise) =>
        a._v.Value > b._v.Value ? whenGreater : otherwise;

    public static ExactLane SelectGreaterOrEqual(ExactLane a, ExactLane b, ExactLane whenGreaterOrEqual, ExactLane otherwise) =>
        a._v.Value >= b._v.Value ? whenGreaterOrEqual : otherwise;

    public static ExactLane SwapPairs(ExactLane a) => a;

    public static ExactLane Log2(ExactLane x) => new((float)Math.Log2(x._v.Value));

    public static ExactLane GainToDb(ExactLane gain) => new(gain._v.Value > 1e-10f ? (float)(20 * Math.Log10(gain._v.Value)) : -200f);

    public static ExactLane Exp2(ExactLane x) => new((float)Math.Pow(2, x._v.Value));

    public static ExactLane DbToGain(ExactLane gainDb) => new((float)Math.Pow(10, gainDb._v.Value / 20.0));

    public static bool AnyNonZero(ExactLane a) => a._v.Value != 0f;
}
