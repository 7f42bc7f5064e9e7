namespace MixConsole.Store;

/// <summary>What an imported show holds.</summary>
/// <param name="Scenes">Scene slots in the file.</param>
/// <param name="ConsoleValues">Console values off their defaults.</param>
/// <param name="Current">The current scene, if any.</param>
public sealed record ShowSummary(int Scenes, int ConsoleValues, int? Current);
