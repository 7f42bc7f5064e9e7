using System.Diagnostics;
using MixConsole.Audio.Backends;

namespace MixConsole.Audio.Tests.Backends;

/// <summary>The callback-time histogram: exact worst, percentiles to the microsecond bin, nothing allocated.</summary>
public sealed class CallbackTimesTests
{
    private static long Ticks(double microseconds) => (long)Math.Round(microseconds * Stopwatch.Frequency / 1e6);

    [Fact]
    public void Percentiles_LandInTheMicrosecondOfTheNthCallback_AndTheWorstIsExact()
    {
        var times = new CallbackTimes();
        Assert.Equal(0, times.PercentileMicroseconds(0.999));
        // 1,000 callbacks: 998 of 10.5 us, one of 300.5 us, one of 25,000 us (past the last bin).
        for (int i = 0; i < 998; i++) times.Add(Ticks(10.5));
        times.Add(Ticks(300.5));
        times.Add(Ticks(25_000));
        Assert.Equal(1000, times.Count);
        Assert.Equal(25_000, times.WorstMicroseconds, 0.01);
        Assert.Equal(11, times.PercentileMicroseconds(0.5));
        Assert.Equal(11, times.PercentileMicroseconds(0.998));
        Assert.Equal(301, times.PercentileMicroseconds(0.999));
        // The last bin holds everything longer; its percentile is the worst, not the bin's edge.
        Assert.Equal(25_000, times.PercentileMicroseconds(1), 0.01);
    }

    [Fact]
    public void AddingAndReading_AllocateNothing()
    {
        var times = new CallbackTimes();
        long t = Ticks(42);
        double sink = 0;
        var result = Allocations.Measure(() =>
        {
            times.Add(t);
            sink += times.PercentileMicroseconds(0.999) + times.WorstMicroseconds;
        }, calls: 2_000, warmupCalls: 200);
        Assert.True(result.Bytes == 0, result.ToString());
        Assert.True(sink > 0);
    }
}
