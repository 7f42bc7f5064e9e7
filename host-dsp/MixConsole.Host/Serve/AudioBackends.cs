using MixConsole.Audio.Alsa;
using MixConsole.Audio.Backends;
using MixConsole.Audio.Jack;
using MixConsole.Audio.Null;
using MixConsole.Audio.Realtime;
using MixConsole.Audio.Soundcheck;
using MixConsole.Audio.Wav;
using MixConsole.Host.Cli;

namespace MixConsole.Host.Serve;

/// <summary>The audio backends <c>mixconsole serve --audio NAME</c> knows, and how to make one.</summary>
internal static class AudioBackends
{
    public const string Null = "null";
    public const string Alsa = "alsa";
    public const string Jack = "jack";
    public const string Wav = "wav";

    public static IReadOnlyList<string> Names { get; } = [Alsa, Jack, Wav, Null];

    /// <summary>
    /// Opens the backend <paramref name="settings"/> name with its device options, a hardware profile's
    /// devices, maps and period when one is given, and the console's channel counts otherwise.
    /// </summary>
    /// <exception cref="UsageException">The name is not a known backend.</exception>
    /// <exception cref="UserFacingException">The device cannot be used (one line saying why).</exception>
    public static LiveAudioBackend Create(ServeSettings settings, int consoleInputs, int consoleOutputs)
    {
        ArgumentNullException.ThrowIfNull(settings);
        IAudioBackend backend = settings.Audio switch
        {
            Alsa => new AlsaBackend(),
            Jack => new JackBackend(),
            Wav => new WavBackend(),
            Null => new NullBackend(),
            _ => throw new UsageException($"--audio '{settings.Audio}' is not a backend here; available: {string.Join(", ", Names)}"),
        };
        SoundcheckRecorder? recorder = null;
        try
        {
            var options = Options(settings, consoleInputs, consoleOutputs);
            var format = backend.Open(options);
            if (settings.LiveAudio.RecordPath is { } record)
            {
                if (format.ChannelsIn == 0) throw new AudioBackendException("--record needs inputs, but this backend has none open");
                // Room for the longest period any backend runs, so a JACK buffer-size change needs nothing from the recorder.
                recorder = new SoundcheckRecorder(record, format.ChannelsIn, format.SampleRateHz, Math.Max(format.PeriodFrames, AudioBackendOptions.MaxPeriodFrames));
            }
            return new LiveAudioBackend(backend, format, recorder);
        }
        catch (Exception e) when (e is AudioBackendException or IOException or UnauthorizedAccessException)
        {
            backend.Dispose();
            recorder?.Dispose();
            throw new UserFacingException(e.Message);
        }
    }

    private static AudioBackendOptions Options(ServeSettings settings, int consoleInputs, int consoleOutputs)
    {
        var live = settings.LiveAudio;
        var options = new AudioBackendOptions
        {
            ChannelsIn = consoleInputs,
            ChannelsOut = consoleOutputs,
            SampleRateHz = (int)settings.SampleRateHz,
            PeriodFrames = settings.BlockFrames,
            Periods = 2,
            Realtime = new RealtimeOptions(live.RealtimePriority, live.LockMemory, LowLatencyGc: true),
        };
        if (live.Hardware is { } hw)
        {
            // The profile's own card must have both sides it needs: fail here in one line, not at the first read.
            if (settings.Audio == Alsa && live.Device is null && live.CaptureDevice is null) hw.CheckCard();
            options = settings.Audio == Alsa
                ? hw.ToOptions(options)
                : options with { ChannelsIn = hw.ChannelsIn, ChannelsOut = hw.ChannelsOut, SampleRateHz = hw.SampleRateHz, PeriodFrames = hw.PeriodFrames, Periods = hw.Periods };
        }
        if (settings.Audio == Wav && live.InputPath is { } input && (live.ChannelsIn is null || !live.RateGiven))
        {
            // Follow the file unless told otherwise: its channel count and rate become the console's.
            using var probe = WavInputSource.Open(input, options.PeriodFrames);
            options = options with
            {
                ChannelsIn = live.ChannelsIn ?? probe.Channels,
                SampleRateHz = live.RateGiven ? options.SampleRateHz : probe.SampleRateHz,
            };
        }
        options = options with
        {
            Device = live.Device ?? options.Device,
            CaptureDevice = live.CaptureDevice ?? options.CaptureDevice,
            ChannelsIn = live.ChannelsIn ?? options.ChannelsIn,
            ChannelsOut = live.ChannelsOut ?? options.ChannelsOut,
            PeriodFrames = live.PeriodFrames ?? options.PeriodFrames,
            Periods = live.Periods ?? options.Periods,
            SampleRateHz = live.RateGiven ? (int)settings.SampleRateHz : options.SampleRateHz,
            InputPath = live.InputPath,
            OutputPath = live.OutputPath,
            Paced = !live.Fast,
            JackServerName = live.JackServer,
        };
        // --duration counts audio, not wall-clock time: a fast wav run stops after exactly that much sound.
        if (settings.Duration is { } d) options = options with { MaxFrames = Math.Max(1, (long)Math.Round(d.TotalSeconds * options.SampleRateHz)) };
        if (options.DeviceChannelsIn is int di && di < options.ChannelsIn) options = options with { DeviceChannelsIn = null, InputChannelMap = null, EmptyCaptureSlots = null };
        if (options.DeviceChannelsOut is int dout && dout < options.ChannelsOut) options = options with { DeviceChannelsOut = null, OutputChannelMap = null };
        if (options.InputChannelMap is { } im && im.Count != options.ChannelsIn) options = options with { InputChannelMap = null, EmptyCaptureSlots = null };
        if (options.OutputChannelMap is { } om && om.Count != options.ChannelsOut) options = options with { OutputChannelMap = null };
        return options;
    }
}
