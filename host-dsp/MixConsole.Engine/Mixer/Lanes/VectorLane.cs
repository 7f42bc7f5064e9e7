using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MixConsole.Engine.Mixer.Lanes;

/// <summary>
/// A row of strips in two SIMD registers: every operation runs on both halves, so each recurrence (filter
/// state, envelope, gain smoothing) carries two independent chains and the pipeline stays full. Max and Min
/// are the native instructions (the larger/smaller; NaN never reaches them). Decibel maths mirrors
/// <see cref="Dsp.Dynamics.FastDecibels"/> step by step.
/// </summary>
internal readonly struct VectorLane(Vector<float> low, Vector<float> high) : ILane<VectorLane>
{
    private const float DbPerOctave = 6.020599913f;
    private const float OctavesPerDb = 0.1660964047f;
    private const float Ln2 = 0.6931471806f;
    private const float InverseLn2 = 1.442695041f;
    private const float FloorGain = 1e-10f;
    private const float FloorDb = -200f;

    /// <summary>Registers in one row.</summary>
    public const int Registers = 2;

    public readonly Vector<float> Low = low;
    public readonly Vector<float> High = high;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane Load(ReadOnlySpan<float> source, int offset)
    {
        // Unchecked: every offset is also taken by the scalar reference, whose indexing is bounds-checked in the tests.
        ref float at = ref MemoryMarshal.GetReference(source);
        return new(Vector.LoadUnsafe(ref at, (nuint)offset), Vector.LoadUnsafe(ref at, (nuint)(offset + Vector<float>.Count)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(VectorLane value, Span<float> destination, int offset)
    {
        ref float at = ref MemoryMarshal.GetReference(destination);
        value.Low.StoreUnsafe(ref at, (nuint)offset);
        value.High.StoreUnsafe(ref at, (nuint)(offset + Vector<float>.Count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane Splat(float value) => new(new Vector<float>(value), new Vector<float>(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane operator +(VectorLane a, VectorLane b) => new(a.Low + b.Low, a.High + b.High);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane operator -(VectorLane a, VectorLane b) => new(a.Low - b.Low, a.High - b.High);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane operator *(VectorLane a, VectorLane b) => new(a.Low * b.Low, a.High * b.High);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane MultiplyAdd(VectorLane a, VectorLane b, VectorLane addend) =>
        new(Vector.FusedMultiplyAdd(a.Low, b.Low, addend.Low), Vector.FusedMultiplyAdd(a.High, b.High, addend.High));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane Max(VectorLane a, VectorLane b) => new(Vector.MaxNative(a.Low, b.Low), Vector.MaxNative(a.High, b.High));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane Min(VectorLane a, VectorLane b) => new(Vector.MinNative(a.Low, b.Low), Vector.MinNative(a.High, b.High));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane Abs(VectorLane a) => new(Vector.Abs(a.Low), Vector.Abs(a.High));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane SelectGreater(VectorLane a, VectorLane b, VectorLane whenGreater, VectorLane otherwise) =>
        new(Vector.ConditionalSelect(Vector.GreaterThan(a.Low, b.Low), whenGreater.Low, otherwise.Low),
            Vector.ConditionalSelect(Vector.GreaterThan(a.High, b.High), whenGreater.High, otherwise.High));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane SelectGreaterOrEqual(VectorLane a, VectorLane b, VectorLane whenGreaterOrEqual, VectorLane otherwise) =>
        new(Vector.ConditionalSelect(Vector.GreaterThanOrEqual(a.Low, b.Low), whenGreaterOrEqual.Low, otherwise.Low),
            Vector.ConditionalSelect(Vector.GreaterThanOrEqual(a.High, b.High), whenGreaterOrEqual.High, otherwise.High));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane SwapPairs(VectorLane a) => new(SwapPairs(a.Low), SwapPairs(a.High));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane Log2(VectorLane x) => new(Log2(x.Low), Log2(x.High));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane GainToDb(VectorLane gain) => new(GainToDb(gain.Low), GainToDb(gain.High));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane DbToGain(VectorLane gainDb) => new(DbToGain(gainDb.Low), DbToGain(gainDb.High));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyNonZero(VectorLane a) => !Vector.EqualsAll(a.Low, Vector<float>.Zero) || !Vector.EqualsAll(a.High, Vector<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> SwapPairs(Vector<float> a)
    {
        if (Vector<float>.Count == 16)
            return Vector512.Shuffle(a.AsVector512(), Vector512.Create(1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14)).AsVector();
        if (Vector<float>.Count == 8)
            return Vector256.Shuffle(a.AsVector256(), Vector256.Create(1, 0, 3, 2, 5, 4, 7, 6)).AsVector();
        return Vector128.Shuffle(a.AsVector128(), Vector128.Create(1, 0, 3, 2)).AsVector();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> GainToDb(Vector<float> gain)
    {
        var db = new Vector<float>(DbPerOctave) * Log2(gain);
        return Vector.ConditionalSelect(Vector.GreaterThan(gain, new Vector<float>(FloorGain)), db, new Vector<float>(FloorDb));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> DbToGain(Vector<float> gainDb) => Exp2(gainDb * new Vector<float>(OctavesPerDb));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Log2(Vector<float> x)
    {
        Vector<int> bits = x.As<float, int>();
        Vector<int> exponent = Vector.ShiftRightArithmetic(bits, 23) - new Vector<int>(127);
        Vector<float> mantissa = ((bits & new Vector<int>(0x007FFFFF)) | new Vector<int>(0x3F800000)).As<int, float>();
        Vector<int> fold = Vector.GreaterThan(mantissa, new Vector<float>(1.414213562f));
        mantissa = Vector.ConditionalSelect(fold, mantissa * new Vector<float>(0.5f), mantissa);
        exponent -= fold; // a true mask is -1
        Vector<float> one = Vector<float>.One;
        Vector<float> u = (mantissa - one) / (mantissa + one), u2 = u * u;
        Vector<float> series = Vector.FusedMultiplyAdd(u2, new Vector<float>(1f / 9f), new Vector<float>(1f / 7f));
        series = Vector.FusedMultiplyAdd(u2, series, new Vector<float>(1f / 5f));
        series = Vector.FusedMultiplyAdd(u2, series, new Vector<float>(1f / 3f));
        series = Vector.FusedMultiplyAdd(u2, series, one);
        return Vector.FusedMultiplyAdd(u * new Vector<float>(2f * InverseLn2), series, Vector.ConvertToSingle(exponent));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Exp2(Vector<float> x)
    {
        x = Vector.MinNative(Vector.MaxNative(x, new Vector<float>(-126f)), new Vector<float>(127f));
        Vector<float> whole = Vector.Round(x);
        Vector<float> t = (x - whole) * new Vector<float>(Ln2);
        Vector<float> p = Vector.FusedMultiplyAdd(t, new Vector<float>(1f / 720f), new Vector<float>(1f / 120f));
        p = Vector.FusedMultiplyAdd(t, p, new Vector<float>(1f / 24f));
        p = Vector.FusedMultiplyAdd(t, p, new Vector<float>(1f / 6f));
        p = Vector.FusedMultiplyAdd(t, p, new Vector<float>(0.5f));
        p = Vector.FusedMultiplyAdd(t, p, Vector<float>.One);
        p = Vector.FusedMultiplyAdd(t, p, Vector<float>.One);
        // whole is an integer in -126..127, so the plain conversion needs no saturation handling.
        Vector<int> scale = Vector.ShiftLeft(Vector.ConvertToInt32Native(whole) + new Vector<int>(127), 23);
        return p * scale.As<int, float>();
    }
}
