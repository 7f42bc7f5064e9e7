using System.Diagnostics;
using System.Globalization;
using MixConsole.ControlSurface.Virtual;
using MixConsole.SurfaceSim.Timing;

namespace MixConsole.SurfaceSim.Measure;

/// <summary>
/// Times the fader desk's scan under full load (the firmware's <see cref="ScanWorkload"/>: 8 motor faders moved by
/// hand with ADC noise, 8 pan encoders turning, the 24 strip buttons pressed in turn, the host pushing values),
/// one scan per millisecond of real time or back to back. Each timed step includes the virtual hardware.
/// </summary>
public static class ScanMeasurement
{
    /// <summary>Runs for <paramref name="seconds"/> (of real time when <paramref name="paced"/>, else of simulated time).</summary>
    public static Result Run(double seconds, bool paced)
    {
        var load = new ScanWorkload();

        // Warm up past tiered compilation so the figures describe steady state.
        for (int i = 0; i < 5000; i++)
        {
            load.Step();
        }

        Thread.Sleep(300);
        for (int i = 0; i < 5000; i++)
        {
            load.Step();
        }

        int scans = (int)Math.Round(seconds * 1000);
        var ticks = new long[scans];
        var pacer = paced ? new RealTimePacer(load.Surface.Clock.NowMs) : null;
        int sentBefore = load.Surface.Engine.Link.PacketsSent;
        // A collection first: this thread then holds no half-used allocation context, whose unused rest (up to 8 KB) a
        // collection started by another thread can bill to it as "allocated" on a busy machine.
        GC.Collect(0);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long wallStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < scans; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            load.Step();
            ticks[i] = Stopwatch.GetTimestamp() - t0;
            pacer?.AfterScan(load.Surface.Clock.NowMs);
        }

        double wallSeconds = Stopwatch.GetElapsedTime(wallStart).TotalSeconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        int packets = load.Surface.Engine.Link.PacketsSent - sentBefore;
        Array.Sort(ticks);
        double us = 1e6 / Stopwatch.Frequency;
        double mean = 0;
        foreach (long t in ticks)
        {
            mean += t;
        }

        return new Result(
            scans,
            paced,
            wallSeconds,
            Percentile(ticks, 0.50) * us,
            Percentile(ticks, 0.99) * us,
            Percentile(ticks, 0.999) * us,
            ticks[^1] * us,
            mean / scans * us,
            allocated,
            packets * 1000.0 / scans,
            pacer?.MaxLagMs ?? 0);
    }

    private static double Percentile(long[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    /// <summary>Per-scan times in microseconds and what the loop did.</summary>
    public sealed record Result(
        int Scans,
        bool Paced,
        double WallSeconds,
        double P50Us,
        double P99Us,
        double P999Us,
        double MaxUs,
        double MeanUs,
        long AllocatedBytes,
        double PacketsPerSecond,
        double MaxLagMs)
    {
        /// <summary>Two lines for a terminal or a README.</summary>
        public string Report() => string.Create(CultureInfo.InvariantCulture,
            $"""
            scan loop, fader desk: 8 motor faders moved by hand (ADC noise +-12 steps), 8 pan encoders turning, 24 strip buttons, host traffic (virtual hardware, in-memory host)
            {Scans} scans {(Paced ? "at 1 kHz real time" : "back to back")} in {WallSeconds:0.00} s: per scan p50 {P50Us:0.0} us, p99 {P99Us:0.0} us, p99.9 {P999Us:0.0} us, max {MaxUs:0} us, mean {MeanUs:0.0} us; {AllocatedBytes} bytes allocated; {PacketsPerSecond:0} OSC packets/s sent{(Paced ? $"; worst pacing lag {MaxLagMs:0.0} ms" : "")}
            """);
    }
}
