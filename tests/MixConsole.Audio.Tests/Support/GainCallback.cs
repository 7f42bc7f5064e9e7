using MixConsole.Audio.Backends;
using MixConsole.Dsp.Core;

namespace MixConsole.Audio.Tests.Support;

/// <summary>
/// Output channel c = input channel c times a fixed gain; counts allocations on the audio thread over every callback
/// after the first <paramref name="warmupCalls"/> (JIT and first-call costs excluded).
/// </summary>
internal sealed class GainCallback(float[] gains, int warmupCalls = 50) : IAudioCallback
{
    /// <summary>Bytes allocated on the audio thread from the end of warm-up to the latest callback.</summary>
    public AllocationProbe Allocations { get; } = new(warmupCalls);

    public long Calls => Allocations.Calls;

    public int MaxFramesSeen { get; private set; }

    public void Process(AudioBuffer input, AudioBuffer output, int frames)
    {
        if (frames > MaxFramesSeen) MaxFramesSeen = frames;
        int n = Math.Min(output.Channels, input.Channels);
        for (int c = 0; c < n; c++)
        {
            float g = gains[c % gains.Length];
            var src = input.Channel(c, frames);
            var dst = output.Channel(c, frames);
            for (int i = 0; i < frames; i++) dst[i] = src[i] * g;
        }
        Allocations.Tick();
    }
}
