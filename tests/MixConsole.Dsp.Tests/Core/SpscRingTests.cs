using MixConsole.Dsp.Core;

namespace MixConsole.Dsp.Tests.Core;

public class SpscRingTests
{
    [Fact]
    public void Ring_RefusesWritesWhenFull_AndKeepsOrder()
    {
        var ring = new SpscRing<int>(4);
        for (int i = 0; i < 4; i++) Assert.True(ring.TryWrite(i));
        Assert.False(ring.TryWrite(99));
        Span<int> got = stackalloc int[8];
        Assert.Equal(4, ring.Read(got));
        Assert.Equal([0, 1, 2, 3], got[..4].ToArray());
        Assert.False(ring.TryRead(out _));
    }

    [Fact]
    public void Ring_SpanWrites_WrapAroundTheEnd()
    {
        var ring = new SpscRing<float>(8);
        Assert.True(ring.TryWrite([1f, 2f, 3f, 4f, 5f, 6f]));
        Span<float> tmp = stackalloc float[5];
        Assert.Equal(5, ring.Read(tmp));
        Assert.True(ring.TryWrite([7f, 8f, 9f, 10f, 11f, 12f, 13f]));
        Assert.False(ring.TryWrite([0f, 0f]));
        Span<float> rest = stackalloc float[16];
        int n = ring.Read(rest);
        Assert.Equal([6f, 7f, 8f, 9f, 10f, 11f, 12f, 13f], rest[..n].ToArray());
    }

    [Fact]
    public void Ring_TwoThreads_DeliverEveryItemOnceInOrder()
    {
        var ring = new SpscRing<long>(64);
        const long count = 2_000_000;
        var producer = new Thread(() =>
        {
            for (long i = 0; i < count;)
                if (ring.TryWrite(i)) i++;
                else Thread.SpinWait(10);
        });
        producer.Start();
        long expected = 0;
        while (expected < count)
        {
            if (ring.TryRead(out long v))
            {
                Assert.Equal(expected, v);
                expected++;
            }
        }
        producer.Join();
        Assert.Equal(0, ring.Count);
    }

    [Fact]
    public void Ring_WriteAndRead_AllocateNothing()
    {
        var ring = new SpscRing<float>(1024);
        var block = new float[32];
        var sink = new float[32];
        Allocations.AssertNone(() => { ring.TryWrite(block); ring.Read(sink); ring.TryWrite(1f); ring.TryRead(out _); },
            calls: 10_000, what: "SpscRing block and single-value writes and reads");
    }
}
