using MixConsole.Control.Security;
using MixConsole.Control.Transport;

namespace MixConsole.Control.Tests.Security;

public class ClientRateLimiterTests
{
    private static OscPeer Peer(uint host, ushort port = 10023) => OscPeer.FromIPv4(0xC0A80100 | host, port);

    [Fact]
    public void Burst_IsAllowed_ThenRefused_ThenRefillsAtTheRate()
    {
        var time = new FakeTime();
        var limiter = new ClientRateLimiter(messagesPerSecond: 100, burstMessages: 10, maxClients: 8, time);
        for (int i = 0; i < 10; i++)
        {
            Assert.True(limiter.TryAcquire(Peer(5)), $"message {i} of the burst");
        }

        Assert.False(limiter.TryAcquire(Peer(5)));
        time.Advance(TimeSpan.FromMilliseconds(50)); // 5 tokens
        int allowed = 0;
        for (int i = 0; i < 10; i++)
        {
            allowed += limiter.TryAcquire(Peer(5)) ? 1 : 0;
        }

        Assert.Equal(5, allowed);
    }

    [Fact]
    public void Clients_HaveSeparateBuckets_ButPortsOfOneHostShareOne()
    {
        var time = new FakeTime();
        var limiter = new ClientRateLimiter(10, 2, 8, time);
        Assert.True(limiter.TryAcquire(Peer(1, 1000)));
        Assert.True(limiter.TryAcquire(Peer(1, 2000)));
        Assert.False(limiter.TryAcquire(Peer(1, 3000)));
        Assert.True(limiter.TryAcquire(Peer(2)));
    }

    [Fact]
    public void SpoofedFlood_CannotGrowTheTable_AndEvictsLeastRecentlySeen()
    {
        var time = new FakeTime();
        var limiter = new ClientRateLimiter(10, 2, maxClients: 64, time);
        OscPeer regular = Peer(250);
        Assert.True(limiter.TryAcquire(regular));
        Assert.True(limiter.TryAcquire(regular));
        Assert.False(limiter.TryAcquire(regular)); // empty bucket, remembered

        // A collection first: this thread then holds no half-used allocation context, whose unused rest (up to 8 KB) a
        // collection started by another thread can bill to it as "allocated" on a busy machine.
        GC.Collect(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (uint source = 0; source < 100_000; source++)
        {
            limiter.TryAcquire(OscPeer.FromIPv4(0x0A000000 | source, 1));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(64, limiter.TrackedClients);
        Assert.Equal(100_000 + 1 - 64, limiter.Evictions);
    }

    [Fact]
    public void RecentlySeenClient_SurvivesEvictionOfOlderOnes()
    {
        var time = new FakeTime();
        var limiter = new ClientRateLimiter(1, 1, maxClients: 3, time);
        Assert.True(limiter.TryAcquire(Peer(1)));
        Assert.True(limiter.TryAcquire(Peer(2)));
        Assert.True(limiter.TryAcquire(Peer(3)));
        Assert.False(limiter.TryAcquire(Peer(1))); // touches 1: now 2 is the oldest
        Assert.True(limiter.TryAcquire(Peer(4))); // evicts 2
        Assert.False(limiter.TryAcquire(Peer(1))); // 1 still remembered with an empty bucket
        Assert.True(limiter.TryAcquire(Peer(2))); // 2 was forgotten: a fresh bucket
    }
}
