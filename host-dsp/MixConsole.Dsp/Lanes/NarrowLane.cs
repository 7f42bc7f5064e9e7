using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MixConsole.Dsp.Lanes;

/// <summary>
/// A row of channels in one SIMD register: for banks of a few channels (the main bus's two sides), where a
/// two-register <see cref="VectorLane"/> row would compute mostly empty lanes. Same operations per lane.
/// </summary>
public readonly struct NarrowLane(Vector<float> value) : ILane<NarrowLane>
{
    /// <summary>The lanes.</summary>
    public readonly Vector<float> Value = value;

    /// <inheritdoc />
    public static int Width => Vector<float>.Count;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NarrowLane Load(ReadOnlySpan<float> source, int offset) =>
        new(Vector.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)offset));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(NarrowLane value, Span<float> destination, int offset) =>
        value.Value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)offset);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NarrowLane Splat(float value) => new(new Vector<float>(value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NarrowLane operator +(NarrowLane a, NarrowLane b) => new(a.Value + b.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NarrowLane operator -(NarrowLane a, NarrowLane b) => new(a.Value - b.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NarrowLane operator *(NarrowLane a, NarrowLane b) => new(a.Value * b.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NarrowLane MultiplyAdd(NarrowLane a, NarrowLane b, NarrowLane addend) => new(Vector.FusedMultiplyAdd(a.Value, b.Value, addend.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NarrowLane Max(NarrowLane a, NarrowLane b) => new(Vector.MaxNative(a.Value, b.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NarrowLane Min(NarrowLane a, NarrowLane b) => new(Vector.MinNative(a.Value, b.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NarrowLane Abs(NarrowLane a) => new(Vector.Abs(a.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NarrowLane SelectGreater(NarrowLane a, NarrowLane b, NarrowLane whenGreater, NarrowLane otherwise) =>
        new(Vector.ConditionalSelect(Vector.GreaterThan(a.Value, b.Value), whenGreater.Value, otherwise.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NarrowLane SelectGreaterOrEqual(NarrowLane a, NarrowLane b, NarrowLane whenGreaterOrEqual, NarrowLane otherwise) =>
        new(Vector.ConditionalSelect(Vector.GreaterThanOrEqual(a.Value, b.Value), whenGreaterOrEqual.Value, otherwise.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NarrowLane SwapPairs(NarrowLane a) => new(VectorMath.SwapPairs(a.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NarrowLane Log2(NarrowLane x) => new(VectorMath.Log2(x.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NarrowLane GainToDb(NarrowLane gain) => new(VectorMath.GainToDb(gain.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NarrowLane Exp2(NarrowLane x) => new(VectorMath.Exp2(x.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NarrowLane DbToGain(NarrowLane gainDb) => new(VectorMath.DbToGain(gainDb.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyNonZero(NarrowLane a) => !Vector.EqualsAll(a.Value, Vector<float>.Zero);
}
