using MixConsole.Dsp.Core;

namespace MixConsole.Dsp.Tests.Core;

public class SnapshotExchangeTests
{
    private sealed class Snapshot
    {
        public readonly long[] Values = new long[64];
    }

    [Fact]
    public void Exchange_TakesOnlyTheNewestPublish_AndNothingTwice()
    {
        var exchange = new SnapshotExchange<Snapshot>(() => new Snapshot());
        Assert.False(exchange.TryTakeNewest(out _));
        for (long v = 1; v <= 3; v++)
        {
            Array.Fill(exchange.Back.Values, v);
            exchange.Publish();
        }

        Assert.True(exchange.TryTakeNewest(out var taken));
        Assert.All(taken.Values, v => Assert.Equal(3, v));
        Assert.False(exchange.TryTakeNewest(out var again));
        Assert.Same(taken, again);
        Assert.Equal(3, exchange.Published);
    }

    [Fact]
    public void Exchange_TwoThreads_ConsumerNeverSeesAHalfWrittenSnapshot()
    {
        var exchange = new SnapshotExchange<Snapshot>(() => new Snapshot());
        const long publishes = 200_000;
        var producer = new Thread(() =>
        {
            for (long v = 1; v <= publishes; v++)
            {
                long[] values = exchange.Back.Values;
                for (int i = 0; i < values.Length; i++) values[i] = v;
                exchange.Publish();
            }
        });
        producer.Start();
        long last = 0, torn = 0, taken = 0;
        while (last < publishes)
        {
            if (!exchange.TryTakeNewest(out var snapshot)) continue;
            taken++;
            long first = snapshot.Values[0];
            foreach (long v in snapshot.Values) if (v != first) torn++;
            Assert.True(first > last, $"went back from {last} to {first}");
            last = first;
        }

        producer.Join();
        Assert.Equal(0, torn);
        Assert.True(taken > 0);
    }

    [Fact]
    public void Exchange_PublishAndTake_AllocateNothing()
    {
        var exchange = new SnapshotExchange<Snapshot>(() => new Snapshot());
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            exchange.Publish();
            exchange.TryTakeNewest(out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
