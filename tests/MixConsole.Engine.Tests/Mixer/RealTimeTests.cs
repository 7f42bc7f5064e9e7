using MixConsole.Dsp.Core;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Metering;
using MixConsole.Engine.Mixer;

namespace MixConsole.Engine.Tests.Mixer;

public sealed class RealTimeTests
{
    private static readonly ConsoleConfig Small = new(Channels: 6, Buses: 3, FxSlots: 2, Dcas: 2, MuteGroups: 2);

    [Fact]
    public void SimdAndScalarReference_AgreeBitForBit_WithEveryStageOn()
    {
        var simd = new EngineHarness(Small, scalar: false);
        var scalar = new EngineHarness(Small, scalar: true);
        AllOnScene.Apply(simd);
        AllOnScene.Apply(scalar);
        var x = AllOnScene.Programme(Small.Channels, 24000);
        var a = simd.Render(x, 32);
        var b = scalar.Render(x, 32);
        for (int o = 0; o < a.Length; o++) Assert.Equal(a[o], b[o]);
        Assert.True(EngineHarness.Rms(a[0]) > 1e-3);
    }

    [Fact]
    public void SimdAndScalarReference_AgreeBitForBit_OnFullLaneGroupsOf32Channels()
    {
        // 32 channels and 16 buses fill whole SIMD rows, so the tiled transposes and every lane run.
        var simd = new EngineHarness(ConsoleConfig.Default, maxBlock: 64, scalar: false);
        var scalar = new EngineHarness(ConsoleConfig.Default, maxBlock: 64, scalar: true);
        AllOnScene.Apply(simd);
        AllOnScene.Apply(scalar);
        var x = AllOnScene.Programme(32, 4800);
        var a = simd.Render(x, 64);
        var b = scalar.Render(x, 64);
        for (int o = 0; o < a.Length; o++) Assert.Equal(a[o], b[o]);
        Assert.True(EngineHarness.Rms(a[0]) > 1e-3);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(512)]
    public void Output_DoesNotDependOnBlockSize(int block)
    {
        var reference = new EngineHarness(Small);
        var other = new EngineHarness(Small);
        AllOnScene.Apply(reference);
        AllOnScene.Apply(other);
        var x = AllOnScene.Programme(Small.Channels, 12000);
        var a = reference.Render(x, 32);
        var b = other.Render(x, block);
        for (int o = 0; o < a.Length; o++) Assert.Equal(a[o], b[o]);
    }

    [Fact]
    public void FaderJump_IsRampedWithNoStepAboveTheBound()
    {
        var h = new EngineHarness().Real("/ch/01/mix/fader", float.NegativeInfinity);
        var input = new AudioBuffer(4, 64);
        var output = new AudioBuffer(MixerOutputs.Total(2), 64);
        input.Channel(0).Fill(1f);
        var y = new List<float>();
        for (int b = 0; b < 40; b++)
        {
            if (b == 5) h.Wire("/ch/01/mix/fader", 1f); // -inf to +10 dB in one message
            h.Engine.Process(input, output, 64);
            y.AddRange(output.Channel(0, 64).ToArray());
        }

        double final = Math.Pow(10, (10 + h.RealOf("/main/st/mix/fader")) / 20) * Math.Sqrt(0.5);
        int rampSamples = (int)Math.Round(MixerEngine.GainRampMs * 48);
        double bound = final / rampSamples * (1 + 1e-4);
        double largest = 0;
        for (int i = 1; i < y.Count; i++) largest = Math.Max(largest, Math.Abs(y[i] - y[i - 1]));
        Assert.InRange(largest, bound * 0.5, bound);
        Assert.Equal(final, y[^1], 4);
    }

    [Fact]
    public void SendJump_IsRampedWithNoStep_ThenHeldExactlyAtTheTarget()
    {
        // A moving send ramps sample by sample; at rest it joins the send matrix: the hand-over must not click.
        var h = new EngineHarness().Real("/ch/01/mix/01/level", float.NegativeInfinity).Real("/ch/01/mix/01/type", 4);
        var input = new AudioBuffer(4, 32);
        var output = new AudioBuffer(MixerOutputs.Total(2), 32);
        input.Channel(0).Fill(0.5f);
        var y = new List<float>();
        float first = 0;
        for (int b = 0; b < 60; b++)
        {
            if (b == 5) h.Real("/ch/01/mix/01/level", 0);
            if (b == 39) first = h.RealOf("/ch/01/mix/01/level");
            if (b == 40) h.Real("/ch/01/mix/01/level", -6);
            h.Engine.Process(input, output, 32);
            y.AddRange(output.Channel(h.Engine.Outputs.Bus(0), 32).ToArray());
        }

        float busGain = (float)Math.Pow(10, (h.RealOf("/bus/01/mix/fader") + h.RealOf("/ch/01/mix/fader")) / 20);
        int rampSamples = (int)Math.Round(MixerEngine.GainRampMs * 48);
        double bound = 0.5 * busGain / rampSamples * (1 + 1e-4);
        for (int i = 1; i < y.Count; i++) Assert.InRange(Math.Abs(y[i] - y[i - 1]), 0, bound);
        Assert.Equal(0.5 * busGain * Math.Pow(10, first / 20), y[39 * 32], 5);
        Assert.Equal(0.5 * busGain * Math.Pow(10, h.RealOf("/ch/01/mix/01/level") / 20), y[^1], 5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    public void MovingSendsAndFaders_GiveTheSameSamples_AtAnyBlockSize(int block)
    {
        float[]? Run(int blockFrames)
        {
            var h = new EngineHarness(Small);
            AllOnScene.Apply(h);
            var x = AllOnScene.Programme(Small.Channels, 9600);
            var input = new AudioBuffer(Small.Channels, 512);
            var output = new AudioBuffer(MixerOutputs.Total(Small.Buses), 512);
            var result = new List<float>();
            for (int start = 0; start < 9600; start += blockFrames)
            {
                int n = Math.Min(blockFrames, 9600 - start);
                // Moves land on sample positions every block size shares, so both runs see them at the same sample.
                if (start % 2800 == 0) h.Real("/ch/02/mix/01/level", start % 5600 == 0 ? -30 : 0).Real("/ch/03/mix/fx/1/level", start % 5600 == 0 ? 0 : -40);
                for (int c = 0; c < Small.Channels; c++) x[c].AsSpan(start, n).CopyTo(input.Channel(c));
                h.Engine.Process(input, output, n);
                result.AddRange(output.Channel(h.Engine.Outputs.Bus(0), n).ToArray());
                result.AddRange(output.Channel(h.Engine.Outputs.MainLeft, n).ToArray());
            }

            return result.ToArray();
        }

        // Compare per sample: re-interleave both renders by frame.
        static float[] ByFrame(float[] flat, int blockFrames)
        {
            var bus = new List<float>();
            var main = new List<float>();
            for (int start = 0, i = 0; start < 9600; start += blockFrames)
            {
                int n = Math.Min(blockFrames, 9600 - start);
                bus.AddRange(flat.AsSpan(i, n).ToArray());
                main.AddRange(flat.AsSpan(i + n, n).ToArray());
                i += 2 * n;
            }

            return [.. bus, .. main];
        }

        Assert.Equal(ByFrame(Run(400)!, 400), ByFrame(Run(block)!, block));
    }

    [Fact]
    public void EqRetune_GlidesWithoutAStep()
    {
        var h = new EngineHarness().Real("/ch/01/eq/on", 1).Real("/ch/01/eq/2/f", 200).Real("/ch/01/eq/2/g", 0);
        var input = new AudioBuffer(4, 32);
        var output = new AudioBuffer(MixerOutputs.Total(2), 32);
        var y = new List<float>();
        var x = EngineHarness.Sine(200, 0.5, 32 * 300);
        for (int b = 0; b < 300; b++)
        {
            if (b == 100) h.Real("/ch/01/eq/2/g", 15);
            x.AsSpan(b * 32, 32).CopyTo(input.Channel(0));
            h.Engine.Process(input, output, 32);
            y.AddRange(output.Channel(0, 32).ToArray());
        }

        // A 200 Hz sine at 0.35 moves at most 2 pi 200 / 48000 * 0.35 * 5.6 (+15 dB) per sample; a coefficient jump would exceed it.
        double slope = 2 * Math.PI * 200 / 48000 * 0.5 * Math.Sqrt(0.5) * Math.Pow(10, 15 / 20.0);
        for (int i = 1; i < y.Count; i++) Assert.InRange(Math.Abs(y[i] - y[i - 1]), 0, slope * 1.1);
        double expected = 15 + h.RealOf("/ch/01/mix/fader") + h.RealOf("/main/st/mix/fader") - 3.0103;
        double measured = EngineHarness.Db(EngineHarness.Rms(y.Skip(250 * 32).ToArray()) / EngineHarness.Rms(x.AsSpan(250 * 32).ToArray()));
        Assert.InRange(measured - expected, -0.2, 0.2);
    }

    [Fact]
    public void Process_AllocatesNothing_At32ChannelsWithEveryStageOn()
    {
        var h = new EngineHarness(ConsoleConfig.Default, maxBlock: 32);
        AllOnScene.Apply(h);
        var x = AllOnScene.Programme(32, 32 * 200);
        var input = new AudioBuffer(32, 32);
        var output = new AudioBuffer(MixerOutputs.Total(16), 32);
        int b = 0;
        void Block()
        {
            for (int c = 0; c < 32; c++) x[c].AsSpan((b % 200) * 32, 32).CopyTo(input.Channel(c));
            h.Engine.Process(input, output, 32);
            b++;
        }

        // Setting a parameter is control-side work, left out of the count; the engine applying it is counted.
        void ChangeParameters()
        {
            if (b % 100 == 0) h.Real("/ch/05/eq/2/g", b % 200 == 0 ? 6 : -3).Real("/ch/07/mix/fader", b % 200 == 0 ? -20 : -5);
        }

        Allocations.AssertNone(Block, calls: 2000, warmupCalls: 400, unmeasured: ChangeParameters,
            what: "the engine's Process at 32 channels with every stage on, parameters changing every 100 blocks");
    }

    [Fact]
    public void Meters_ArePublishedAtLeast20TimesASecond_WithLevelsAndLoudness()
    {
        var h = new EngineHarness().Real("/ch/01/mix/fader", -10);
        var x = EngineHarness.Sine(1000, 0.1, 48000);
        var meters = h.Engine.Meters;
        var frame = new float[meters.Layout.FrameLength];
        int frames = 0;
        var input = new AudioBuffer(4, 512);
        var output = new AudioBuffer(MixerOutputs.Total(2), 512);
        for (int start = 0; start < 48000 * 3; start += 480)
        {
            x.AsSpan(start % 48000, 480).CopyTo(input.Channel(0));
            h.Engine.Process(input, output, 480);
            while (meters.TryRead(frame)) frames++;
        }

        Assert.InRange(frames, 60, 100);
        var layout = meters.Layout;
        Assert.Equal(0.1, frame[layout.ChannelPeakPreFader(0)], 3);
        Assert.Equal(0.1 / Math.Sqrt(2), frame[layout.ChannelRmsPreFader(0)], 3);
        Assert.Equal(0, frame[layout.ChannelPeakPreFader(1)]);
        // After the fader: peak and RMS scaled by the fader gain (post-fader values follow the pre-fader ones).
        double fader = Math.Pow(10, h.RealOf("/ch/01/mix/fader") / 20);
        Assert.Equal(0.1 * fader, frame[layout.ChannelPeakPostFader(0)], 4);
        Assert.Equal(0.1 / Math.Sqrt(2) * fader, frame[layout.ChannelRmsPostFader(0)], 4);
        double mainPeak = 0.1 * Math.Sqrt(0.5) * Math.Pow(10, (h.RealOf("/ch/01/mix/fader") + h.RealOf("/main/st/mix/fader")) / 20);
        Assert.Equal(mainPeak, frame[layout.Main], 3);
        // A 1 kHz sine at the same peak in both channels reads its peak level in LUFS (EBU Tech 3341).
        double expectedLufs = 20 * Math.Log10(mainPeak);
        Assert.Equal(expectedLufs, frame[layout.Loudness], 1);
        Assert.Equal(expectedLufs, frame[layout.Loudness + 1], 1);
        Assert.Equal(expectedLufs, frame[layout.Loudness + 2], 1);
        Assert.InRange(frame[layout.Seconds], 2.9, 3.0);
    }

    [Fact]
    public void MasterChain_PlugsIntoMain_AndBypassCrossfadesBack()
    {
        var h = new EngineHarness();
        var chain = new HalfGain();
        h.Engine.SetMasterChain(chain);
        Assert.True(chain.Prepared);
        var x = EngineHarness.Constant(0.2f, 4800);
        double dry = 0.2 * Math.Sqrt(0.5) * Math.Pow(10, (h.RealOf("/ch/01/mix/fader") + h.RealOf("/main/st/mix/fader")) / 20);
        Assert.Equal(dry * 0.5, h.Render([x])[0][^1], 5);
        h.Real("/master/bypass", 1);
        var y = h.Render([x])[0];
        Assert.Equal(dry, y[^1], 5);
        for (int i = 1; i < y.Length; i++) Assert.InRange(Math.Abs(y[i] - y[i - 1]), 0, dry * 0.5 / 480 * 1.01);
        h.Engine.SetMasterChain(null);
        h.Real("/master/bypass", 0);
        Assert.Equal(dry, h.Render([x])[0][^1], 5);
    }

    private sealed class HalfGain : IAudioProcessor
    {
        public bool Prepared { get; private set; }
        public int LatencyFrames => 0;
        public void Prepare(in ProcessSpec spec) => Prepared = spec.Channels == 2;
        public void Reset() { }
        public void Process(AudioBuffer buffer, int frames)
        {
            for (int c = 0; c < 2; c++) foreach (ref float v in buffer.Channel(c, frames)) v *= 0.5f;
        }
    }
}
