using MixConsole.Audio.Realtime;

namespace MixConsole.Audio.Backends;

/// <summary>
/// Everything a backend may be asked for. Each backend reads the fields that concern it and
/// reports what it actually negotiated in <see cref="AudioFormatInfo"/>.
/// </summary>
public sealed record AudioBackendOptions
{
    /// <summary>Lowest sample rate a live backend accepts.</summary>
    public const int MinSampleRateHz = 44_100;

    /// <summary>Highest sample rate a live backend accepts.</summary>
    public const int MaxSampleRateHz = 192_000;

    /// <summary>Shortest period in frames.</summary>
    public const int MinPeriodFrames = 16;

    /// <summary>Longest period in frames.</summary>
    public const int MaxPeriodFrames = 1024;

    /// <summary>Most channels each way.</summary>
    public const int MaxChannels = 32;

    /// <summary>ALSA playback PCM ("hw:CARD=sndrpihifiberry", "plughw:1", a name from <see cref="AlsaConfig"/>); JACK: unused.</summary>
    public string? Device { get; init; }

    /// <summary>ALSA capture PCM; null uses <see cref="Device"/>.</summary>
    public string? CaptureDevice { get; init; }

    /// <summary>Console inputs (0 = no capture: the callback sees one silent channel).</summary>
    public int ChannelsIn { get; init; } = 2;

    /// <summary>Console outputs (0 = no playback: output is discarded).</summary>
    public int ChannelsOut { get; init; } = 2;

    /// <summary>
    /// Channels the capture device is opened with when it has more slots than the console uses
    /// (a TDM codec with 8 slots and 6 ADCs); null = <see cref="ChannelsIn"/>.
    /// </summary>
    public int? DeviceChannelsIn { get; init; }

    /// <summary>Channels the playback device is opened with; null = <see cref="ChannelsOut"/>.</summary>
    public int? DeviceChannelsOut { get; init; }

    /// <summary>Device channel (0-based) feeding each console input; null = identity.</summary>
    public IReadOnlyList<int>? InputChannelMap { get; init; }

    /// <summary>Device channel (0-based) each console output plays on; null = identity. Unmapped device channels play silence.</summary>
    public IReadOnlyList<int>? OutputChannelMap { get; init; }

    /// <summary>
    /// ALSA: capture slots (0-based) that carry no converter and read zero. The backend mutes the inputs for
    /// <see cref="AlignmentFrames"/> frames at each start and after each recovery while it finds from them how
    /// far the frame is rotated, then shifts <see cref="InputChannelMap"/> by that; null = trust the map.
    /// </summary>
    public IReadOnlyList<int>? EmptyCaptureSlots { get; init; }

    /// <summary>Frames watched to find the slot alignment (see <see cref="EmptyCaptureSlots"/>).</summary>
    public int AlignmentFrames { get; init; } = 2_048;

    /// <summary>Sample rate in hertz.</summary>
    public int SampleRateHz { get; init; } = 48_000;

    /// <summary>Frames per period (the callback's block size).</summary>
    public int PeriodFrames { get; init; } = 128;

    /// <summary>Periods in the device buffer (2-4): the playback queue, hence the latency.</summary>
    public int Periods { get; init; } = 2;

    /// <summary>Sample formats to try, in order; null = S32, S24 packed, S16, float.</summary>
    public IReadOnlyList<AudioSampleFormat>? Formats { get; init; }

    /// <summary>ALSA configuration text loaded in memory (snd_config_load) instead of the system's; PCM names are looked up in it.</summary>
    public string? AlsaConfig { get; init; }

    /// <summary>wav backend: a multichannel WAV file, or a folder of mono/stereo stems taken in name order.</summary>
    public string? InputPath { get; init; }

    /// <summary>wav backend: where the outputs are recorded (null = discarded).</summary>
    public string? OutputPath { get; init; }

    /// <summary>wav and null backends: true paces periods in real time by the system clock; false runs as fast as possible.</summary>
    public bool Paced { get; init; } = true;

    /// <summary>JACK server name (jackd -n NAME); null = the default server (or JACK_DEFAULT_SERVER).</summary>
    public string? JackServerName { get; init; }

    /// <summary>JACK client name.</summary>
    public string JackClientName { get; init; } = "mixconsole";

    /// <summary>JACK: connect the ports to the server's physical ports in order.</summary>
    public bool JackAutoConnect { get; init; } = true;

    /// <summary>Stop by itself after this many frames have been processed (null = run until stopped).</summary>
    public long? MaxFrames { get; init; }

    /// <summary>Scheduling of the audio thread.</summary>
    public RealtimeOptions Realtime { get; init; } = new();

    /// <summary>The formats to try, defaulted.</summary>
    public IReadOnlyList<AudioSampleFormat> FormatPreference =>
        Formats ?? [AudioSampleFormat.S32, AudioSampleFormat.S24Packed, AudioSampleFormat.S16, AudioSampleFormat.Float32];

    /// <summary>Throws <see cref="AudioBackendException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (ChannelsIn is < 0 or > MaxChannels)
            throw new AudioBackendException($"input channels must be 0-{MaxChannels}, got {ChannelsIn}");
        if (ChannelsOut is < 0 or > MaxChannels)
            throw new AudioBackendException($"output channels must be 0-{MaxChannels}, got {ChannelsOut}");
        if (ChannelsIn == 0 && ChannelsOut == 0)
            throw new AudioBackendException("nothing to open: both input and output channels are 0");
        if (SampleRateHz is < MinSampleRateHz or > MaxSampleRateHz)
            throw new AudioBackendException($"sample rate must be {MinSampleRateHz}-{MaxSampleRateHz} Hz, got {SampleRateHz}");
        if (PeriodFrames is < MinPeriodFrames or > MaxPeriodFrames)
            throw new AudioBackendException($"period must be {MinPeriodFrames}-{MaxPeriodFrames} frames, got {PeriodFrames}");
        if (Periods is < 2 or > 4)
            throw new AudioBackendException($"periods must be 2-4, got {Periods}");
        if (MaxFrames is <= 0)
            throw new AudioBackendException($"duration must be positive, got {MaxFrames} frames");
        CheckMap(InputChannelMap, ChannelsIn, DeviceChannelsIn ?? ChannelsIn, "input");
        CheckMap(OutputChannelMap, ChannelsOut, DeviceChannelsOut ?? ChannelsOut, "output");
        if (EmptyCaptureSlots is { } empty)
        {
            int slots = DeviceChannelsIn ?? ChannelsIn;
            foreach (int e in empty)
            {
                if (e < 0 || e >= slots) throw new AudioBackendException($"empty capture slot {e + 1} is outside the device's {slots} slots");
                if (InputChannelMap?.Contains(e) ?? e < ChannelsIn) throw new AudioBackendException($"capture slot {e + 1} is both empty and mapped to an input");
            }
            if (empty.Count == 0 || AlignmentFrames <= 0) throw new AudioBackendException("empty capture slots need at least one slot and a positive alignment window");
        }
        if (DeviceChannelsIn is int di && (di < ChannelsIn || di > 64))
            throw new AudioBackendException($"capture device channels ({di}) must be at least the console inputs ({ChannelsIn}) and at most 64");
        if (DeviceChannelsOut is int dout && (dout < ChannelsOut || dout > 64))
            throw new AudioBackendException($"playback device channels ({dout}) must be at least the console outputs ({ChannelsOut}) and at most 64");
    }

    private static void CheckMap(IReadOnlyList<int>? map, int consoleChannels, int deviceChannels, string what)
    {
        if (map is null) return;
        if (map.Count != consoleChannels)
            throw new AudioBackendException($"{what} channel map has {map.Count} entries for {consoleChannels} channels");
        foreach (int d in map)
        {
            if (d < 0 || d >= deviceChannels)
                throw new AudioBackendException($"{what} channel map names device channel {d + 1}, the device has {deviceChannels}");
        }
    }
}
