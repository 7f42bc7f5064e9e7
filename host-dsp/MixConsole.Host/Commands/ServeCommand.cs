using System.Globalization;
using System.Net;
using MixConsole.Audio.Backends;
using MixConsole.Audio.Profiles;
using MixConsole.Control.Security;
using MixConsole.Control.Server;
using MixConsole.Control.Transport;
using MixConsole.Engine.Configuration;
using MixConsole.Host.Cli;
using MixConsole.Host.Serve;

namespace MixConsole.Host.Commands;

/// <summary><c>mixconsole serve</c>: runs the console and lets controllers reach it over OSC.</summary>
internal sealed class ServeCommand : ICommand
{
    public string Name => "serve";

    public string Summary => "run the console: mixer engine plus the X32-style OSC server (UDP, optional SLIP serial)";

    public string Usage => "mixconsole serve [--mode console|mastering] [--preset NAME] [--audio alsa|jack|wav|null] [--device PCM] [--capture-device PCM] [--channels-in N] [--channels-out N] [--rate R] [--period F] [--periods K] [--input FILE|DIR] [--output FILE] [--record FILE] [--recordings DIR] [--state DIR] [--osc-port 10023] [--http-port 8080] [--identify-as X32|M32] [--bind ADDR] [--allow CIDR]... [--pair-key FILE] [--serial DEV --baud 921600] [--scene FILE] [--panel PROFILE | --panel-config FILE] [--profile NAME] [--duration S] [--status S]";

    public string Description => """
        Runs the mixer engine on an audio thread and serves its parameter table over OSC on UDP port 10023,
        speaking the X32 remote protocol: set (/ch/01/mix/fader ,f 0.75), query (the path with no argument),
        /xremote (10 s of every change made by anyone; renew every ~9 s), /info, /xinfo, /status (--identify-as X32 answers as an X32 on fw 4.06), /node ,s ch/01/mix,
        /subscribe, /formatsubscribe, /batchsubscribe, /renew, /unsubscribe, and /meters/0 (70: channels,
        aux, effect returns, buses, matrices), /meters/1 (96: channels pre-fader, gate and compressor gains),
        /meters/2 (49: buses, matrices, mains, their gains) in the X32's layouts as little-endian blobs every
        50 ms x time factor for 10 s.
        host-dsp/ADDRESS-SPACE.md lists every path.

        --audio alsa drives a sound card through libasound (any PCM name: hw:CARD=..., plughw:..., a plugin),
        capture and playback linked on one clock; --audio jack joins a running JACK server (one port per
        channel); --audio wav reads a multichannel WAV or a folder of stems (--input) and records the outputs
        (--output), in real time or --fast; --audio null runs with silent inputs paced by the system clock, so
        controllers have a console to talk to without a sound card. At start it prints the negotiated format,
        period and the latency the I/O adds. --profile names a console size or a hardware profile from
        hardware/pi/profiles (pi4-cs42448, pi5-hifiberry-dac8x-adc8x, usb-generic): devices, channel map and
        period come from it, options given here override it. --record FILE keeps every input in one WAV
        (virtual soundcheck; play it back later with --audio wav --input FILE). mixconsole devices lists
        what exists.

        Access: loopback is always allowed; by default so are the subnets this host has an address on;
        --allow replaces the subnets with the networks you name. --pair-key FILE (at least 16 bytes) makes
        clients prove the key (HMAC-SHA256 over /auth/challenge) before their changes count. Every client is
        rate limited; refusals are counted and logged once per client.

        --mode console (default) runs the whole console; its master chain is installed but starts bypassed
        (/master/bypass 1), so a freshly started console is transparent. --mode mastering is the standalone
        mastering box: stereo in (inputs 1-2 straight into the master chain, no console strips), stereo out,
        chain active, --preset applied (default transparent) to setting A; /master/ab 1 plays setting B
        (/master/b/...) loudness-matched to A, /master/bypass 1 the unprocessed input. Over OSC:
        /master/preset ,s NAME recalls a preset crossfaded, /master/preset/save ,s NAME keeps the setting
        in play as a user preset (with --state), /master/copy ,s AB copies A onto B.
        With --channels-out 4, outputs 3-4 are the monitor: the print (outputs 1-2) heard through
        /master/preview (off, phone, earbuds, laptop, car, club, mono, side), switched click-free; the print
        never passes through the preview. /master/record ,i 1 starts recording the print to --recordings DIR
        on the box (32-bit float WAV, the settings in use beside it as JSON), ,i 0 stops; a full disk stops it
        with a warning, never a glitch.

        --panel PROFILE runs the rack box's own knobs and display (hardware/pi/panel/PROFILE.json, e.g.
        mastering-box: encoders on GPIO, buttons on an MCP23017, pots on an ADS1115, an SSD1306) with the
        surface logic the ESP32 surfaces run; --panel-config FILE names a wiring file of your own. A wiring
        mistake or a device that does not answer turns the panel off with one warning; the console runs on.

        Example: mixconsole serve --allow 192.168.1.0/24 --serial /dev/ttyAMA0 --scene show.json
        Then:    oscsend 127.0.0.1 10023 /ch/01/mix/fader f 0.75
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("mode", "MODE", "console (default: master chain starts bypassed) or mastering (stereo in, master chain, stereo out)"),
        new("preset", "NAME", $"mastering preset applied at start: {string.Join(", ", MasteringPresets.Names)}, or a user preset saved in the --state store (mastering default: transparent)"),
        new("audio", "NAME", $"audio backend: {string.Join(", ", AudioBackends.Names)} (default null)"),
        new("device", "PCM", "ALSA playback PCM, e.g. hw:CARD=sndrpihifiberry,DEV=0 (default: the profile's, else 'default')"),
        new("capture-device", "PCM", "ALSA capture PCM (default: same as --device)"),
        new("channels-in", "N", "inputs to open, 0-32 (default: the profile's, the WAV's, else the console's channels)"),
        new("channels-out", "N", "outputs to open, 0-32 (default: the profile's, else main, buses, mono and solo)"),
        new("rate", "HZ", "sample rate (default 48000, or the profile's or input WAV's)"),
        new("period", "FRAMES", "frames per period, 16-1024 (default: the profile's, else 32)"),
        new("block", "FRAMES", "same as --period"),
        new("periods", "K", "periods in the device buffer, 2-4 (default 2): latency = periods x period"),
        new("input", "FILE", "wav backend: a multichannel WAV or a folder of mono/stereo stems"),
        new("output", "FILE", "wav backend: record the outputs to this WAV (32-bit float)"),
        new("fast", null, "wav and null backends: run as fast as possible instead of in real time"),
        new("jack-server", "NAME", "JACK server name (jackd -n NAME; default: the default server)"),
        new("rt-priority", "N", "SCHED_FIFO priority of the audio thread, 0 for normal scheduling (default 70)"),
        new("no-mlock", null, "do not lock memory (mlockall)"),
        new("record", "FILE", "record every input to one WAV (virtual soundcheck; RF64 past 4 GiB)"),
        new("recordings", "DIR", "mastering mode: folder for /master/record ,i 1 / 0 (the print as 32-bit float WAV, its settings beside it as JSON); default DIR/recordings under --state, else ./recordings"),
        new("state", "DIR", "keep the console in DIR/console.db (SQLite): the live state (restored at start, written within 0.5 s of a change) and 100 scene slots; an older DIR/state.json is imported once"),
        new("osc-port", "PORT", "UDP port for OSC (default 10023)"),
        new("identify-as", "MODEL", "model /info, /xinfo and /status report: X32 or M32 (fw 4.06) for apps that check it (default: MixConsole)"),
        new("http-port", "PORT", "TCP port of the web console (default 8080; 0 turns it off)"),
        new("bind", "ADDR", "address to listen on (default 0.0.0.0; :: for IPv4 and IPv6)"),
        new("allow", "CIDR", "network allowed besides loopback, repeatable (default: this host's subnets)"),
        new("pair-key", "FILE", "require pairing with the key in FILE (raw bytes, at least 16)"),
        new("serial", "DEV", "also serve SLIP-framed OSC on a serial device, e.g. /dev/ttyAMA0"),
        new("baud", "BPS", "serial speed (default 921600)"),
        new("scene", "FILE", "load a scene (JSON) before serving: the mix; the strip selection is left as it is"),
        new("panel", "PROFILE", "run the Pi panel wired as hardware/pi/panel/PROFILE.json (mastering-box)"),
        new("panel-config", "FILE", "run the Pi panel wired as FILE (see hardware/pi/panel/README.md)"),
        new("profile", "NAME", $"console size ({string.Join(", ", ConsoleConfig.ProfileNames)}) and/or hardware profile ({string.Join(", ", HardwareProfiles.Names())})"),
        new("duration", "S", "stop after S seconds (default: run until Ctrl-C)"),
        new("status", "S", "print a status line (audio, control traffic, garbage collections) every S seconds; 0 never (default 60)"),
        new("max-subscribers", "N", "most /xremote subscribers and most meter streams (default 64)"),
        new("rate-limit", "N", "messages per second per client (default 2000, bursts of twice that)"),
    ];

    public int Run(ParsedArgs args, CommandContext context)
    {
        if (args.Positionals.Count > 0)
        {
            throw new UsageException($"unexpected argument '{args.Positionals[0]}'");
        }

        string profile = args.Get("profile") ?? ConsoleConfig.DefaultProfileName;
        HardwareProfile? hardware = FindHardware(profile);
        ConsoleConfig config;
        try
        {
            config = hardware is not null && !ConsoleConfig.ProfileNames.Contains(profile, StringComparer.OrdinalIgnoreCase)
                ? ConsoleConfig.Default
                : ConsoleConfig.FromProfile(profile);
        }
        catch (Exception e) when (e is ConsoleConfigException or ArgumentException or KeyNotFoundException)
        {
            throw new UsageException($"--profile: {e.Message}");
        }

        double rate = args.GetDouble("rate", 48000);
        if (rate < 8000 || rate > 384000)
        {
            throw new UsageException($"--rate must be 8000..384000 Hz, got {rate}");
        }

        var settings = new ServeSettings
        {
            Audio = args.Get("audio") ?? AudioBackends.Null,
            SampleRateHz = rate,
            BlockFrames = args.GetInt("period", args.GetInt("block", 32, 1, 8192), 1, 8192),
            OscPort = args.GetInt("osc-port", 10023, 0, 65535),
            HttpPort = args.GetInt("http-port", 8080, 0, 65535),
            Bind = ParseBind(args.Get("bind")),
            Allow = ParseAllow(args.GetAll("allow")),
            PairKey = ReadPairKey(args.Get("pair-key")),
            SerialDevice = args.Get("serial"),
            Baud = ParseBaud(args),
            SceneFile = args.Get("scene"),
            Duration = ParseDuration(args),
            StatusInterval = ParseStatus(args),
            Config = config,
            ProfileName = profile,
            MaxSubscribers = args.GetInt("max-subscribers", 64, 1, 4096),
            RateLimitPerSecond = args.GetInt("rate-limit", 2000, 1, 10_000_000),
            LiveAudio = LiveAudioOptions(args, hardware),
            StateDir = args.Get("state"),
            RecordingsDir = args.Get("recordings"),
            Mode = ParseMode(args.Get("mode")),
            Preset = ParsePreset(args.Get("preset"), args.Has("state")),
            IdentifyAs = ParseIdentity(args.Get("identify-as")),
            PanelConfigPath = PanelStartup.ConfigPath(args.Get("panel"), args.Get("panel-config")),
        };

        if (!AudioBackends.Names.Contains(settings.Audio))
        {
            throw new UsageException($"--audio '{settings.Audio}' is not a backend here; available: {string.Join(", ", AudioBackends.Names)}");
        }

        return ServeSession.Run(settings, context);
    }

    private static ServeMode ParseMode(string? text) => text?.ToLowerInvariant() switch
    {
        null or "console" => ServeMode.Console,
        "mastering" => ServeMode.Mastering,
        _ => throw new UsageException($"--mode must be console or mastering, got '{text}'"),
    };

    private static string? ParseIdentity(string? text)
    {
        if (text is null || ConsoleIdentity.TryParse(text, "0", out _)) return text;
        throw new UsageException($"--identify-as must be one of {string.Join(", ", ConsoleIdentity.Names)}, got '{text}'");
    }

    // A built-in name in any case; any other name is a user preset, looked up in the --state store at start.
    private static string? ParsePreset(string? text, bool withStore)
    {
        if (text is null || MasteringPresets.Exists(text)) return text?.ToLowerInvariant();
        if (withStore) return text;
        throw new UsageException($"--preset '{text}' is not a built-in preset (available: {string.Join(", ", MasteringPresets.Names)}); user presets need --state DIR");
    }

    internal static HardwareProfile? FindHardware(string profile)
    {
        if (!HardwareProfiles.Names().Contains(profile, StringComparer.OrdinalIgnoreCase) && !profile.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return HardwareProfiles.Find(profile);
        }
        catch (AudioBackendException e)
        {
            throw new UserFacingException(e.Message);
        }
    }

    internal static LiveAudioSettings LiveAudioOptions(ParsedArgs args, HardwareProfile? hardware) => new()
    {
        Device = args.Get("device"),
        CaptureDevice = args.Get("capture-device"),
        ChannelsIn = args.Has("channels-in") ? args.GetInt("channels-in", 0, 0, 32) : null,
        ChannelsOut = args.Has("channels-out") ? args.GetInt("channels-out", 0, 0, 32) : null,
        PeriodFrames = args.Has("period") || args.Has("block") ? args.GetInt("period", args.GetInt("block", 32, 16, 1024), 16, 1024) : null,
        Periods = args.Has("periods") ? args.GetInt("periods", 2, 2, 4) : null,
        RateGiven = args.Has("rate"),
        InputPath = args.Get("input"),
        OutputPath = args.Get("output"),
        Fast = args.Has("fast"),
        JackServer = args.Get("jack-server"),
        RealtimePriority = args.GetInt("rt-priority", 70, 0, 99),
        LockMemory = !args.Has("no-mlock"),
        RecordPath = args.Get("record"),
        Hardware = hardware,
    };

    private static IPAddress ParseBind(string? text)
    {
        if (text is null)
        {
            return IPAddress.Any;
        }

        return IPAddress.TryParse(text, out IPAddress? address) ? address : throw new UsageException($"--bind expects an IP address, got '{text}'");
    }

    private static List<CidrNetwork>? ParseAllow(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0)
        {
            return null;
        }

        var networks = new List<CidrNetwork>();
        foreach (string text in texts)
        {
            if (!CidrNetwork.TryParse(text, out CidrNetwork network))
            {
                throw new UsageException($"--allow expects a network such as 192.168.1.0/24 or fd00::/8, got '{text}'");
            }

            networks.Add(network);
        }

        return networks;
    }

    private static byte[]? ReadPairKey(string? path)
    {
        if (path is null)
        {
            return null;
        }

        byte[] key;
        try
        {
            key = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserFacingException($"cannot read pair key {path}: {e.Message}");
        }

        if (key.Length < PairingAuthenticator.MinKeyBytes)
        {
            throw new UserFacingException($"pair key {path} has {key.Length} bytes; at least {PairingAuthenticator.MinKeyBytes} are needed (e.g. head -c 32 /dev/urandom > {path})");
        }

        return key;
    }

    private static int ParseBaud(ParsedArgs args)
    {
        int baud = args.GetInt("baud", 921600, 1);
        if (!SerialOscTransport.TryGetSpeedCode(baud, out _))
        {
            throw new UsageException($"--baud {baud} is not a standard serial speed; use one of {string.Join(", ", SerialOscTransport.SupportedBaudRates)}");
        }

        return baud;
    }

    private static TimeSpan? ParseStatus(ParsedArgs args)
    {
        double seconds = args.GetDouble("status", 60);
        if (seconds < 0 || seconds > 24 * 3600)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--status must be 0 (never) to 86400 seconds, got {seconds}"));
        }

        return seconds == 0 ? null : TimeSpan.FromSeconds(seconds);
    }

    private static TimeSpan? ParseDuration(ParsedArgs args)
    {
        if (!args.Has("duration"))
        {
            return null;
        }

        double seconds = args.GetDouble("duration", 0);
        if (seconds <= 0 || seconds > 365 * 24 * 3600)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--duration must be above 0 seconds, got {seconds}"));
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
