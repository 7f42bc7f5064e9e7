using MixConsole.Audio.Backends;
using MixConsole.Audio.Soundcheck;
using MixConsole.Dsp.Core;

namespace MixConsole.Host.Serve;

/// <summary>
/// Puts a MixConsole.Audio backend (ALSA, JACK, WAV, null) behind serve's backend seam: the
/// backend runs its own audio thread (or the JACK server's); <see cref="Run"/> starts it, waits
/// for cancellation or the end of the stream, and stops it.
/// </summary>
internal sealed class LiveAudioBackend : IAudioBackend
{
    private readonly Audio.Backends.IAudioBackend _backend;
    private readonly SoundcheckRecorder? _recorder;
    private readonly ManualResetEventSlim _started = new(false);

    public LiveAudioBackend(Audio.Backends.IAudioBackend backend, AudioFormatInfo format, SoundcheckRecorder? recorder)
    {
        _backend = backend;
        Format = format;
        _recorder = recorder;
    }

    public AudioFormatInfo Format { get; }

    public Audio.Backends.IAudioBackend Backend => _backend;

    public SoundcheckRecorder? Recorder => _recorder;

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

    public double SampleRateHz => Format.SampleRateHz;

    public int BlockFrames => Format.PeriodFrames;

    public int InputChannels => Format.ChannelsIn;

    public int OutputChannels => Format.ChannelsOut;

    public long BlocksProcessed => _backend.Callbacks;

    public long BlocksLate => _backend.Xruns;

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
