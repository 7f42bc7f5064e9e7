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
        Allocations.AssertNone(load.Step, calls: 20_000, warmupCalls: 3000, what: "the scan loop under full load (8 faders, 8 encoders, 24 buttons, the host pushing values)");

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
        Assert.Equal(32, load.Surface.Engine.FaderDesk!.LayerSize(MixConsole.ControlSurface.Mapping.Layer.Channels));
        Assert.True(packets > 0);
    }
}
