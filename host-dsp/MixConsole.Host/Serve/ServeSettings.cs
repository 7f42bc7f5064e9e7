using System.Net;
using MixConsole.Control.Security;
using MixConsole.Engine.Configuration;

namespace MixConsole.Host.Serve;

/// <summary>Everything <c>mixconsole serve</c> was asked for, checked.</summary>
internal sealed record ServeSettings
{
    public string Audio { get; init; } = AudioBackends.Null;

    public double SampleRateHz { get; init; } = 48000;

    public int BlockFrames { get; init; } = 32;

    public int OscPort { get; init; } = 10023;

    /// <summary>TCP port of the web console; 0 turns it off.</summary>
    public int HttpPort { get; init; } = 8080;

    public IPAddress Bind { get; init; } = IPAddress.Any;

    /// <summary>Networks allowed besides loopback; null means the host's own subnets.</summary>
    public IReadOnlyList<CidrNetwork>? Allow { get; init; }

    public byte[]? PairKey { get; init; }

    public string? SerialDevice { get; init; }

    public int Baud { get; init; } = 921600;

    public string? SceneFile { get; init; }

    public TimeSpan? Duration { get; init; }

    public ConsoleConfig Config { get; init; } = ConsoleConfig.Default;

    public string ProfileName { get; init; } = ConsoleConfig.DefaultProfileName;

    public int MaxSubscribers { get; init; } = 64;

    public double RateLimitPerSecond { get; init; } = 2000;

    /// <summary>Audio device options (device names, channels, period, files, hardware profile) for the chosen backend.</summary>
    public LiveAudioSettings LiveAudio { get; init; } = new();

    /// <summary>Folder where the console keeps its parameters between runs (loaded at start, saved every few seconds and at stop).</summary>
    public string? StateDir { get; init; }

    /// <summary>Console (default) or the standalone stereo mastering box.</summary>
    public ServeMode Mode { get; init; } = ServeMode.Console;

    /// <summary>How often a status line is printed (null: never).</summary>
    public TimeSpan? StatusInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Mastering preset to apply at start (null: none given).</summary>
    public string? Preset { get; init; }

    /// <summary>Folder for /master/record's recordings (mastering mode); null: DIR/recordings under --state, else ./recordings.</summary>
    public string? RecordingsDir { get; init; }

    /// <summary>The Pi panel's wiring file (--panel, --panel-config); null for no panel.</summary>
    public string? PanelConfigPath { get; init; }

    /// <summary>Opens the panel's GPIO and I2C devices (tests hand in doubles); null for the Pi's own.</summary>
    public Func<MixConsole.Panel.Config.PanelConfig, MixConsole.Panel.Hardware.PanelDevices>? PanelDevices { get; init; }

    /// <summary>Model the OSC server reports (--identify-as): null for this console's own name.</summary>
    public string? IdentifyAs { get; init; }
}
