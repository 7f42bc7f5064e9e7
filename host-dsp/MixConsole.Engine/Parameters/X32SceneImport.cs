namespace MixConsole.Engine.Parameters;

/// <summary>What an X32 scene file brought: its name and notes, node lines and values read, and families skipped.</summary>
/// <param name="Name">The scene's name from the header.</param>
/// <param name="Notes">The scene's notes from the header.</param>
/// <param name="Nodes">Node lines applied.</param>
/// <param name="Values">Values set.</param>
/// <param name="Skipped">What did not come across, grouped by family.</param>
public sealed record X32SceneImport(string Name, string Notes, int Nodes, int Values, IReadOnlyList<SkippedFamily> Skipped);
