using MixConsole.SurfaceSim.Measure;
using Xunit.Abstractions;

namespace MixConsole.SurfaceSim.Tests;

public class ScanMeasurementTests(ITestOutputHelper output)
{
    [Fact]
    public void Measurement_TimesEveryScan_OfTheFullLoad_WithoutAllocating()
    {
        ScanMeasurement.Result r = ScanMeasurement.Run(2, paced: false);
        output.WriteLine(r.Report());

        Assert.Equal(2000, r.Scans);
        Assert.Equal(0, r.AllocatedBytes);
        Assert.True(r.P50Us > 0 && r.P50Us <= r.P99Us && r.P99Us <= r.P999Us && r.P999Us <= r.MaxUs);
        Assert.True(r.PacketsPerSecond > 500, $"the workload should keep the link busy, sent {r.PacketsPerSecond:0}/s");
        Assert.Contains("per scan p50", r.Report(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Soak")]
    public void Measurement_AtOneKilohertzRealTime_TenSeconds()
    {
        ScanMeasurement.Result r = ScanMeasurement.Run(10, paced: true);
        output.WriteLine(r.Report());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "surfacesim-scan-measurement.txt"), r.Report() + Environment.NewLine);

        Assert.Equal(10000, r.Scans);
        Assert.Equal(0, r.AllocatedBytes);
        Assert.InRange(r.WallSeconds, 9.9, 11);
    }
}
