using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MixConsole.Engine.Mixer.Lanes;

/// <summary>A row of strips in one SIMD register. Max and Min are the native instructions (the larger/smaller; NaN never reaches them). Decibel maths mirrors <see cref="Dsp.Dynamics.FastDecibels"/> step by step.</summary>
internal readonly struct VectorLane(Vector<float> value) : ILane<VectorLane>
{
    private const float DbPerOctave = 6.020599913f;
    private const float OctavesPerDb = 0.1660964047f;
    private const float Ln2 = 0.6931471806f;
    private const float InverseLn2 = 1.442695041f;
    private const float FloorGain = 1e-10f;
    private const float FloorDb = -200f;

    public readonly Vector<float> Value = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane Load(ReadOnlySpan<float> source, int offset)
    {
        // Unchecked: every offset is also taken by the scalar reference, whose indexing is bounds-checked in the tests.
        return new(Vector.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)offset));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(VectorLane value, Span<float> destination, int offset) => value.Value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane Splat(float value) => new(new Vector<float>(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane operator +(VectorLane a, VectorLane b) => new(a.Value + b.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane operator -(VectorLane a, VectorLane b) => new(a.Value - b.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane operator *(VectorLane a, VectorLane b) => new(a.Value * b.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane Max(VectorLane a, VectorLane b) => new(Vector.MaxNative(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane Min(VectorLane a, VectorLane b) => new(Vector.MinNative(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane Abs(VectorLane a) => new(Vector.Abs(a.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane SelectGreater(VectorLane a, VectorLane b, VectorLane whenGreater, VectorLane otherwise) =>
        new(Vector.ConditionalSelect(Vector.GreaterThan(a.Value, b.Value), whenGreater.Value, otherwise.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane SelectGreaterOrEqual(VectorLane a, VectorLane b, VectorLane whenGreaterOrEqual, VectorLane otherwise) =>
        new(Vector.ConditionalSelect(Vector.GreaterThanOrEqual(a.Value, b.Value), whenGreaterOrEqual.Value, otherwise.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane SwapPairs(VectorLane a)
    {
        if (Vector<float>.Count == 16)
            return new(Vector512.Shuffle(a.Value.AsVector512(), Vector512.Create(1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14)).AsVector());
        if (Vector<float>.Count == 8)
            return new(Vector256.Shuffle(a.Value.AsVector256(), Vector256.Create(1, 0, 3, 2, 5, 4, 7, 6)).AsVector());
        return new(Vector128.Shuffle(a.Value.AsVector128(), Vector128.Create(1, 0, 3, 2)).AsVector());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane GainToDb(VectorLane gain)
    {
        var db = new Vector<float>(DbPerOctave) * Log2(gain.Value);
        return new(Vector.ConditionalSelect(Vector.GreaterThan(gain.Value, new Vector<float>(FloorGain)), db, new Vector<float>(FloorDb)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane PowerToDb(VectorLane power)
    {
        var db = new Vector<float>(0.5f * DbPerOctave) * Log2(power.Value);
        return new(Vector.ConditionalSelect(Vector.GreaterThan(power.Value, new Vector<float>(FloorGain * FloorGain)), db, new Vector<float>(FloorDb)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane DbToGain(VectorLane gainDb) => new(Exp2(gainDb.Value * new Vector<float>(OctavesPerDb)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyNonZero(VectorLane a) => !Vector.EqualsAll(a.Value, Vector<float>.Zero);

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
        Vector<float> series = one + u2 * (new Vector<float>(1f / 3f) + u2 * (new Vector<float>(1f / 5f) + u2 * (new Vector<float>(1f / 7f) + u2 * new Vector<float>(1f / 9f))));
        return Vector.ConvertToSingle(exponent) + new Vector<float>(2f) * u * series * new Vector<float>(InverseLn2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Exp2(Vector<float> x)
    {
        x = Vector.MinNative(Vector.MaxNative(x, new Vector<float>(-126f)), new Vector<float>(127f));
        Vector<float> whole = Vector.Round(x);
        Vector<float> t = (x - whole) * new Vector<float>(Ln2);
        Vector<float> fraction = Vector<float>.One + t * (Vector<float>.One + t * (new Vector<float>(0.5f) + t * (new Vector<float>(1f / 6f)
            + t * (new Vector<float>(1f / 24f) + t * (new Vector<float>(1f / 120f) + t * new Vector<float>(1f / 720f))))));
        Vector<int> scale = Vector.ShiftLeft(Vector.ConvertToInt32(whole) + new Vector<int>(127), 23);
        return fraction * scale.As<int, float>();
    }
}
