namespace MixConsole.Host.Tests;

/// <summary>
/// Tests that watch the real clock (a jackd's callback rate) run here: xunit runs this collection after the others
/// and never beside them. Their bounds hold on a loaded machine anyway: they wait for counts, and only bound what
/// load cannot cause (running ahead of real time). Tests with a JACK client belong here too: a jackd's callback rate
/// is the real clock.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Timing";
}
