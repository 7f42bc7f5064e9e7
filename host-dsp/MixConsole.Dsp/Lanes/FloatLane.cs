using System.Runtime.CompilerServices;
using MixConsole.Dsp.Dynamics;

namespace MixConsole.Dsp.Lanes;

/// <summary>
/// A row of one channel in one float: the one-channel form of every lane kernel, with plain scalar arithmetic and
/// the <see cref="FastDecibels"/> kernel itself. <see cref="ScalarLane{TVector}"/> applies these same operations to
/// each lane of a vector row. A lone channel is its own stereo partner.
/// </summary>
public readonly struct FloatLane(float value) : ILane<FloatLane>
{
    /// <summary>The channel's value.</summary>
    public readonly float Value = value;

    /// <inheritdoc />
    public static int Width => 1;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLane Load(ReadOnlySpan<float> source, int offset) => new(source[offset]);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(FloatLane value, Span<float> destination, int offset) => destination[offset] = value.Value;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLane Splat(float value) => new(value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLane operator +(FloatLane a, FloatLane b) => new(a.Value + b.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLane operator -(FloatLane a, FloatLane b) => new(a.Value - b.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLane operator *(FloatLane a, FloatLane b) => new(a.Value * b.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLane MultiplyAdd(FloatLane a, FloatLane b, FloatLane addend) => new(MathF.FusedMultiplyAdd(a.Value, b.Value, addend.Value));

    /// <inheritdoc />
    // The same rule as the native SIMD max and min: a > b ? a : b.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLane Max(FloatLane a, FloatLane b) => a.Value > b.Value ? a : b;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLane Min(FloatLane a, FloatLane b) => a.Value < b.Value ? a : b;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLane Abs(FloatLane a) => new(MathF.Abs(a.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLane SelectGreater(FloatLane a, FloatLane b, FloatLane whenGreater, FloatLane otherwise) => a.Value > b.Value ? whenGreater : otherwise;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLane SelectGreaterOrEqual(FloatLane a, FloatLane b, FloatLane whenGreaterOrEqual, FloatLane otherwise) =>
        a.Value >= b.Value ? whenGreaterOrEqual : otherwise;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLane SwapPairs(FloatLane a) => a;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLane Log2(FloatLane x) => new(FastDecibels.Log2(x.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLane GainToDb(FloatLane gain) => new(FastDecibels.GainToDb(gain.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLane Exp2(FloatLane x) => new(FastDecibels.Exp2(x.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLane DbToGain(FloatLane gainDb) => new(FastDecibels.DbToGain(gainDb.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyNonZero(FloatLane a) => a.Value != 0f;
}
