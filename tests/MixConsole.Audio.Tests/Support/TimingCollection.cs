namespace MixConsole.Audio.Tests.Support;

/// <summary>
/// Tests that watch the real clock (a paced backend against CLOCK_MONOTONIC, a jackd's callback rate) run here:
/// xunit runs this collection after the others and never beside them. Their bounds hold on a loaded machine
/// anyway: they wait for counts, and only bound what load cannot cause (running ahead of real time).
/// Every test with a JACK client runs here too: its callback rate is the server's clock, and a jackd on a loaded
/// machine xruns more with other tests beside it. (Stopping a client under collections is safe: see JackStopTests.)
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Timing";
}
