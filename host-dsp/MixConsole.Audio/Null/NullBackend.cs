using MixConsole.Audio.Backends;
using MixConsole.Audio.Realtime;

namespace MixConsole.Audio.Null;

/// <summary>
/// A sound card with nothing plugged in: silence in, output discarded, periods paced by the
/// system clock (or run as fast as possible when <see cref="AudioBackendOptions.Paced"/> is
/// false). A host started on it keeps running and serving controllers. A period that starts
/// later than the whole buffer would allow counts as an xrun, as on a card.
/// </summary>
/// <param name="clock">The clock periods are paced by; null = CLOCK_MONOTONIC (<see cref="MonotonicPacingClock"/>).</param>
public sealed class NullBackend(IPacingClock? clock = null) : ThreadedAudioBackend
{
    private readonly IPacingClock _clock = clock ?? MonotonicPacingClock.Instance;

    /// <inheritdoc />
    public override string Name => "null";

    /// <inheritdoc />
    protected override AudioFormatInfo OpenCore(AudioBackendOptions options) => new(
        Name, options.Paced ? "system clock" : "unpaced", options.SampleRateHz, options.PeriodFrames, options.Periods,
        options.ChannelsIn, options.ChannelsOut, AudioSampleFormat.Float32, 0, "no converters, no queue", Linked: true);

    /// <inheritdoc />
    protected override void RunAudioLoop(IAudioCallback callback)
    {
        var format = Format!;
        int period = format.PeriodFrames;
        double nsPerFrame = 1e9 / format.SampleRateHz;
        long slackNs = (long)(period * format.Periods * nsPerFrame);
        bool paced = Options.Paced;
        var clock = _clock;
        Input.Clear();
        long startNs = clock.NowNs();
        long framesDone = 0;
        while (!StopRequested)
        {
            int frames = (int)Math.Min(period, FramesRemaining);
            Input.Clear(frames);
            if (!RunPeriod(callback, frames)) return;
            framesDone += frames;
            if (!paced) continue;
            long deadline = startNs + (long)(framesDone * nsPerFrame);
            long late = clock.NowNs() - deadline;
            if (late > slackNs)
            {
                // A card would have under-run: count it and restart the clock from now.
                CountXrun();
                startNs = clock.NowNs();
                framesDone = 0;
                continue;
            }
            clock.SleepUntil(deadline);
        }
    }

    /// <inheritdoc />
    protected override void CloseCore() { }
}
