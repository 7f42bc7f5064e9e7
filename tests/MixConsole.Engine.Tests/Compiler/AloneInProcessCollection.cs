namespace MixConsole.Engine.Tests.Compiler;

/// <summary>
/// Tests that count the process's garbage collections run here: xunit runs this collection after the others,
/// never beside them, so another test's allocations cannot be counted.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneInProcessCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "alone in the process";
}
