using System.Runtime.InteropServices;
using MixConsole.Dsp.Core;

namespace MixConsole.Audio.Backends;

/// <summary>
/// Converts between a device's interleaved little-endian frames and the console's planar float
/// channels, through an optional channel map. Full scale is ±1.0 = 2^(bits-1); writing rounds
/// to nearest (ties to even), clips, and writes NaN as 0. Allocation-free. Little-endian hosts
/// only (x86-64, arm64), so device bytes are read in place.
/// </summary>
public static class InterleavedSamples
{
    private const float S32Scale = 2147483648f;
    private const float S24Scale = 8388608f;
    private const float S16Scale = 32768f;

    /// <summary>
    /// Reads <paramref name="frames"/> interleaved frames of <paramref name="deviceChannels"/> channels into
    /// the planar <paramref name="destination"/>; console channel c takes device channel
    /// <paramref name="channelMap"/>[c] (identity when the map is empty).
    /// </summary>
    public static void Deinterleave(ReadOnlySpan<byte> source, AudioSampleFormat format, int deviceChannels,
        AudioBuffer destination, ReadOnlySpan<int> channelMap, int frames)
    {
        ArgumentNullException.ThrowIfNull(destination);
        int bytes = format.BytesPerSample();
        if (source.Length < frames * deviceChannels * bytes) throw new ArgumentException("source holds fewer frames than asked", nameof(source));
        for (int c = 0; c < destination.Channels; c++)
        {
            int d = channelMap.IsEmpty ? c : channelMap[c];
            var dst = destination.Channel(c, frames);
            if (d >= deviceChannels)
            {
                dst.Clear();
                continue;
            }
            switch (format)
            {
                case AudioSampleFormat.S32:
                {
                    var s = MemoryMarshal.Cast<byte, int>(source);
                    for (int i = 0, k = d; i < frames; i++, k += deviceChannels) dst[i] = s[k] * (1f / S32Scale);
                    break;
                }
                case AudioSampleFormat.Float32:
                {
                    var s = MemoryMarshal.Cast<byte, float>(source);
                    for (int i = 0, k = d; i < frames; i++, k += deviceChannels) dst[i] = s[k];
                    break;
                }
                case AudioSampleFormat.S16:
                {
                    var s = MemoryMarshal.Cast<byte, short>(source);
                    for (int i = 0, k = d; i < frames; i++, k += deviceChannels) dst[i] = s[k] * (1f / S16Scale);
                    break;
                }
                case AudioSampleFormat.S24Packed:
                {
                    int step = deviceChannels * 3;
                    for (int i = 0, k = d * 3; i < frames; i++, k += step)
                    {
                        int v = (source[k] | (source[k + 1] << 8) | (source[k + 2] << 16)) << 8 >> 8;
                        dst[i] = v * (1f / S24Scale);
                    }
                    break;
                }
                default:
                    throw new ArgumentOutOfRangeException(nameof(format), format, "unknown sample format");
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="frames"/> planar frames of <paramref name="source"/> as interleaved frames of
    /// <paramref name="deviceChannels"/> channels; console channel c plays on device channel
    /// <paramref name="channelMap"/>[c] (identity when empty). Device channels no console channel maps to are silent.
    /// </summary>
    public static void Interleave(AudioBuffer source, ReadOnlySpan<int> channelMap, Span<byte> destination,
        AudioSampleFormat format, int deviceChannels, int frames)
    {
        ArgumentNullException.ThrowIfNull(source);
        int bytes = format.BytesPerSample();
        int total = frames * deviceChannels * bytes;
        if (destination.Length < total) throw new ArgumentException("destination holds fewer frames than asked", nameof(destination));
        if (source.Channels < deviceChannels || !channelMap.IsEmpty) destination[..total].Clear();
        int consoleChannels = Math.Min(source.Channels, channelMap.IsEmpty ? deviceChannels : channelMap.Length);
        for (int c = 0; c < consoleChannels; c++)
        {
            int d = channelMap.IsEmpty ? c : channelMap[c];
            var src = source.Channel(c, frames);
            switch (format)
            {
                case AudioSampleFormat.S32:
                {
                    var s = MemoryMarshal.Cast<byte, int>(destination);
                    // float -> int conversion saturates (and maps NaN to 0) since .NET 9.
                    for (int i = 0, k = d; i < frames; i++, k += deviceChannels) s[k] = (int)MathF.Round(src[i] * S32Scale);
                    break;
                }
                case AudioSampleFormat.Float32:
                {
                    var s = MemoryMarshal.Cast<byte, float>(destination);
                    for (int i = 0, k = d; i < frames; i++, k += deviceChannels) s[k] = src[i];
                    break;
                }
                case AudioSampleFormat.S16:
                {
                    var s = MemoryMarshal.Cast<byte, short>(destination);
                    for (int i = 0, k = d; i < frames; i++, k += deviceChannels)
                        s[k] = (short)Math.Clamp((int)MathF.Round(src[i] * S16Scale), short.MinValue, short.MaxValue);
                    break;
                }
                case AudioSampleFormat.S24Packed:
                {
                    int step = deviceChannels * 3;
                    for (int i = 0, k = d * 3; i < frames; i++, k += step)
                    {
                        int v = Math.Clamp((int)MathF.Round(src[i] * S24Scale), -8388608, 8388607);
                        destination[k] = (byte)v;
                        destination[k + 1] = (byte)(v >> 8);
                        destination[k + 2] = (byte)(v >> 16);
                    }
                    break;
                }
                default:
                    throw new ArgumentOutOfRangeException(nameof(format), format, "unknown sample format");
            }
        }
    }
}
