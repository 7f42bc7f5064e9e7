using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MixConsole.Control.Meters;
using MixConsole.Control.Security;
using MixConsole.Control.Server;
using MixConsole.Control.Transport;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Parameters;
using MixConsole.Host.Cli;

namespace MixConsole.Host.Serve;

/// <summary>
/// A running console: parameter store, mixer engine on an audio thread driven by the chosen backend, OSC
/// server on UDP (and serial) with access control. Runs until cancelled or for the requested duration.
/// </summary>
internal static class ServeSession
{
    public static int Run(ServeSettings settings, CommandContext context)
    {
        TextWriter output = TextWriter.Synchronized(context.Out);
        TextWriter errors = TextWriter.Synchronized(context.Err);
        void Log(string line) => errors.WriteLine(line);

        var store = new ParameterStore(ParameterTable.Create(settings.Config));
        if (settings.SceneFile is not null)
        {
            LoadScene(store, settings.SceneFile);
        }

        var engine = new MixerEngine(store);
        using IAudioBackend audio = AudioBackends.Create(
            settings.Audio, settings.SampleRateHz, settings.BlockFrames, settings.Config.Channels, MixerOutputs.Total(settings.Config.Buses));
        engine.Prepare(audio.SampleRateHz, audio.BlockFrames, audio.InputChannels, audio.OutputChannels);

        var allowlist = new AccessAllowlist(AccessAllowlist.Loopback.Concat(settings.Allow ?? AccessAllowlist.LocalSubnets()).Distinct());
        PairingAuthenticator? pairing = settings.PairKey is null ? null : new PairingAuthenticator(settings.PairKey, TimeSpan.FromHours(12));
        var access = new AccessController(
            allowlist, new ClientRateLimiter(settings.RateLimitPerSecond, 2 * settings.RateLimitPerSecond, 1024), pairing, Log);

        var options = new OscServerOptions
        {
            MaxSubscribers = settings.MaxSubscribers,
            MaxMeterStreams = settings.MaxSubscribers,
            AdvertisedAddress = AdvertisedAddress(settings.Bind),
        };

        using var server = new OscServer(store, options, access, new MixerMeterSource(engine.Meters), log: Log);
        UdpOscTransport udp;
        try
        {
            udp = new UdpOscTransport(new IPEndPoint(settings.Bind, settings.OscPort), Log);
        }
        catch (SocketException e)
        {
            throw new UserFacingException($"cannot listen on udp {settings.Bind}:{settings.OscPort}: {e.Message}");
        }

        server.AddTransport(udp);
        if (settings.SerialDevice is not null)
        {
            try
            {
                server.AddTransport(new SerialOscTransport(settings.SerialDevice, settings.Baud, log: Log));
            }
            catch (IOException e)
            {
                throw new UserFacingException($"cannot open {settings.SerialDevice}: {e.Message}");
            }
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        // systemd and service managers stop with SIGTERM: stop as cleanly as on Ctrl-C.
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                stop.Cancel();
            });
        if (settings.Duration is { } duration)
        {
            stop.CancelAfter(duration);
        }

        Exception? audioFault = null;
        var audioThread = new Thread(() =>
        {
            try
            {
                audio.Run(engine.Process, stop.Token);
            }
            catch (Exception e)
            {
                audioFault = e;
                stop.Cancel();
            }
        })
        { Name = "audio", IsBackground = true, Priority = ThreadPriority.Highest };

        server.Start();
        audioThread.Start();

        var inv = CultureInfo.InvariantCulture;
        var config = settings.Config;
        output.WriteLine($"mixconsole serve: console '{settings.ProfileName}' ({config.Channels} channels, {config.Buses} buses, {config.FxSlots} effect slots, {store.Count} parameters)");
        output.WriteLine($"audio   {audio.Description}");
        foreach (IOscTransport transport in server.Transports)
        {
            output.WriteLine($"osc     listening on {transport.Name}");
        }

        output.WriteLine($"allow   {string.Join(", ", allowlist.Networks)}{(pairing is null ? "" : "; changes need pairing (/auth/challenge, /auth/response)")}");
        output.WriteLine(string.Create(inv, $"limits  {settings.MaxSubscribers} subscribers, {settings.RateLimitPerSecond:0} messages/s per client"));
        output.WriteLine(settings.Duration is { } d ? string.Create(inv, $"running for {d.TotalSeconds:0.###} s") : "running; Ctrl-C stops");

        stop.Token.WaitHandle.WaitOne();
        audioThread.Join(TimeSpan.FromSeconds(2));

        OscServerCounters c = server.Counters;
        output.WriteLine(string.Create(inv,
            $"stopped: {audio.BlocksProcessed} blocks processed, {audio.BlocksLate} late; {c.Packets} packets, {c.ParametersSet} sets, {c.QueriesAnswered} answers, {c.EchoesSent} echoes, {c.MeterPacketsSent} meter blobs, {c.MalformedPackets} malformed, {c.RefusedMessages} refused"));
        if (audioFault is not null)
        {
            throw new UserFacingException($"audio stopped: {audioFault.GetType().Name}: {audioFault.Message}");
        }

        return 0;
    }

    private static void LoadScene(ParameterStore store, string path)
    {
        try
        {
            using FileStream file = File.OpenRead(path);
            SceneFile.Load(store, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SceneFormatException)
        {
            throw new UserFacingException($"cannot load scene {path}: {e.Message}");
        }
    }

    private static string AdvertisedAddress(IPAddress bind)
    {
        if (!bind.Equals(IPAddress.Any) && !bind.Equals(IPAddress.IPv6Any))
        {
            return bind.ToString();
        }

        foreach (var nic in System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces())
        {
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                if (unicast.Address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(unicast.Address))
                {
                    return unicast.Address.ToString();
                }
            }
        }

        return "127.0.0.1";
    }
}
