using MixConsole.Audio.Backends;
using MixConsole.Dsp.Core;

namespace MixConsole.Audio.Tests.Support;

/// <summary>Output channel c = input channel c times a fixed gain; measures allocations on the audio thread.</summary>
internal sealed class GainCallback(float[] gains) : IAudioCallback
{
    private long _calls;
    private long _bytesAtWarm = -1;
    private long _bytesAtEnd = -1;

    /// <summary>Callbacks after which allocation counting starts (JIT and first-call costs excluded).</summary>
    public int WarmupCalls { get; init; } = 50;

    /// <summary>Bytes allocated on the audio thread between the end of warm-up and the latest callback.</summary>
    public long AllocatedAfterWarmup => _bytesAtWarm < 0 || _bytesAtEnd < 0 ? -1 : _bytesAtEnd - _bytesAtWarm;

    public long Calls => Volatile.Read(ref _calls);

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
        long calls = Interlocked.Increment(ref _calls);
        if (calls == WarmupCalls)
        {
            // A collection first: this thread then holds no half-used allocation context, whose unused rest (up to
            // 8 KB) a collection started by another thread can bill to it as "allocated" on a busy machine.
            GC.Collect(0);
            _bytesAtWarm = GC.GetAllocatedBytesForCurrentThread();
        }
        if (calls > WarmupCalls) _bytesAtEnd = GC.GetAllocatedBytesForCurrentThread();
    }
}
