using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MixConsole.Dsp.Delay;

/// <summary>Copies of a block of samples, such as a delay line's taps and pushes.</summary>
internal static class BlockCopy
{
    /// <summary>
    /// Copies <paramref name="source"/> to the start of <paramref name="destination"/>. Block-sized copies inline as a
    /// few vector moves: a library call per copy costs more than the copy itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(ReadOnlySpan<float> source, Span<float> destination)
    {
        if (source.Length > 256 || destination.Length < source.Length)
        {
            source.CopyTo(destination);
            return;
        }

        Unchecked(ref MemoryMarshal.GetReference(source), ref MemoryMarshal.GetReference(destination), source.Length);
    }

    /// <summary>Copies <paramref name="count"/> samples from <paramref name="source"/> on, unchecked: the caller has checked both ranges.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Unchecked(ref float source, ref float destination, int count)
    {
        int i = 0, w = Vector<float>.Count;
        for (; i + w <= count; i += w) Vector.LoadUnsafe(ref source, (nuint)i).StoreUnsafe(ref destination, (nuint)i);
        for (; i < count; i++) Unsafe.Add(ref destination, i) = Unsafe.Add(ref source, i);
    }
}
