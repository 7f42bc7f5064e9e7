using MixConsole.Host.Cli;

namespace MixConsole.Host.Serve;

/// <summary>The audio backends <c>mixconsole serve --audio NAME</c> knows, and how to make one.</summary>
internal static class AudioBackends
{
    public const string Null = "null";

    public static IReadOnlyList<string> Names { get; } = [Null];

    /// <exception cref="UsageException">The name is not a known backend.</exception>
    public static IAudioBackend Create(string name, double sampleRateHz, int blockFrames, int inputChannels, int outputChannels) => name switch
    {
        Null => new NullAudioBackend(sampleRateHz, blockFrames, inputChannels, outputChannels),
        _ => throw new UsageException($"--audio '{name}' is not a backend here; available: {string.Join(", ", Names)}"),
    };
}
