namespace MixConsole.SurfaceSim.Cli;

/// <summary>A mistake in the command line; the message says what to type instead.</summary>
public sealed class UsageException(string message) : Exception(message);
