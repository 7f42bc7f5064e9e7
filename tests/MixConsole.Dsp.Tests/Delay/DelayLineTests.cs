using MixConsole.Dsp.Delay;
using Xunit;

namespace MixConsole.Dsp.Tests.Delay;

public class DelayLineTests
{
    private const double Fs = 48000;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(14)]
    [InlineData(24000)]
    public void IntegerDelay_ShiftsTheSignal_ByExactlyThatManyFrames(int delayFrames)
    {
        var line = new DelayLine();
        line.Prepare(Fs, 500);
        float[] input = TestSignals.Noise(30000, 3);
        float[] output = (float[])input.Clone();
        for (int start = 0; start < output.Length; start += 32)
            line.Process(output.AsSpan(start, Math.Min(32, output.Length - start)), delayFrames);
        for (int i = 0; i < output.Length; i++)
            Assert.Equal(i >= delayFrames ? input[i - delayFrames] : 0f, output[i]);
    }

    [Theory]
    [InlineData(0, 7)]
    [InlineData(3, 100)]
    [InlineData(90, 1000)]
    [InlineData(100, 4096)]
    public void IntegerDelay_IsExact_ForBlocksLongerThanTheLine(int delayFrames, int blockFrames)
    {
        // A 100-frame line is 128 long: blocks of 1000 or 4096 wrap it many times within one call.
        var line = new DelayLine();
        line.PrepareFrames(100);
        float[] input = TestSignals.Noise(20000, 5);
        float[] output = (float[])input.Clone();
        int start = 0;
        for (int k = 0; start < output.Length; k++)
        {
            int n = Math.Min(k % 3 == 0 ? blockFrames : 1 + k % 5, output.Length - start);
            line.Process(output.AsSpan(start, n), delayFrames);
            start += n;
        }

        for (int i = 0; i < output.Length; i++)
            Assert.Equal(i >= delayFrames ? input[i - delayFrames] : 0f, output[i]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(31)]
    [InlineData(64)]
    [InlineData(200)]
    public void BlockProcess_EqualsPushAndRead_WhetherOrNotTheBlockWraps(int delayFrames)
    {
        // A 200-frame line is 256 long: blocks of 1..40 frames land on every offset, some straight, some wrapping.
        var line = new DelayLine();
        line.PrepareFrames(200);
        var reference = new DelayLine();
        reference.PrepareFrames(200);
        float[] input = TestSignals.Noise(5000, 11);
        float[] output = (float[])input.Clone();
        for (int start = 0, k = 0; start < output.Length; k++)
        {
            int n = Math.Min(1 + k * 7 % 40, output.Length - start);
            line.Process(output.AsSpan(start, n), delayFrames);
            start += n;
        }

        for (int i = 0; i < input.Length; i++)
        {
            reference.Push(input[i]);
            Assert.Equal(BitConverter.SingleToInt32Bits(reference.Read(delayFrames)), BitConverter.SingleToInt32Bits(output[i]));
        }
    }

    [Fact]
    public void FractionalDelay_OfASine_HasTheRightPhaseAndLevel()
    {
        var line = new DelayLine();
        line.Prepare(Fs, 10);
        const double delay = 100.37, f = 1000;
        float[] x = TestSignals.Sine(f, Fs, 4800, 0.5);
        var y = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            line.Push(x[i]);
            y[i] = line.ReadFractional((float)delay);
        }
        for (int i = 200; i < y.Length; i++)
            Assert.Equal(0.5 * Math.Sin(2 * Math.PI * f * (i - delay) / Fs), y[i], 3);
    }

    [Theory]
    [InlineData(0, 0.7f)]
    [InlineData(5, -1.3f)]
    [InlineData(31, 0.5f)]
    [InlineData(64, 0f)]
    [InlineData(200, -0f)]
    public void ScaledProcess_EqualsScalingThenProcess_BitForBit(int delayFrames, float gain)
    {
        // A 200-frame line is 256 long: blocks of 1..40 frames land on every offset, some straight, some wrapping.
        var fused = new DelayLine();
        fused.PrepareFrames(200);
        var plain = new DelayLine();
        plain.PrepareFrames(200);
        float[] input = TestSignals.Noise(5000, 13);
        input[17] = float.PositiveInfinity;
        input[18] = -0f;
        float[] expected = new float[input.Length], actual = new float[input.Length];
        for (int start = 0, k = 0; start < input.Length; k++)
        {
            int n = Math.Min(1 + k * 7 % 40, input.Length - start);
            for (int i = start; i < start + n; i++) expected[i] = gain == 0f ? 0f : input[i] * gain;
            plain.Process(expected.AsSpan(start, n), delayFrames);
            fused.Process(input.AsSpan(start, n), gain, actual.AsSpan(start, n), delayFrames);
            start += n;
        }

        for (int i = 0; i < input.Length; i++) Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(actual[i]));
    }

    [Fact]
    public void ChannelDelay_ScaledProcess_RunsOnlyWhileTheDelayHoldsStill_AndMatchesScalingThenProcess()
    {
        var fused = new ChannelDelay();
        fused.Prepare(Fs);
        var plain = new ChannelDelay();
        plain.Prepare(Fs);
        float[] input = TestSignals.Noise(48000, 7);
        float[] expected = new float[input.Length], actual = new float[input.Length];
        int scaled = 0;
        for (int start = 0; start < input.Length; start += 32)
        {
            if (start == 9600) { fused.SetDelayMs(7.3); plain.SetDelayMs(7.3); }
            if (start == 20000) { fused.SetDelayMs(250); plain.SetDelayMs(250); }
            for (int i = start; i < start + 32; i++) expected[i] = input[i] * 0.8f;
            plain.Process(expected.AsSpan(start, 32));
            Span<float> block = actual.AsSpan(start, 32);
            if (fused.TryProcessScaled(input.AsSpan(start, 32), 0.8f, block))
            {
                scaled++;
                continue;
            }

            for (int i = 0; i < 32; i++) block[i] = input[start + i] * 0.8f;
            fused.Process(block);
        }

        // Each change fades over 20 ms (30 blocks), and only then does the delay hold still again.
        Assert.InRange(scaled, 1500 - 2 * 31, 1500 - 2 * 30);
        for (int i = 0; i < input.Length; i++) Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(actual[i]));
    }

    [Fact]
    public void ChannelDelay_Change_IsCrossfaded_WithoutAJump()
    {
        var delay = new ChannelDelay();
        delay.Prepare(Fs);
        delay.SetDelayMs(1);
        float[] x = TestSignals.Sine(100, Fs, 48000, 0.9);
        float[] y = (float[])x.Clone();
        for (int start = 0; start < y.Length; start += 32)
        {
            if (start == 9600) delay.SetDelayMs(7.3);
            if (start == 9600 + 320) delay.SetDelayMs(250);
            delay.Process(y.AsSpan(start, 32));
        }
        double sineSlope = 0.9 * 2 * Math.Sin(Math.PI * 100 / Fs);
        for (int i = 1; i < y.Length; i++)
            Assert.True(Math.Abs(y[i] - y[i - 1]) < 2 * sineSlope + 2 * 0.9 / 960, $"jump at {i}");
        int d = (int)Math.Round(250 * Fs / 1000);
        Assert.Equal(x[40000 - d], y[40000]);
        Assert.Equal(250, delay.DelayMs, 6);
    }

    [Fact]
    public void DelayLine_Process_AllocatesNothing()
    {
        var line = new DelayLine();
        line.Prepare(Fs, 500);
        var channel = new ChannelDelay();
        channel.Prepare(Fs);
        float[] block = TestSignals.Noise(32, 1);
        int n = 0;
        Allocations.AssertNone(() =>
        {
            line.Process(block, 1234);
            line.Process(block, 0.5f, block, 1234);
            channel.SetDelayFrames(n++ % 3 * 100);
            if (!channel.TryProcessScaled(block, 0.5f, block)) channel.Process(block);
        }, calls: 10_000, what: "DelayLine.Process and ChannelDelay.Process (32 frames, the delay moving)");
    }

    [Fact]
    public void Reset_DelaysAsAFreshLine()
    {
        DelayLine used = new(), fresh = new();
        used.Prepare(Fs, 20);
        fresh.Prepare(Fs, 20);
        float[] x = TestSignals.Noise(700, 5);
        used.Process(x[..500], 300);
        used.Reset();
        float[] a = x[500..], b = x[500..];
        used.Process(a, 300);
        fresh.Process(b, 300);
        Assert.Equal(b, a);
    }
}
