using System.Globalization;
using System.Net;
using MixConsole.Control.Security;
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

    public string Usage => "mixconsole serve [--audio null] [--osc-port 10023] [--bind ADDR] [--allow CIDR]... [--pair-key FILE] [--serial DEV --baud 921600] [--scene FILE] [--profile NAME] [--duration S]";

    public string Description => """
        Runs the mixer engine on an audio thread and serves its parameter table over OSC on UDP port 10023,
        speaking the X32 remote protocol: set (/ch/01/mix/fader ,f 0.75), query (the path with no argument),
        /xremote (10 s of every change made by anyone; renew every ~9 s), /info, /status, /node ,s ch/01/mix,
        and /meters/0 (channels post-fader, buses, main), /meters/1 (per channel: pre, post, gate gain,
        compressor gain), /meters/2 (buses, main) as little-endian blobs every 50 ms for 10 s.
        host-dsp/ADDRESS-SPACE.md lists every path.

        --audio null (the only backend for now) runs the engine with silent inputs, paced by the system
        clock, so controllers have a console to talk to without a sound card.

        Access: loopback is always allowed; by default so are the subnets this host has an address on;
        --allow replaces the subnets with the networks you name. --pair-key FILE (at least 16 bytes) makes
        clients prove the key (HMAC-SHA256 over /auth/challenge) before their changes count. Every client is
        rate limited; refusals are counted and logged once per client.

        Example: mixconsole serve --allow 192.168.1.0/24 --serial /dev/ttyAMA0 --scene show.json
        Then:    oscsend 127.0.0.1 10023 /ch/01/mix/fader f 0.75
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("audio", "NAME", $"audio backend: {string.Join(", ", AudioBackends.Names)} (default null)"),
        new("rate", "HZ", "sample rate (default 48000)"),
        new("block", "FRAMES", "frames per block (default 32)"),
        new("osc-port", "PORT", "UDP port for OSC (default 10023)"),
        new("bind", "ADDR", "address to listen on (default 0.0.0.0; :: for IPv4 and IPv6)"),
        new("allow", "CIDR", "network allowed besides loopback, repeatable (default: this host's subnets)"),
        new("pair-key", "FILE", "require pairing with the key in FILE (raw bytes, at least 16)"),
        new("serial", "DEV", "also serve SLIP-framed OSC on a serial device, e.g. /dev/ttyAMA0"),
        new("baud", "BPS", "serial speed (default 921600)"),
        new("scene", "FILE", "load a scene (JSON) before serving"),
        new("profile", "NAME", $"console size: {string.Join(", ", ConsoleConfig.ProfileNames)} (default default)"),
        new("duration", "S", "stop after S seconds (default: run until Ctrl-C)"),
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
        ConsoleConfig config;
        try
        {
            config = ConsoleConfig.FromProfile(profile);
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
            BlockFrames = args.GetInt("block", 32, 1, 8192),
            OscPort = args.GetInt("osc-port", 10023, 0, 65535),
            Bind = ParseBind(args.Get("bind")),
            Allow = ParseAllow(args.GetAll("allow")),
            PairKey = ReadPairKey(args.Get("pair-key")),
            SerialDevice = args.Get("serial"),
            Baud = ParseBaud(args),
            SceneFile = args.Get("scene"),
            Duration = ParseDuration(args),
            Config = config,
            ProfileName = profile,
            MaxSubscribers = args.GetInt("max-subscribers", 64, 1, 4096),
            RateLimitPerSecond = args.GetInt("rate-limit", 2000, 1, 10_000_000),
        };

        if (!AudioBackends.Names.Contains(settings.Audio))
        {
            throw new UsageException($"--audio '{settings.Audio}' is not a backend here; available: {string.Join(", ", AudioBackends.Names)}");
        }

        return ServeSession.Run(settings, context);
    }

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
