namespace MixConsole.Audio.Tests.Support;

/// <summary>
/// Tests that watch the real clock (a paced backend against CLOCK_MONOTONIC, a jackd's callback rate) run here:
/// xunit runs this collection after the others and never beside them. Their bounds hold on a loaded machine
/// anyway: they wait for counts, and only bound what load cannot cause (running ahead of real time).
/// Every test with a JACK client runs here too: libjack cancels its process thread on deactivate, and a
/// cancellation that lands while that thread waits for a garbage collection (started by a test running beside
/// it) leaves a runtime lock held and hangs the process; alone, nothing else starts a collection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Timing";
}
