using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MixConsole.Dsp.Lanes;

/// <summary>
/// Moves audio between planar rows (one strip per row) and lane rows (one frame per row) in 8 × 8 tiles
/// with AVX shuffles instead of one strided float at a time. A transpose is its own inverse, so one routine
/// serves both directions. Pure data movement: the samples are bit for bit those of the scalar loops.
/// </summary>
public static class LaneTranspose
{
    private const int Tile = 8;

    /// <summary>
    /// Transposes every whole tile of the first frames between <paramref name="planar"/> (strip l at
    /// l × <paramref name="stride"/>) and <paramref name="block"/> (frame t at t × <paramref name="width"/>), into
    /// the block when <paramref name="toLanes"/> is true, out of it otherwise. Returns the frames done: a
    /// multiple of 8, or 0 where the fast path does not apply (no AVX, or a group not full of strips).
    /// </summary>
    public static int Tiles(Span<float> planar, int stride, Span<float> block, int width, int lanes, int frames, bool toLanes)
    {
        int tiled = frames & ~(Tile - 1);
        if (!Avx.IsSupported || lanes != width || width % Tile != 0 || tiled == 0) return 0;
        if ((long)(lanes - 1) * stride + tiled > planar.Length || (long)tiled * width > block.Length)
            throw new ArgumentException("buffers smaller than the tiles");
        ref float p = ref MemoryMarshal.GetReference(planar);
        ref float b = ref MemoryMarshal.GetReference(block);
        for (int l0 = 0; l0 < lanes; l0 += Tile)
        {
            for (int t0 = 0; t0 < tiled; t0 += Tile)
            {
                ref float strips = ref Unsafe.Add(ref p, l0 * stride + t0);
                ref float rows = ref Unsafe.Add(ref b, t0 * width + l0);
                if (toLanes) Transpose(ref strips, stride, ref rows, width);
                else Transpose(ref rows, width, ref strips, stride);
            }
        }

        return tiled;
    }

    // The classic 8 × 8 transpose: unpack pairs, shuffle quads, swap 128-bit halves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(ref float source, int sourceStep, ref float destination, int destinationStep)
    {
        nuint s = (nuint)sourceStep, d = (nuint)destinationStep;
        var r0 = Vector256.LoadUnsafe(ref source);
        var r1 = Vector256.LoadUnsafe(ref source, s);
        var r2 = Vector256.LoadUnsafe(ref source, 2 * s);
        var r3 = Vector256.LoadUnsafe(ref source, 3 * s);
        var r4 = Vector256.LoadUnsafe(ref source, 4 * s);
        var r5 = Vector256.LoadUnsafe(ref source, 5 * s);
        var r6 = Vector256.LoadUnsafe(ref source, 6 * s);
        var r7 = Vector256.LoadUnsafe(ref source, 7 * s);
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref destination);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref destination, d);
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref destination, 2 * d);
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref destination, 3 * d);
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref destination, 4 * d);
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref destination, 5 * d);
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref destination, 6 * d);
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref destination, 7 * d);
    }
}
