namespace MixConsole.Host.Serve;

/// <summary>What <c>mixconsole serve</c> runs: the whole console, or the standalone stereo mastering box.</summary>
internal enum ServeMode
{
    /// <summary>Channel strips, buses and main; the master chain is installed but starts bypassed (a fresh console is transparent).</summary>
    Console,

    /// <summary>Stereo in → master chain → stereo out, with loudness-matched A/B and presets.</summary>
    Mastering,
}
