using MixConsole.Audio.Backends;
using MixConsole.Audio.Realtime;

namespace MixConsole.Audio.Wav;

/// <summary>
/// Files as a sound card: inputs from a multichannel WAV or a folder of stems
/// (<see cref="WavInputSource"/>), outputs recorded to a 32-bit float WAV (RF64 when it
/// outgrows 4 GiB). Paced in real time by the system clock, or as fast as possible. The stream
/// ends with the input (or after <see cref="AudioBackendOptions.MaxFrames"/>). Output sample k
/// is the callback's answer to input sample k: no latency of its own.
/// </summary>
/// <param name="clock">The clock paced periods follow; null = CLOCK_MONOTONIC (<see cref="MonotonicPacingClock"/>).</param>
public sealed class WavBackend(IPacingClock? clock = null) : ThreadedAudioBackend
{
    private readonly IPacingClock _clock = clock ?? MonotonicPacingClock.Instance;
    private WavInputSource? _source;
    private WavWriter? _writer;

    /// <inheritdoc />
    public override string Name => "wav";

    /// <summary>Frames the input files hold (-1 with no input or unknown length).</summary>
    public long InputFrames => _source?.FrameCount ?? -1;

    /// <inheritdoc />
    protected override AudioFormatInfo OpenCore(AudioBackendOptions options)
    {
        if (options.InputPath is null && options.OutputPath is null && options.MaxFrames is null)
            throw new AudioBackendException("the wav backend needs --input, --output or a --duration");
        try
        {
            if (options.InputPath is not null)
            {
                _source = WavInputSource.Open(options.InputPath, options.PeriodFrames);
                if (_source.Channels != options.ChannelsIn)
                    throw new AudioBackendException($"{_source.Description}: {_source.Channels} channel(s), but the console has {options.ChannelsIn} inputs (--channels-in {_source.Channels} to match)");
                if (_source.SampleRateHz != options.SampleRateHz)
                    throw new AudioBackendException($"{_source.Description}: {_source.SampleRateHz} Hz, but the console runs at {options.SampleRateHz} Hz (--rate {_source.SampleRateHz} to match; no resampling on input)");
            }
            if (options.OutputPath is not null && options.ChannelsOut > 0)
            {
                string? dir = Path.GetDirectoryName(Path.GetFullPath(options.OutputPath));
                if (dir is not null && !Directory.Exists(dir))
                    throw new AudioBackendException($"{options.OutputPath}: folder {dir} does not exist");
                _writer = WavWriter.Create(options.OutputPath, new WavFormat(options.SampleRateHz, options.ChannelsOut, WavSampleFormat.Float32));
            }
        }
        catch (IOException e)
        {
            CloseCore();
            throw new AudioBackendException($"{options.OutputPath}: {e.Message}", e);
        }
        catch
        {
            CloseCore();
            throw;
        }
        string device = (_source?.Description ?? "silence") + " -> " + (options.OutputPath ?? "discard");
        return new AudioFormatInfo(Name, device, options.SampleRateHz, options.PeriodFrames, options.Periods,
            options.ChannelsIn, options.ChannelsOut, AudioSampleFormat.Float32, 0, "files, no queue", Linked: true);
    }

    /// <inheritdoc />
    protected override void RunAudioLoop(IAudioCallback callback)
    {
        var format = Format!;
        int period = format.PeriodFrames;
        bool paced = Options.Paced;
        double nsPerFrame = 1e9 / format.SampleRateHz;
        long slackNs = (long)(period * format.Periods * nsPerFrame);
        var clock = _clock;
        long startNs = clock.NowNs();
        long framesDone = 0;
        Input.Clear();
        try
        {
            while (!StopRequested)
            {
                int frames = (int)Math.Min(period, FramesRemaining);
                if (_source is not null)
                {
                    frames = _source.Read(Input, frames);
                    if (frames == 0) return;
                }
                if (!RunPeriod(callback, frames))
                {
                    _writer?.Write(Output, frames);
                    return;
                }
                _writer?.Write(Output, frames);
                framesDone += frames;
                if (!paced) continue;
                long deadline = startNs + (long)(framesDone * nsPerFrame);
                if (clock.NowNs() - deadline > slackNs)
                {
                    CountXrun();
                    startNs = clock.NowNs();
                    framesDone = 0;
                    continue;
                }
                clock.SleepUntil(deadline);
            }
        }
        finally
        {
            // Finish the file on the audio thread so it is complete when the stream is seen to end.
            _writer?.Dispose();
        }
    }

    /// <inheritdoc />
    protected override void CloseCore()
    {
        _writer?.Dispose();
        _writer = null;
        _source?.Dispose();
        _source = null;
    }
}
