namespace MixConsole.Dsp.Core;

/// <summary>
/// Planar multichannel audio: one contiguous array, each channel a run of
/// <see cref="Stride"/> floats (a multiple of 16, so every channel starts on a
/// 64-byte boundary relative to the array). Allocated once, reused per block.
/// </summary>
public sealed class AudioBuffer
{
    private readonly float[] _data;

    /// <summary>Creates a buffer of <paramref name="channels"/> channels holding up to <paramref name="capacityFrames"/> frames.</summary>
    public AudioBuffer(int channels, int capacityFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityFrames, 1);
        Channels = channels;
        CapacityFrames = capacityFrames;
        Stride = (capacityFrames + 15) & ~15;
        _data = new float[checked(Stride * channels)];
    }

    /// <summary>Number of channels.</summary>
    public int Channels { get; }

    /// <summary>Frames each channel can hold.</summary>
    public int CapacityFrames { get; }

    /// <summary>Distance in floats between the starts of two channels.</summary>
    public int Stride { get; }

    /// <summary>The whole backing store (channel <c>c</c> starts at <c>c * Stride</c>).</summary>
    public float[] RawData => _data;

    /// <summary>The first <paramref name="frames"/> samples of channel <paramref name="channel"/>.</summary>
    public Span<float> Channel(int channel, int frames) => _data.AsSpan(channel * Stride, frames);

    /// <summary>The whole capacity of channel <paramref name="channel"/>.</summary>
    public Span<float> Channel(int channel) => _data.AsSpan(channel * Stride, CapacityFrames);

    /// <summary>Sets the first <paramref name="frames"/> frames of every channel to zero.</summary>
    public void Clear(int frames)
    {
        if (frames == CapacityFrames)
        {
            // Whole channels: one clear over the store, through the padding after each channel's capacity (never read).
            _data.AsSpan(0, (Channels - 1) * Stride + frames).Clear();
            return;
        }

        for (int c = 0; c < Channels; c++)
            Channel(c, frames).Clear();
    }

    /// <summary>Sets every sample to zero.</summary>
    public void Clear() => Array.Clear(_data);
}
