namespace MixConsole.Dsp.Lanes;

/// <summary>
/// A row of <see cref="Width"/> channels processed together: one float per channel. Vector rows are
/// <see cref="VectorLane"/> (two SIMD registers) and <see cref="NarrowLane"/> (one); each has a reference,
/// <see cref="ScalarLane{TVector}"/>, doing the same arithmetic one float at a time, and one channel alone is a
/// <see cref="FloatLane"/> (the scalar processors: Gate, Compressor). Kernels are written once,
/// generic over this interface, so both paths run the same operations in the same order and agree bit for bit.
/// </summary>
public interface ILane<TSelf> where TSelf : struct, ILane<TSelf>
{
    /// <summary>Channels in one row of this kind.</summary>
    static abstract int Width { get; }

    /// <summary>Reads <see cref="Width"/> floats from <paramref name="source"/> at <paramref name="offset"/>.</summary>
    static abstract TSelf Load(ReadOnlySpan<float> source, int offset);

    /// <summary>Writes the lanes to <paramref name="destination"/> at <paramref name="offset"/>.</summary>
    static abstract void Store(TSelf value, Span<float> destination, int offset);

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TSelf Splat(float value);

    /// <summary>Lane-wise sum.</summary>
    static abstract TSelf operator +(TSelf a, TSelf b);

    /// <summary>Lane-wise difference.</summary>
    static abstract TSelf operator -(TSelf a, TSelf b);

    /// <summary>Lane-wise product.</summary>
    static abstract TSelf operator *(TSelf a, TSelf b);

    /// <summary><paramref name="a"/> × <paramref name="b"/> + <paramref name="addend"/>, rounded once.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf addend);

    /// <summary>Lane-wise larger value (a &gt; b ? a : b).</summary>
    static abstract TSelf Max(TSelf a, TSelf b);

    /// <summary>Lane-wise smaller value (a &lt; b ? a : b).</summary>
    static abstract TSelf Min(TSelf a, TSelf b);

    /// <summary>Lane-wise magnitude.</summary>
    static abstract TSelf Abs(TSelf a);

    /// <summary>Per lane: <paramref name="a"/> &gt; <paramref name="b"/> ? <paramref name="whenGreater"/> : <paramref name="otherwise"/>.</summary>
    static abstract TSelf SelectGreater(TSelf a, TSelf b, TSelf whenGreater, TSelf otherwise);

    /// <summary>Per lane: <paramref name="a"/> &gt;= <paramref name="b"/> ? <paramref name="whenGreaterOrEqual"/> : <paramref name="otherwise"/>.</summary>
    static abstract TSelf SelectGreaterOrEqual(TSelf a, TSelf b, TSelf whenGreaterOrEqual, TSelf otherwise);

    /// <summary>Lanes 0,1,2,3.. become 1,0,3,2..: each lane sees its stereo partner.</summary>
    static abstract TSelf SwapPairs(TSelf a);

    /// <summary>As <see cref="Dynamics.FastDecibels.Log2"/> per lane (positive normal floats).</summary>
    static abstract TSelf Log2(TSelf x);

    /// <summary>As <see cref="Dynamics.FastDecibels.GainToDb"/> per lane.</summary>
    static abstract TSelf GainToDb(TSelf gain);

    /// <summary>As <see cref="Dynamics.FastDecibels.Exp2"/> per lane.</summary>
    static abstract TSelf Exp2(TSelf x);

    /// <summary>As <see cref="Dynamics.FastDecibels.DbToGain"/> per lane.</summary>
    static abstract TSelf DbToGain(TSelf gainDb);

    /// <summary>True when any lane is non-zero.</summary>
    static abstract bool AnyNonZero(TSelf a);
}
