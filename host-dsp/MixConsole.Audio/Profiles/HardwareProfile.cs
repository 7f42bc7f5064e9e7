using MixConsole.Audio.Alsa;
using MixConsole.Audio.Backends;

namespace MixConsole.Audio.Profiles;

/// <summary>
/// One machine the console runs on (hardware/pi/profiles/NAME.json): the config.txt lines that
/// make the codec appear, the ALSA devices, how device slots map to console channels, and the
/// recommended period.
/// </summary>
public sealed record HardwareProfile
{
    /// <summary>Placeholder device meaning "the first USB audio card".</summary>
    public const string FirstUsbCard = "usb";

    /// <summary>Profile name (the file name without .json).</summary>
    public required string Name { get; init; }

    /// <summary>One line saying what it is.</summary>
    public string Description { get; init; } = "";

    /// <summary>The board, e.g. "Raspberry Pi 4 Model B".</summary>
    public string Board { get; init; } = "";

    /// <summary>The codec and how it is wired.</summary>
    public string Codec { get; init; } = "";

    /// <summary>Lines for /boot/firmware/config.txt (dtparam/dtoverlay).</summary>
    public IReadOnlyList<string> ConfigTxt { get; init; } = [];

    /// <summary>ALSA card id the overlay creates.</summary>
    public string AlsaCard { get; init; } = "";

    /// <summary>ALSA playback PCM ("usb" = the first USB card).</summary>
    public required string PlaybackDevice { get; init; }

    /// <summary>ALSA capture PCM ("usb" = the first USB card).</summary>
    public required string CaptureDevice { get; init; }

    /// <summary>Channels (slots) the capture device is opened with.</summary>
    public int DeviceChannelsIn { get; init; }

    /// <summary>Channels (slots) the playback device is opened with.</summary>
    public int DeviceChannelsOut { get; init; }

    /// <summary>Console inputs.</summary>
    public int ChannelsIn { get; init; }

    /// <summary>Console outputs.</summary>
    public int ChannelsOut { get; init; }

    /// <summary>Device slot (0-based) feeding each console input.</summary>
    public IReadOnlyList<int>? InputMap { get; init; }

    /// <summary>Device slot (0-based) each console output plays on.</summary>
    public IReadOnlyList<int>? OutputMap { get; init; }

    /// <summary>
    /// Capture slots (0-based) that carry no converter and read zero (a TDM frame wider than the codec's ADCs);
    /// the ALSA backend finds the frame's rotation from them at each start and after each recovery.
    /// </summary>
    public IReadOnlyList<int>? EmptyCaptureSlots { get; init; }

    /// <summary>Names printed on the panel for each input.</summary>
    public IReadOnlyList<string> InputNames { get; init; } = [];

    /// <summary>Names printed on the panel for each output.</summary>
    public IReadOnlyList<string> OutputNames { get; init; } = [];

    /// <summary>
    /// CPUs the audio thread is pinned to (sched_setaffinity), e.g. [3] with isolcpus=3 on the kernel command line and
    /// CPUAffinity=0-2 for the rest of the process in the systemd unit; empty = not pinned.
    /// </summary>
    public IReadOnlyList<int> AudioCpus { get; init; } = [];

    /// <summary>BCM GPIOs the audio HAT takes (I2S clocks and data lanes, clock selects, resets): the Pi panel keeps off them.</summary>
    public IReadOnlyList<int> GpioPins { get; init; } = [];

    /// <summary>7-bit addresses the HAT's devices answer on I2C-1: the Pi panel's devices must not share them.</summary>
    public IReadOnlyList<int> I2cAddresses { get; init; } = [];

    /// <summary>Sample rate.</summary>
    public int SampleRateHz { get; init; } = 48_000;

    /// <summary>Recommended period in frames.</summary>
    public int PeriodFrames { get; init; } = 32;

    /// <summary>Recommended periods per buffer.</summary>
    public int Periods { get; init; } = 2;

    /// <summary>Preferred ALSA sample format name (others are still tried after it).</summary>
    public string SampleFormat { get; init; } = "S32_LE";

    /// <summary>Practical notes.</summary>
    public string Notes { get; init; } = "";

    /// <summary>
    /// The backend options this profile asks for, on top of <paramref name="baseOptions"/>
    /// (command-line values the caller has already applied win only where the caller re-applies them).
    /// "usb" devices resolve to the first USB card; without one, one clear line.
    /// </summary>
    public AudioBackendOptions ToOptions(AudioBackendOptions baseOptions)
    {
        ArgumentNullException.ThrowIfNull(baseOptions);
        var formats = new List<AudioSampleFormat>();
        if (AudioSampleFormatExtensions.TryParseAlsaName(SampleFormat, out var preferred)) formats.Add(preferred);
        foreach (var f in baseOptions.FormatPreference)
            if (!formats.Contains(f)) formats.Add(f);
        return baseOptions with
        {
            Device = Resolve(PlaybackDevice),
            CaptureDevice = Resolve(CaptureDevice),
            ChannelsIn = ChannelsIn,
            ChannelsOut = ChannelsOut,
            DeviceChannelsIn = DeviceChannelsIn > 0 ? DeviceChannelsIn : null,
            DeviceChannelsOut = DeviceChannelsOut > 0 ? DeviceChannelsOut : null,
            InputChannelMap = InputMap,
            OutputChannelMap = OutputMap,
            EmptyCaptureSlots = EmptyCaptureSlots,
            SampleRateHz = SampleRateHz,
            PeriodFrames = PeriodFrames,
            Periods = Periods,
            Formats = formats,
            Realtime = AudioCpus.Count == 0 ? baseOptions.Realtime : baseOptions.Realtime with { CpuAffinity = AudioCpus },
        };
    }

    /// <summary>
    /// Checks that the profile's card is present with both the playback and the capture side it needs, from the
    /// kernel's files under <paramref name="procAsound"/> (/proc/asound: the card id links to cardN, which holds
    /// pcm0p and pcm0c). Profiles without a fixed card id (USB) pass.
    /// </summary>
    /// <exception cref="AudioBackendException">One line naming what is missing and the config.txt lines that make it.</exception>
    public void CheckCard(string procAsound = AlsaDevices.ProcAsound)
    {
        if (string.IsNullOrEmpty(AlsaCard) || string.Equals(AlsaCard, FirstUsbCard, StringComparison.OrdinalIgnoreCase)) return;
        string lines = ConfigTxt.Count == 0 ? "" : $"; /boot/firmware/config.txt needs, under [all]: {string.Join(", ", ConfigTxt)} (then reboot)";
        var streams = AlsaDevices.CardStreams(AlsaCard, procAsound);
        if (!streams.Present)
            throw new AudioBackendException($"profile {Name}: no sound card '{AlsaCard}' for '{PlaybackDevice}' ({AlsaDevices.DescribeCards(procAsound)}){lines}");
        bool needPlayback = ChannelsOut > 0, needCapture = ChannelsIn > 0;
        if ((needPlayback && !streams.Playback) || (needCapture && !streams.Capture))
        {
            string missing = needPlayback && !streams.Playback ? (needCapture && !streams.Capture ? "neither playback nor capture" : "no playback") : "no capture";
            string has = streams.Playback ? "playback only" : streams.Capture ? "capture only" : "no PCM at all";
            throw new AudioBackendException($"profile {Name}: card '{AlsaCard}' has {missing} ({has}), the profile needs {ChannelsIn} in / {ChannelsOut} out{lines} and nothing else on the same sound node");
        }
    }

    private string Resolve(string device)
    {
        if (!string.Equals(device, FirstUsbCard, StringComparison.OrdinalIgnoreCase)) return device;
        var card = AlsaDevices.FirstUsbCard()
            ?? throw new AudioBackendException($"profile {Name}: no USB audio interface found ({AlsaDevices.DescribeAvailable()})");
        return card.HwName;
    }
}
