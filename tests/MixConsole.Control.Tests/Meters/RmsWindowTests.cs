using MixConsole.Control.Meters;
using MixConsole.Tests.Shared;

namespace MixConsole.Control.Tests.Meters;

public class RmsWindowTests
{
    [Fact]
    public void Rms_IsThePowerMeanOfTheLast300ms_AndForgetsOlderWindows()
    {
        Assert.Equal(9, RmsWindow.Windows);
        var rms = new RmsWindow(2);
        Assert.Equal(0f, rms.Rms(0));

        // 9 windows at 0.5 on signal 0, then a step down to 0.1: a power mean, not a mean of RMS values.
        for (int w = 0; w < RmsWindow.Windows; w++) rms.Add([0.5f, 0f]);
        Assert.Equal(0.5f, rms.Rms(0), 6);
        for (int w = 1; w <= RmsWindow.Windows; w++)
        {
            rms.Add([0.1f, 0f]);
            double expected = Math.Sqrt(((RmsWindow.Windows - w) * 0.25 + w * 0.01) / RmsWindow.Windows);
            Assert.Equal(expected, rms.Rms(0), 5);
            Assert.Equal(0f, rms.Rms(1));
        }
    }

    [Fact]
    public void Rms_BeforeTheWindowFills_AveragesTheWindowsSoFar()
    {
        var rms = new RmsWindow(1);
        rms.Add([0.3f]);
        rms.Add([0.4f]);
        Assert.Equal(Math.Sqrt((0.09 + 0.16) / 2), rms.Rms(0), 6);
    }

    [Fact]
    public void AddAndRead_AllocateNothing()
    {
        var rms = new RmsWindow(64);
        var window = new float[64];
        window.AsSpan().Fill(0.25f);
        float sink = 0;
        AllocationResult result = Allocations.Measure(() =>
        {
            rms.Add(window);
            for (int m = 0; m < rms.Meters; m++) sink += rms.Rms(m);
        }, 5_000);
        Assert.True(result.Bytes == 0, result.ToString());
        Assert.True(sink > 0);
    }
}
