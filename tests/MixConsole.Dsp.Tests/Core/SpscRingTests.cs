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
        // 7,800 laps of the 64-slot ring: reader and writer meet at the wrap, full and empty, thousands of times.
        const long count = 500_000;
        // Each side yields when it must wait: on a loaded machine the two threads may share one core, and a side
        // that only spins holds it for a whole time slice while the other cannot move (minutes instead of seconds).
        var producer = new Thread(() =>
        {
            var wait = default(SpinWait);
            for (long i = 0; i < count;)
                if (ring.TryWrite(i)) i++;
                else wait.SpinOnce(sleep1Threshold: -1);
        });
        producer.Start();
        long expected = 0;
        var idle = default(SpinWait);
        while (expected < count)
        {
            if (ring.TryRead(out long v))
            {
                Assert.Equal(expected, v);
                expected++;
            }
            else
            {
                idle.SpinOnce(sleep1Threshold: -1);
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
        for (int i = 0; i < 100; i++) { ring.TryWrite(block); ring.Read(sink); }
        // A collection first: this thread then holds no half-used allocation context, whose unused rest (up to 8 KB) a
        // collection started by another thread can bill to it as "allocated" on a busy machine.
        GC.Collect(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) { ring.TryWrite(block); ring.Read(sink); ring.TryWrite(1f); ring.TryRead(out _); }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
