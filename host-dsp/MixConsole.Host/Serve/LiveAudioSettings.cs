using MixConsole.Audio.Profiles;

namespace MixConsole.Host.Serve;

/// <summary>What <c>serve</c> was asked for about audio I/O, before a backend negotiates it.</summary>
internal sealed record LiveAudioSettings
{
    public string? Device { get; init; }

    public string? CaptureDevice { get; init; }

    /// <summary>Console inputs; null = the hardware profile's, else the console's channel count.</summary>
    public int? ChannelsIn { get; init; }

    /// <summary>Console outputs; null = the hardware profile's, else main + buses + mono + solo.</summary>
    public int? ChannelsOut { get; init; }

    /// <summary>Frames per period; null = the profile's, else the --block default.</summary>
    public int? PeriodFrames { get; init; }

    public int? Periods { get; init; }

    /// <summary>True when --rate was given (a profile's rate yields to it).</summary>
    public bool RateGiven { get; init; }

    public string? InputPath { get; init; }

    public string? OutputPath { get; init; }

    /// <summary>wav backend: run as fast as possible instead of in real time.</summary>
    public bool Fast { get; init; }

    public string? JackServer { get; init; }

    /// <summary>SCHED_FIFO priority for the audio thread (0 = normal scheduling).</summary>
    public int RealtimePriority { get; init; } = 70;

    /// <summary>Lock memory (mlockall) when the limits allow it.</summary>
    public bool LockMemory { get; init; } = true;

    /// <summary>Record every input to this WAV (virtual soundcheck).</summary>
    public string? RecordPath { get; init; }

    public HardwareProfile? Hardware { get; init; }
}
