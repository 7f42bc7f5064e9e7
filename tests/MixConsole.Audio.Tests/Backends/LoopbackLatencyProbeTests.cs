using MixConsole.Audio.Latency;
using MixConsole.Dsp.Core;

namespace MixConsole.Audio.Tests.Backends;

/// <summary>The loopback probe finds an impulse sent through a simulated cable at the delay the cable has, whatever the period.</summary>
public sealed class LoopbackLatencyProbeTests
{
    // Drives the probe period by period with its output fed back to its input through a delay line, plus noise and a
    // smeared, inverted impulse as converters and a balanced cable would give.
    private static LoopbackLatencyProbe Loop(int period, int delay, int impulses = 6)
    {
        var probe = new LoopbackLatencyProbe(outputChannel: 1, inputChannel: 2, intervalFrames: 4_800, impulses);
        var input = new AudioBuffer(4, period);
        var output = new AudioBuffer(4, period);
        var line = new float[delay + 4_800 * (impulses + 2) + 2 * period];
        var noise = new Random(7);
        for (long frame = 0; !probe.Done.IsSet; frame += period)
        {
            var inp = input.Channel(2, period);
            for (int i = 0; i < period; i++)
            {
                long at = frame + i;
                float smeared = at >= 1 ? 0.3f * line[at - 1] : 0f;
                inp[i] = -(line[at] + smeared + (at + 1 < line.Length ? 0.3f * line[at + 1] : 0f)) + (float)(noise.NextDouble() - 0.5) * 2e-3f;
            }
            output.Clear(period);
            probe.Process(input, output, period);
            var outp = output.Channel(1, period);
            for (int i = 0; i < period; i++) line[frame + i + delay] += outp[i];
        }
        return probe;
    }

    [Theory]
    [InlineData(64, 128)]
    [InlineData(64, 193)]
    [InlineData(32, 140)]
    [InlineData(128, 517)]
    public void TheImpulseComesBack_AtTheCablesDelay(int period, int delay)
    {
        var probe = Loop(period, delay);
        Assert.Equal(6, probe.Sent);
        Assert.Equal(Enumerable.Repeat((long)delay, 6), probe.Delays.ToArray());
        Assert.Equal(delay, probe.MedianDelayFrames());
    }

    [Fact]
    public void NoCable_SendsEveryImpulse_AndFindsNone()
    {
        var probe = new LoopbackLatencyProbe(0, 0, 100, 3);
        var silent = new AudioBuffer(1, 64);
        var output = new AudioBuffer(1, 64);
        for (int i = 0; i < 10; i++) probe.Process(silent, output, 64);
        Assert.True(probe.Done.IsSet);
        Assert.Equal(3, probe.Sent);
        Assert.Equal(-1, probe.MedianDelayFrames());
    }
}
