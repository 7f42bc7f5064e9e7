namespace MixConsole.Control.Tests.Server;

/// <summary>
/// Tests that measure the whole process's managed memory run here: xunit runs this collection after the others,
/// never beside them, so another test's live server cannot be counted as a leak.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneInProcessCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "alone in the process";
}
