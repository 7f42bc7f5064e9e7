using System.Diagnostics;
using MixConsole.ControlSurface.Virtual;
using Xunit.Abstractions;

namespace MixConsole.ControlSurface.Tests;

public class ScanLoopTests(ITestOutputHelper output)
{
    [Fact]
    public void ScanLoop_AllocatesNothing_UnderFullLoad()
    {
        var load = new ScanWorkload();
        for (int i = 0; i < 3000; i++)
        {
            load.Step();
        }

        // A collection first: this thread then holds no half-used allocation context, whose unused rest (up to 8 KB) a
        // collection started by another thread can bill to it as "allocated" on a busy machine.
        GC.Collect(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20000; i++)
        {
            load.Step();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(load.Surface.Engine.Link.IsConnected);
        Assert.True(load.Surface.Engine.Link.PacketsSent > 1000, "the workload should keep the link busy");
    }

    [Fact]
    public void ScanLoop_Measurement_8Faders8Encoders24Buttons()
    {
        // Records the per-scan cost on this machine for the README; deliberately no timing assertion.
        var load = new ScanWorkload();
        for (int i = 0; i < 5000; i++)
        {
            load.Step();
        }

        int scans = 50000;
        int sentBefore = load.Surface.Engine.Link.PacketsSent;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < scans; i++)
        {
            load.Step();
        }

        watch.Stop();
        double microsPerScan = watch.Elapsed.TotalMilliseconds * 1000.0 / scans;
        int packets = load.Surface.Engine.Link.PacketsSent - sentBefore;
        string line = $"scan loop (8 faders, 8 encoders, 24 buttons, virtual hardware): {microsPerScan:F2} us/scan, "
            + $"{packets * 1000.0 / scans:F1} packets/s sent";
        output.WriteLine(line);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "scan-loop-measurement.txt"), line + Environment.NewLine);

        Assert.Equal(5000 + scans + 50, load.Surface.Engine.ScanCount);
        Assert.True(packets > 0);
    }
}
