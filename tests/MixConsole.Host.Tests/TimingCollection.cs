namespace MixConsole.Host.Tests;

/// <summary>
/// Tests that watch the real clock (a jackd's callback rate) run here: xunit runs this collection after the others
/// and never beside them. Their bounds hold on a loaded machine anyway: they wait for counts, and only bound what
/// load cannot cause (running ahead of real time). Tests with a JACK client belong here for a second reason: a
/// client stopping while another test's garbage collection runs can hang the process (libjack cancels its process
/// thread on deactivate; see the audio tests' TimingCollection).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Timing";
}
