using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MixConsole.Dsp.Lanes;

/// <summary>
/// A row of channels in two SIMD registers: every operation runs on both halves, so each recurrence (filter
/// state, envelope, gain smoothing) carries two independent chains and the pipeline stays full. Max and Min
/// are the native instructions (the larger/smaller; NaN never reaches them). Decibel maths mirrors
/// <see cref="Dynamics.FastDecibels"/> step by step.
/// </summary>
public readonly struct VectorLane(Vector<float> low, Vector<float> high) : ILane<VectorLane>
{
    /// <summary>Registers in one row.</summary>
    public const int Registers = 2;

    /// <inheritdoc />
    public static int Width => Registers * Vector<float>.Count;

    /// <summary>The first half of the lanes.</summary>
    public readonly Vector<float> Low = low;
    /// <summary>The second half of the lanes.</summary>
    public readonly Vector<float> High = high;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane Load(ReadOnlySpan<float> source, int offset)
    {
        // Unchecked: every offset is also taken by the scalar reference, whose indexing is bounds-checked in the tests.
        ref float at = ref MemoryMarshal.GetReference(source);
        return new(Vector.LoadUnsafe(ref at, (nuint)offset), Vector.LoadUnsafe(ref at, (nuint)(offset + Vector<float>.Count)));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(VectorLane value, Span<float> destination, int offset)
    {
        ref float at = ref MemoryMarshal.GetReference(destination);
        value.Low.StoreUnsafe(ref at, (nuint)offset);
        value.High.StoreUnsafe(ref at, (nuint)(offset + Vector<float>.Count));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane Splat(float value) => new(new Vector<float>(value), new Vector<float>(value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane operator +(VectorLane a, VectorLane b) => new(a.Low + b.Low, a.High + b.High);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane operator -(VectorLane a, VectorLane b) => new(a.Low - b.Low, a.High - b.High);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane operator *(VectorLane a, VectorLane b) => new(a.Low * b.Low, a.High * b.High);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane MultiplyAdd(VectorLane a, VectorLane b, VectorLane addend) =>
        new(Vector.FusedMultiplyAdd(a.Low, b.Low, addend.Low), Vector.FusedMultiplyAdd(a.High, b.High, addend.High));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane Max(VectorLane a, VectorLane b) => new(Vector.MaxNative(a.Low, b.Low), Vector.MaxNative(a.High, b.High));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane Min(VectorLane a, VectorLane b) => new(Vector.MinNative(a.Low, b.Low), Vector.MinNative(a.High, b.High));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane Abs(VectorLane a) => new(Vector.Abs(a.Low), Vector.Abs(a.High));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane SelectGreater(VectorLane a, VectorLane b, VectorLane whenGreater, VectorLane otherwise) =>
        new(Vector.ConditionalSelect(Vector.GreaterThan(a.Low, b.Low), whenGreater.Low, otherwise.Low),
            Vector.ConditionalSelect(Vector.GreaterThan(a.High, b.High), whenGreater.High, otherwise.High));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane SelectGreaterOrEqual(VectorLane a, VectorLane b, VectorLane whenGreaterOrEqual, VectorLane otherwise) =>
        new(Vector.ConditionalSelect(Vector.GreaterThanOrEqual(a.Low, b.Low), whenGreaterOrEqual.Low, otherwise.Low),
            Vector.ConditionalSelect(Vector.GreaterThanOrEqual(a.High, b.High), whenGreaterOrEqual.High, otherwise.High));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane SwapPairs(VectorLane a) => new(VectorMath.SwapPairs(a.Low), VectorMath.SwapPairs(a.High));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane Log2(VectorLane x) => new(VectorMath.Log2(x.Low), VectorMath.Log2(x.High));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane GainToDb(VectorLane gain) => new(VectorMath.GainToDb(gain.Low), VectorMath.GainToDb(gain.High));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane Exp2(VectorLane x) => new(VectorMath.Exp2(x.Low), VectorMath.Exp2(x.High));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLane DbToGain(VectorLane gainDb) => new(VectorMath.DbToGain(gainDb.Low), VectorMath.DbToGain(gainDb.High));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyNonZero(VectorLane a) => !Vector.EqualsAll(a.Low, Vector<float>.Zero) || !Vector.EqualsAll(a.High, Vector<float>.Zero);
}
