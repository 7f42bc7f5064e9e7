using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MixConsole.Audio.Alsa;
using MixConsole.Control.Meters;
using MixConsole.Control.Security;
using MixConsole.Control.Server;
using MixConsole.Control.Transport;
using MixConsole.Engine.Compiler;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Parameters;
using MixConsole.Host.Cli;
using MixConsole.Host.Scenes;
using MixConsole.Store;
using MixConsole.Panel;
using MixConsole.Web;

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
        bool mastering = settings.Mode == ServeMode.Mastering;
        using var state = ConsoleState.Open(settings.StateDir, Log);
        bool restoring = state.HasSavedState;
        // The mode's starting point (console: chain bypassed, so a fresh console is transparent; mastering: chain
        // on, preset) is the default that restored state and a scene then override where they say otherwise.
        string? preset = settings.Preset ?? (mastering && !restoring ? MasteringPresets.Transparent : null);
        var presetValues = PresetValues(preset, state.MasterPresets, settings.StateDir);
        ApplyModeDefaults(store, mastering, presetValues, named: null);
        state.Restore(store);
        if (restoring) ApplyModeDefaults(store, mastering, settings.Preset is null ? [] : presetValues, named: null, bypassInConsole: false);
        if (settings.SceneFile is not null)
        {
            HashSet<string> named = LoadScene(store, settings.SceneFile);
            ApplyModeDefaults(store, mastering, presetValues, named);
        }

        var engine = new MixerEngine(store);
        // Live, parameters are compiled on a control thread; the audio thread only takes snapshots.
        var masterChain = new LiveMasterChain(store) { ZeroLatencyBypass = !mastering };
        using var compiler = new ConsoleCompilerThread(engine, masterChain: masterChain);
        using LiveAudioBackend audio = mastering
            ? AudioBackends.Create(settings, 2, 2)
            : AudioBackends.Create(settings, settings.Config.Channels, MixerOutputs.Total(settings.Config.Buses));
        if (mastering && (audio.InputChannels != 2 || audio.OutputChannels is not (2 or 4)))
        {
            throw new UserFacingException(
                $"--mode mastering is stereo in, stereo out; the audio has {audio.InputChannels} in and {audio.OutputChannels} out (give a stereo input, or --channels-in 2 --channels-out 2; --channels-out 4 adds the monitor, with /master/preview, on outputs 3-4)");
        }

        engine.Prepare(audio.SampleRateHz, audio.BlockFrames, audio.InputChannels, audio.OutputChannels);
        AudioBlockHandler process;
        PeriodChangeHandler followPeriod;
        MasterLoudness? loudness = null;
        MasterRecorder? recorder = null;
        if (mastering)
        {
            var routing = new MasteringRouting(masterChain, audio.SampleRateHz, audio.BlockFrames);
            loudness = new MasterLoudness(routing.Tap);
            routing.FollowPreview(store);
            string recordings = settings.RecordingsDir ?? Path.Combine(settings.StateDir ?? ".", "recordings");
            routing.Recorder = recorder = new MasterRecorder(audio.SampleRateHz, recordings, store, Log);
            process = routing.Process;
            followPeriod = routing.TryPrepareForPeriod;
        }
        else
        {
            engine.SetMasterChain(masterChain);
            compiler.Start();
            process = engine.Process;
            followPeriod = EnginePeriod.Follower(engine, compiler, audio.SampleRateHz, audio.BlockFrames, audio.InputChannels, audio.OutputChannels);
        }

        var allowlist = new AccessAllowlist(AccessAllowlist.Loopback.Concat(settings.Allow ?? AccessAllowlist.LocalSubnets()).Distinct());
        PairingAuthenticator? pairing = settings.PairKey is null ? null : new PairingAuthenticator(settings.PairKey, TimeSpan.FromHours(12));
        var access = new AccessController(
            allowlist, new ClientRateLimiter(settings.RateLimitPerSecond, 2 * settings.RateLimitPerSecond, 1024), pairing, Log);

        var options = new OscServerOptions
        {
            MaxSubscribers = settings.MaxSubscribers,
            MaxMeterStreams = settings.MaxSubscribers,
            AdvertisedAddress = AdvertisedAddress(settings.Bind),
            StatusNote = () => state.StatusNote,
        };
        if (settings.IdentifyAs is { } model && ConsoleIdentity.TryParse(model, options.Version, out ConsoleIdentity identity))
        {
            options = options with { Identity = identity };
        }

        // The mastering box runs no strips: its meters are the chain's, drained from the output tap with the loudness.
        IMeterSource meterSource = loudness is null
            ? new MixerMeterSource(engine.Meters)
            : new MasteringMeterSource(loudness, settings.Config.Channels, settings.Config.Buses);
        using var server = new OscServer(store, options, access, meterSource, log: Log);
        // The web console is one more OSC link and meter listener: the same store, access rules and meters.
        using WebConsole? web = settings.HttpPort == 0 ? null
            : new WebConsole(store, meterSource.Layout, new WebConsoleOptions { Bind = settings.Bind, Port = settings.HttpPort, SampleRateHz = audio.SampleRateHz, PairKey = settings.PairKey }, access, Log, server);
        if (web is not null)
        {
            server.AddTransport(web.Transport);
            server.AddMeterListener(web.Meters);
        }

        if (loudness is not null)
        {
            // Queried on receive threads, fed from the output tap on every control step.
            var loudnessCommands = new MasterLoudnessCommands(loudness);
            server.AddCommandHandler(loudnessCommands);
            server.AddMeterListener(loudnessCommands);
        }

        if (recorder is not null) server.AddCommandHandler(new MasterRecordCommands(recorder));

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
        using PiPanel? panel = PanelStartup.TryOpen(settings, server, output);
        using var sceneFade = new SceneFadeThread(new ParameterGlide(store));
        if (settings.StateDir is not null) server.AddCommandHandler(new SceneOscCommands(() => state.Scenes, store, sceneFade, Log) { Server = server });
        server.AddCommandHandler(new MasterOscCommands(store, () => state.MasterPresets, Log));
        server.AddCommandHandler(new ClearSoloCommand(store));
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
        Exception? audioFault = null;
        var audioThread = new Thread(() =>
        {
            try
            {
                audio.Run(process, followPeriod, stop.Token);
                stop.Cancel();
            }
            catch (Exception e)
            {
                audioFault = e;
                stop.Cancel();
            }
        })
        { Name = "audio", IsBackground = true, Priority = ThreadPriority.Highest };

        EngineWarmUp.Run(settings.Config, audio.SampleRateHz, audio.BlockFrames, audio.InputChannels, audio.OutputChannels);
        state.Start();
        server.Start();
        panel?.Start();
        string? webLine = web is null ? null : StartWeb(web, options.AdvertisedAddress);
        var status = new ServeStatus(audio, server, output);
        audioThread.Start();
        if (settings.Duration is { } duration)
        {
            // The backend stops itself after that much audio; the clock is only a backstop, armed once the audio
            // runs (warming up the engine is not audio, and takes seconds on a busy machine).
            stop.CancelAfter(duration + TimeSpan.FromSeconds(5));
        }

        var inv = CultureInfo.InvariantCulture;
        var config = settings.Config;
        output.WriteLine($"mixconsole serve: console '{settings.ProfileName}' ({config.Channels} channels, {config.Buses} buses, {config.FxSlots} effect slots, {store.Count} parameters)");
        output.WriteLine($"audio   {audio.Description}");
        // The chain's own latency: a bypassed console chain reports 0 until it is switched in.
        double chainMs = masterChain.Chain.LatencyFrames * 1000.0 / audio.SampleRateHz;
        output.WriteLine(mastering
            ? string.Create(inv, $"mode    mastering: inputs 1-2 -> master chain -> outputs 1-2{(audio.OutputChannels >= 4 ? " (print), 3-4 (monitor, /master/preview)" : "")}, preset {preset ?? "none (restored state)"}, master chain adds {masterChain.Chain.LatencyFrames} frames ({chainMs:0.00} ms)")
            : string.Create(inv, $"mode    console: master chain {(store.GetReal(store.Table.IndexOf("/master/bypass")) != 0 ? "bypassed (/master/bypass 1)" : "active")}{(preset is null ? "" : $", preset {preset}")}, adds {masterChain.Chain.LatencyFrames} frames ({chainMs:0.00} ms) when in use"));
        foreach (IOscTransport transport in server.Transports)
        {
            if (transport != web?.Transport) output.WriteLine($"osc     listening on {transport.Name}");
        }

        if (webLine is not null) output.WriteLine(webLine);

        if (state.Warning is { } storeWarning) output.WriteLine(storeWarning);
        output.WriteLine($"allow   {string.Join(", ", allowlist.Networks)}{(pairing is null ? "" : "; changes need pairing (/auth/challenge, /auth/response)")}");
        output.WriteLine(string.Create(inv, $"limits  {settings.MaxSubscribers} subscribers, {settings.RateLimitPerSecond:0} messages/s per client"));
        output.WriteLine(settings.Duration is { } d ? string.Create(inv, $"running for {d.TotalSeconds:0.###} s") : "running; Ctrl-C stops");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan nextStatus = settings.StatusInterval ?? TimeSpan.MaxValue;
        TimeSpan UntilNext() => settings.StatusInterval is null ? Timeout.InfiniteTimeSpan : TimeSpan.FromTicks(Math.Max(0, nextStatus.Ticks - clock.Elapsed.Ticks));
        while (!stop.Token.WaitHandle.WaitOne(UntilNext()))
        {
            if (clock.Elapsed >= nextStatus)
            {
                status.WriteStatus();
                // A damaged or missing store is repeated with every status line, not said once and scrolled away.
                if (state.Warning is { } warning) output.WriteLine(warning);
                nextStatus += settings.StatusInterval!.Value;
            }
        }

        audioThread.Join(TimeSpan.FromSeconds(6));
        // After the audio: what the ring still holds goes into the recording before it closes.
        recorder?.Dispose();
        if (recorder?.Path is { } recorded) output.WriteLine($"recorded {recorded}");

        OscServerCounters c = server.Counters;
        output.WriteLine(string.Create(inv,
            $"stopped: {audio.BlocksProcessed} blocks processed, {audio.BlocksLate} late; {c.Packets} packets, {c.ParametersSet} sets, {c.QueriesAnswered} answers, {c.EchoesSent} echoes, {c.MeterPacketsSent} meter blobs, {c.MalformedPackets} malformed, {c.RefusedMessages} refused"));
        var live = audio.Backend;
        output.WriteLine(string.Create(inv,
            $"audio   {live.FramesProcessed} frames, {live.Xruns} xruns, {live.Suspends} suspends{(live is AlsaBackend alsa ? $" ({alsa.Resyncs} ridden through, {alsa.Restarts} restarts; capture slots rotated {alsa.SlotRotation}, {alsa.SlotRealignments} realignments, {alsa.AlignmentsUnverified} unverified)" : "")}{(audio.Recorder is { } r ? $"; recorded {r.CapturedFrames} frames, {r.DroppedFrames} dropped" : "")}"));
        loudness?.Update();
        if (loudness is not null) output.WriteLine($"loudness {loudness.FramesMetered} frames metered, {loudness.FramesLost} lost");
        output.WriteLine(status.Summary());
        if (audioFault is not null)
        {
            throw new UserFacingException($"audio stopped: {audioFault.GetType().Name}: {audioFault.Message}");
        }

        return 0;
    }

    // The web console is a second screen: a port already taken says so and the console runs on without it.
    private static string StartWeb(WebConsole web, string advertisedHost)
    {
        try
        {
            web.StartAsync(advertisedHost).GetAwaiter().GetResult();
            return $"web     {web.Address}";
        }
        catch (IOException e)
        {
            return $"web     off: cannot listen on tcp {web.Transport.Name[4..]}: {e.Message}";
        }
    }

    /// <summary>
    /// Loads the scene and returns the parameter paths it names (the rest of the mix went back to defaults; console
    /// state such as the strip selection, restored by --state, is left alone).
    /// </summary>
    private static HashSet<string> LoadScene(ParameterStore store, string path)
    {
        try
        {
            string json = File.ReadAllText(path);
            SceneFile.Load(store, json);
            var named = new HashSet<string>(StringComparer.Ordinal);
            using var document = System.Text.Json.JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("parameters", out var parameters)
                && parameters.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                foreach (var property in parameters.EnumerateObject()) named.Add(property.Name);
            }

            return named;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SceneFormatException or System.Text.Json.JsonException)
        {
            throw new UserFacingException($"cannot load scene {path}: {e.Message}");
        }
    }

    /// <summary>
    /// Sets what the mode starts from, leaving alone every path in <paramref name="named"/>: console mode bypasses
    /// the master chain (when <paramref name="bypassInConsole"/>), mastering mode runs it on A; then the preset.
    /// </summary>
    private static void ApplyModeDefaults(ParameterStore store, bool mastering, IReadOnlyList<(string Path, float Value)> preset, HashSet<string>? named, bool bypassInConsole = true)
    {
        if (named is null || !named.Contains("/master/bypass"))
        {
            if (mastering || bypassInConsole) store.TrySetInt(store.Table.IndexOf("/master/bypass"), mastering ? 0 : 1);
        }

        if (mastering && (named is null || !named.Contains("/master/ab"))) store.TrySetInt(store.Table.IndexOf("/master/ab"), 0);
        foreach (var (path, value) in preset)
        {
            if ((named is null || !named.Contains(path)) && store.Table.TryGetIndex(path, out int index)) store.TrySetReal(index, value);
        }
    }

    /// <summary>
    /// The /master values of <paramref name="name"/> for slot A: a built-in preset, else a user preset saved in the store
    /// (as <c>/master/preset ,s NAME</c> finds them); none for no preset. An unknown name stops serve with a clear line.
    /// </summary>
    private static IReadOnlyList<(string Path, float Value)> PresetValues(string? name, MasterPresetStore? user, string? stateDir)
    {
        if (name is null) return [];
        if (MasteringPresets.Exists(name)) return MasteringPresets.Values(name);
        if (user is not null && user.TryGet(name, out Dictionary<string, float> leaves))
            return [.. leaves.Select(l => (ParameterPaths.Master + l.Key, l.Value))];
        string saved = user is null ? "the store could not be opened" : $"saved there: {(user.List() is { Count: > 0 } list ? string.Join(", ", list.Select(p => p.Name)) : "none")}";
        throw new UserFacingException($"--preset '{name}' is neither a built-in preset ({string.Join(", ", MasteringPresets.Names)}) nor a user preset in {stateDir} ({saved})");
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
