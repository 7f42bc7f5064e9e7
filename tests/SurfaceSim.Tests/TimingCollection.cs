namespace MixConsole.SurfaceSim.Tests;

/// <summary>
/// Tests that run against the real clock (the simulator and `mixconsole serve` as real-time processes) run here:
/// xunit runs this collection after the others and never beside them. Their limits hold on a loaded machine
/// anyway: they wait for what they expect, and a limit only decides how long a broken run takes to fail.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Timing";
}
