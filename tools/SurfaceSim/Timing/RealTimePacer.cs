using System.Diagnostics;

namespace MixConsole.SurfaceSim.Timing;

/// <summary>
/// Keeps the surface's virtual millisecond clock on the wall clock: after each scan it sleeps until the next
/// scan's real-time slot. Sleeping has ~1 ms granularity here, so a scan may run up to 1 ms before its slot
/// (scans then come in pairs); after a pause (GC, a busy machine) scans run back to back until caught up, so the
/// average is exactly 1 kHz and the surface's timers (debounce, /xremote renewal, link timeout) stay real.
/// </summary>
public sealed class RealTimePacer
{
    private long _startTicks = Stopwatch.GetTimestamp();
    private long _startVirtualMs;

    /// <summary>Starts pacing with virtual time <paramref name="virtualNowMs"/> at this instant.</summary>
    public RealTimePacer(long virtualNowMs)
    {
        _startVirtualMs = virtualNowMs;
    }

    /// <summary>Ties virtual time <paramref name="virtualNowMs"/> to this instant and forgets the lag so far (the surface starts now).</summary>
    public void Restart(long virtualNowMs)
    {
        _startTicks = Stopwatch.GetTimestamp();
        _startVirtualMs = virtualNowMs;
        MaxLagMs = 0;
        LateScans = 0;
    }

    /// <summary>Largest lag of a scan behind its slot so far, ms.</summary>
    public double MaxLagMs { get; private set; }

    /// <summary>Scans that ran more than 5 ms behind their slot.</summary>
    public long LateScans { get; private set; }

    /// <summary>Wall time since start, ms.</summary>
    public double ElapsedMs => Stopwatch.GetElapsedTime(_startTicks).TotalMilliseconds;

    /// <summary>Records the lag of the scan at <paramref name="virtualNowMs"/>, then sleeps until the next scan's slot.</summary>
    public void AfterScan(long virtualNowMs)
    {
        double slot = virtualNowMs - _startVirtualMs;
        double lag = ElapsedMs - slot;
        if (lag > MaxLagMs)
        {
            MaxLagMs = lag;
        }

        if (lag > 5)
        {
            LateScans++;
        }

        double next = slot + 1;
        while (next - ElapsedMs > 1.0)
        {
            Thread.Sleep(1);
        }
    }
}
