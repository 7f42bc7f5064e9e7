using MixConsole.Dsp.Core;
using MixConsole.Dsp.Preview;
using MixConsole.Dsp.Tests.Mastering;
using Xunit;

namespace MixConsole.Dsp.Tests.Preview;

public class PreviewMonitorTests
{
    private const double Rate = 48000;
    private const int Block = 32;

    // Runs a 1 kHz stereo sine (0.5) through a monitor, setting the target given for each block; returns the left output.
    private static float[] Run(PreviewMonitor monitor, int frames, Func<int, PreviewSystem> targetAtFrame)
    {
        monitor.Prepare(new ProcessSpec(Rate, Block, 2));
        float[] x = Signals.Sine(frames, 1000, Rate, 0.5);
        var buffer = new AudioBuffer(2, Block);
        var y = new float[frames];
        for (int start = 0; start < frames; start += Block)
        {
            monitor.Target = targetAtFrame(start);
            x.AsSpan(start, Block).CopyTo(buffer.Channel(0, Block));
            x.AsSpan(start, Block).CopyTo(buffer.Channel(1, Block));
            monitor.Process(buffer, Block);
            buffer.Channel(0, Block).CopyTo(y.AsSpan(start, Block));
        }

        return y;
    }

    private static double LargestStep(ReadOnlySpan<float> y)
    {
        double largest = 0;
        for (int i = 1; i < y.Length; i++) largest = Math.Max(largest, Math.Abs(y[i] - y[i - 1]));
        return largest;
    }

    [Fact]
    public void Switching_ThroughEverySystem_HasBoundedSampleToSampleSteps()
    {
        // Every 100 ms the next system (off, phone, ..., side, off again); each fade is 20 ms out and 20 ms in.
        const int dwell = 4800;
        int systems = PreviewCurves.All.Count + 1;
        float[] y = Run(new PreviewMonitor(), dwell * (systems + 1), start => (PreviewSystem)(start / dwell % systems));
        // A 1 kHz sine of 0.5 steps at most 2 pi 1000/48000 x 0.5 = 0.065 per sample, times the loudest system's
        // gain at 1 kHz (phone: +0.7 dB): a click or a jump between systems would step by a good part of 0.5.
        double steady = 2 * Math.PI * 1000 / Rate * 0.5 * Math.Pow(10, 0.7 / 20);
        double largest = LargestStep(y);
        Assert.True(largest <= 1.25 * steady, $"largest step {largest:0.0000} against {steady:0.0000} for the sine itself");
    }

    [Fact]
    public void AfterASwitch_TheMonitorPlaysTheNewSystem()
    {
        // Off for 50 ms, then phone, then side (a centred sine: silence), then off.
        float[] y = Run(new PreviewMonitor(), 4 * 9600, start => start switch
        {
            < 2400 => PreviewSystem.Off,
            < 9600 => PreviewSystem.Phone,
            < 19200 => PreviewSystem.Side,
            _ => PreviewSystem.Off,
        });
        double phoneAt1k = PreviewCurves.Of(PreviewSystem.Phone).MagnitudeDb(1000, Rate);
        Assert.InRange(20 * Math.Log10(Signals.FitSine(y, 1000, Rate, 7200, 9600).Amplitude / 0.5), phoneAt1k - 0.1, phoneAt1k + 0.1);
        Assert.True(Signals.Rms(y, 14400, 19200) < 1e-6, "the side of a centred sine is not silent");
        Assert.Equal(0.5, Signals.FitSine(y, 1000, Rate, 28800, 38400).Amplitude, 4);
    }

    [Fact]
    public void Process_AllocatesNothing_WhileSwitching()
    {
        var monitor = new PreviewMonitor();
        int call = 0;
        Signals.AssertProcessAllocatesNothing(monitor, "switching");
        // Again with the target moving every 50 blocks, so fades and curve loads are measured.
        monitor.Prepare(new ProcessSpec(Rate, 256, 2));
        var buffer = new AudioBuffer(2, 256);
        Signals.Noise(256, 9, 0.5).CopyTo(buffer.Channel(0, 256));
        Allocations.AssertNone(() => monitor.Process(buffer, 256), calls: 2_000, what: "PreviewMonitor.Process while switching",
            unmeasured: () => monitor.Target = (PreviewSystem)(call++ / 50 % 8));
    }
}
