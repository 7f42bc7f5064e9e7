using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MixConsole.Audio.Wav;

/// <summary>
/// Converts between interleaved little-endian WAV samples and planar float channels.
/// Integer full scale maps to ±1.0 (-32768 -> -1.0, 32767 -> 32767/32768). Every method is
/// compiled fully optimised from its first call: a one-shot CLI decode never waits for tiered JIT.
/// </summary>
internal static unsafe class WavSampleCodec
{
    private const float Scale16 = 1f / 32768f;
    private const float Scale32 = 1f / 2147483648f;

    /// <summary>Readable bytes a decode source needs past its last frame.</summary>
    public const int SourcePaddingBytes = 8;

    /// <summary>
    /// Decodes <paramref name="frames"/> interleaved frames from <paramref name="src"/> into
    /// planar <paramref name="dst"/> (channel c at c * stride + offset). The source must have
    /// <see cref="SourcePaddingBytes"/> readable bytes after the last frame: decoding reads whole vectors.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decode(WavSampleFormat format, int channels, byte[] src, float[] dst, int stride, int offset, int frames)
    {
        if (frames <= 0)
            return;
        int blockAlign = channels * format.BytesPerSample();
        if ((long)frames * blockAlign + SourcePaddingBytes > src.Length || (long)(channels - 1) * stride + offset + frames > dst.Length)
            throw new ArgumentOutOfRangeException(nameof(frames), frames, "decode range exceeds a buffer");

        fixed (byte* s = src)
        fixed (float* d = dst)
        {
            switch (format)
            {
                case WavSampleFormat.Pcm16 when channels == 2:
                    Decode16Stereo(s, d + offset, d + stride + offset, frames);
                    break;
                case WavSampleFormat.Pcm24 when channels == 2:
                    Decode24Stereo(s, d + offset, d + stride + offset, frames);
                    break;
                default:
                    for (int c = 0; c < channels; c++)
                        DecodeChannel(format, s + c * format.BytesPerSample(), blockAlign, d + c * stride + offset, frames);
                    break;
            }
        }
    }

    /// <summary>Stereo 16-bit: eight frames per AVX2 step, four per 128-bit step, then scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Decode16Stereo(byte* s, float* left, float* right, int frames, bool allowVectors = true)
    {
        int i = 0;
        if (allowVectors && Vector256.IsHardwareAccelerated)
        {
            var scale = Vector256.Create(Scale32);
            for (; i + 8 <= frames; i += 8)
            {
                // Each int holds one frame: left in the low half, right in the high half.
                Vector256<int> pairs = Vector256.Load((int*)(s + 4 * i));
                (Vector256.ConvertToSingle(pairs << 16) * scale).Store(left + i);
                (Vector256.ConvertToSingle(pairs & Vector256.Create(unchecked((int)0xFFFF0000))) * scale).Store(right + i);
            }
        }
        if (allowVectors && Vector128.IsHardwareAccelerated)
        {
            var scale = Vector128.Create(Scale32);
            for (; i + 4 <= frames; i += 4)
            {
                Vector128<int> pairs = Vector128.Load((int*)(s + 4 * i));
                (Vector128.ConvertToSingle(pairs << 16) * scale).Store(left + i);
                (Vector128.ConvertToSingle(pairs & Vector128.Create(unchecked((int)0xFFFF0000))) * scale).Store(right + i);
            }
        }
        for (; i < frames; i++)
        {
            int pair = Unsafe.ReadUnaligned<int>(s + 4 * i);
            left[i] = (short)pair * Scale16;
            right[i] = (pair >> 16) * Scale16;
        }
    }

    /// <summary>Stereo 24-bit: eight frames per AVX2 step, then scalar. Reads up to 4 bytes past the last frame.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Decode24Stereo(byte* s, float* left, float* right, int frames, bool allowVectors = true)
    {
        int i = 0;
        if (allowVectors && Avx2.IsSupported)
        {
            // Per 128-bit lane of two frames: each sample's 3 bytes go to the top of an int, giving (L0, L1, R0, R1).
            Vector256<byte> spread = Vector256.Create(
                (byte)0x80, 0, 1, 2, 0x80, 6, 7, 8, 0x80, 3, 4, 5, 0x80, 9, 10, 11,
                0x80, 0, 1, 2, 0x80, 6, 7, 8, 0x80, 3, 4, 5, 0x80, 9, 10, 11);
            Vector256<int> gather = Vector256.Create(0, 1, 4, 5, 2, 3, 6, 7);
            var scale = Vector256.Create(Scale32);
            for (; i + 8 <= frames; i += 8)
            {
                byte* p = s + 6 * i;
                Vector256<int> a = Avx2.Shuffle(Vector256.Create(Vector128.Load(p), Vector128.Load(p + 12)), spread).AsInt32();
                Vector256<int> b = Avx2.Shuffle(Vector256.Create(Vector128.Load(p + 24), Vector128.Load(p + 36)), spread).AsInt32();
                a = Avx2.PermuteVar8x32(a, gather);  // L0..L3 | R0..R3
                b = Avx2.PermuteVar8x32(b, gather);  // L4..L7 | R4..R7
                (Vector256.ConvertToSingle(Avx2.Permute2x128(a, b, 0x20)) * scale).Store(left + i);
                (Vector256.ConvertToSingle(Avx2.Permute2x128(a, b, 0x31)) * scale).Store(right + i);
            }
        }
        for (; i < frames; i++)
        {
            byte* p = s + 6 * i;
            // Shifting the 24 bits to the top of an int sign-extends and scales by a power of two, exactly.
            left[i] = (Unsafe.ReadUnaligned<int>(p) << 8) * Scale32;
            right[i] = (Unsafe.ReadUnaligned<int>(p + 3) << 8) * Scale32;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DecodeChannel(WavSampleFormat format, byte* s, int blockAlign, float* d, int frames)
    {
        switch (format)
        {
            case WavSampleFormat.Pcm16:
                for (int i = 0; i < frames; i++, s += blockAlign)
                    d[i] = Unsafe.ReadUnaligned<short>(s) * Scale16;
                break;
            case WavSampleFormat.Pcm24:
                for (int i = 0; i < frames; i++, s += blockAlign)
                    d[i] = (Unsafe.ReadUnaligned<int>(s) << 8) * Scale32;
                break;
            case WavSampleFormat.Pcm32:
                for (int i = 0; i < frames; i++, s += blockAlign)
                    d[i] = Unsafe.ReadUnaligned<int>(s) * Scale32;
                break;
            case WavSampleFormat.Float32:
                for (int i = 0; i < frames; i++, s += blockAlign)
                    d[i] = Unsafe.ReadUnaligned<float>(s);
                break;
            case WavSampleFormat.Float64:
                for (int i = 0; i < frames; i++, s += blockAlign)
                    d[i] = (float)Unsafe.ReadUnaligned<double>(s);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unknown WAV sample format");
        }
    }

    /// <summary>
    /// Encodes <paramref name="frames"/> planar frames into interleaved bytes at the start of
    /// <paramref name="dst"/>. Integers are rounded to nearest (ties to even) and clipped to
    /// full scale; NaN becomes 0. Floats are stored as they are.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Encode(WavSampleFormat format, int channels, float[] src, int stride, int offset, int frames, byte[] dst)
    {
        if (frames <= 0)
            return;
        int bytesPerSample = format.BytesPerSample();
        int blockAlign = channels * bytesPerSample;
        if ((long)frames * blockAlign > dst.Length || (long)(channels - 1) * stride + offset + frames > src.Length)
            throw new ArgumentOutOfRangeException(nameof(frames), frames, "encode range exceeds a buffer");

        fixed (float* s = src)
        fixed (byte* d = dst)
        {
            for (int c = 0; c < channels; c++)
                EncodeChannel(format, s + c * stride + offset, d + c * bytesPerSample, blockAlign, frames);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EncodeChannel(WavSampleFormat format, float* s, byte* d, int blockAlign, int frames)
    {
        switch (format)
        {
            case WavSampleFormat.Pcm16:
                for (int i = 0; i < frames; i++, d += blockAlign)
                    Unsafe.WriteUnaligned(d, (short)ToInteger(s[i], 32768f, 32767f));
                break;
            case WavSampleFormat.Pcm24:
                for (int i = 0; i < frames; i++, d += blockAlign)
                {
                    int v = ToInteger(s[i], 8388608f, 8388607f);
                    d[0] = (byte)v;
                    d[1] = (byte)(v >> 8);
                    d[2] = (byte)(v >> 16);
                }
                break;
            case WavSampleFormat.Pcm32:
                for (int i = 0; i < frames; i++, d += blockAlign)
                {
                    // Double keeps int.MaxValue representable for the clip; float cannot.
                    double x = Math.Round(s[i] * 2147483648.0);
                    int v = x >= 2147483647.0 ? int.MaxValue : x <= -2147483648.0 ? int.MinValue : double.IsNaN(x) ? 0 : (int)x;
                    Unsafe.WriteUnaligned(d, v);
                }
                break;
            case WavSampleFormat.Float32:
                for (int i = 0; i < frames; i++, d += blockAlign)
                    Unsafe.WriteUnaligned(d, s[i]);
                break;
            case WavSampleFormat.Float64:
                for (int i = 0; i < frames; i++, d += blockAlign)
                    Unsafe.WriteUnaligned(d, (double)s[i]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unknown WAV sample format");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ToInteger(float sample, float fullScale, float max)
    {
        // Scaling by a power of two is exact, so k / fullScale round-trips to k.
        float x = MathF.Round(sample * fullScale);
        if (x >= max)
            return (int)max;
        if (x <= -fullScale)
            return -(int)fullScale;
        return float.IsNaN(x) ? 0 : (int)x;
    }
}
