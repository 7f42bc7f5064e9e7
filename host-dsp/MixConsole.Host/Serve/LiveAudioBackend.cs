using MixConsole.Audio.Backends;
using MixConsole.Audio.Soundcheck;
using MixConsole.Dsp.Core;

namespace MixConsole.Host.Serve;

/// <summary>
/// Where the served console's audio comes from and goes to, and what paces it: a MixConsole.Audio
/// backend (ALSA, JACK, WAV, null) running its own audio thread (or the JACK server's);
/// <see cref="Run"/> starts it, waits for cancellation or the end of the stream, and stops it.
/// </summary>
internal sealed class LiveAudioBackend : IDisposable
{
    private readonly IAudioBackend _backend;
    private readonly SoundcheckRecorder? _recorder;
    private readonly ManualResetEventSlim _started = new(false);

    public LiveAudioBackend(IAudioBackend backend, AudioFormatInfo format, SoundcheckRecorder? recorder)
    {
        _backend = backend;
        Format = format;
        _recorder = recorder;
    }

    public AudioFormatInfo Format { get; }

    public IAudioBackend Backend => _backend;

    public SoundcheckRecorder? Recorder => _recorder;

    /// <summary>The start-up banner's lines: format, latency, scheduling, and the recording when there is one.</summary>
    public string Description
    {
        get
        {
            // The real-time line is known once the audio thread has asked the kernel.
            _started.Wait(TimeSpan.FromSeconds(2));
            string record = _recorder is null ? "" : $"\nrecord  every input to {_recorder.Path} ({_recorder.RingFrames} frames of ring)";
            return $"{Format.DescribeFormat()}\n{Format.DescribeLatency()}\n{_backend.Realtime.Message}{record}";
        }
    }

    /// <summary>Frames per second.</summary>
    public double SampleRateHz => Format.SampleRateHz;

    /// <summary>Frames per block handed to the engine.</summary>
    public int BlockFrames => Format.PeriodFrames;

    /// <summary>Channels delivered to the engine's inputs.</summary>
    public int InputChannels => Format.ChannelsIn;

    /// <summary>Channels taken from the engine's outputs.</summary>
    public int OutputChannels => Format.ChannelsOut;

    /// <summary>Blocks processed so far.</summary>
    public long BlocksProcessed => _backend.Callbacks;

    /// <summary>Blocks lost to over- and under-runs (each one an audible dropout on a real device).</summary>
    public long BlocksLate => _backend.Xruns;

    /// <summary>
    /// Runs <paramref name="process"/> once per block on the backend's audio thread until cancelled or the stream ends.
    /// <paramref name="followPeriod"/> is asked to prepare for a longer or shorter block when the server changes its period.
    /// </summary>
    public void Run(AudioBlockHandler process, PeriodChangeHandler? followPeriod, CancellationToken cancellation)
    {
        IAudioCallback callback = new HandlerCallback(process, followPeriod);
        if (_recorder is not null) callback = new SoundcheckTap(callback, _recorder);
        try
        {
            _backend.Start(callback);
        }
        finally
        {
            _started.Set();
        }
        while (!cancellation.IsCancellationRequested && !_backend.WaitForEnd(TimeSpan.FromMilliseconds(50)))
        {
        }
        _backend.Stop();
        if (_backend.Fault is { } fault) throw fault;
    }

    public void Dispose()
    {
        _backend.Dispose();
        _recorder?.Dispose();
        _started.Dispose();
    }

    private sealed class HandlerCallback(AudioBlockHandler handler, PeriodChangeHandler? followPeriod) : IResizableAudioCallback
    {
        public void Process(AudioBuffer input, AudioBuffer output, int frames) => handler(input, output, frames);

        public bool TryPrepareForPeriod(int maxFrames) => followPeriod is not null && followPeriod(maxFrames);
    }
}
