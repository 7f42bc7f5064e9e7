using MixConsole.Control.Meters;
using MixConsole.Control.Osc;
using MixConsole.Control.Tests.Server;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Loudness;
using MixConsole.Engine.Metering;

namespace MixConsole.Control.Tests.Meters;

/// <summary>The mastering box's output loudness: the tap carries every sample whole, the answers are the meter's, nothing allocates.</summary>
public sealed class MasterLoudnessTests
{
    private const int Rate = 48_000;
    private const int Block = 32;

    private static void Play(MasterOutputTap tap, AudioBuffer block, ref long frame, int frames, float reductionDb)
    {
        for (int i = 0; i < frames; i++, frame++)
        {
            block.Channel(0)[i] = 0.5f * MathF.Sin(2 * MathF.PI * 997 * frame / Rate);
            block.Channel(1)[i] = 0.25f * MathF.Sin(2 * MathF.PI * 1499 * frame / Rate);
        }

        tap.Write(block, frames, reductionDb);
    }

    [Fact]
    public void ReadingsThroughTheTap_AreTheMetersOwn_OverTheSameSamples()
    {
        var tap = new MasterOutputTap(Rate);
        var loudness = new MasterLoudness(tap);
        var direct = new LoudnessMeter();
        direct.Prepare(new ProcessSpec(Rate, Block, 2));
        var block = new AudioBuffer(2, Block);
        long frame = 0;
        for (int b = 0; b < 4 * Rate / Block; b++)
        {
            Play(tap, block, ref frame, Block, b == 100 ? 3f : 0.5f);
            direct.Process(block, Block);
            if (b % 10 == 0) loudness.Update();
        }

        loudness.Update();
        MasterLoudnessReading r = loudness.Read();
        Assert.Equal((float)direct.MomentaryLufs, r.MomentaryLufs);
        Assert.Equal((float)direct.ShortTermLufs, r.ShortTermLufs);
        Assert.Equal((float)direct.IntegratedLufs, r.IntegratedLufs);
        Assert.Equal((float)direct.TruePeakDbtp, r.TruePeakMaxDbtp);
        Assert.Equal(0.5f, r.LimiterReductionDb);
        Assert.Equal(frame, loudness.FramesMetered);
        Assert.Equal(0, loudness.FramesLost);

        loudness.Reset();
        r = loudness.Read();
        Assert.True(float.IsNegativeInfinity(r.IntegratedLufs) && float.IsNegativeInfinity(r.TruePeakMaxDbtp));
    }

    [Fact]
    public void AControlSideThatFallsBehind_LosesWholeBlocks_AndCountsThem()
    {
        var tap = new MasterOutputTap(Rate);
        var loudness = new MasterLoudness(tap);
        var block = new AudioBuffer(2, Block);
        long frame = 0;
        for (int b = 0; b < 2 * Rate / Block; b++) Play(tap, block, ref frame, Block, 0);
        loudness.Update();
        Assert.Equal(frame, loudness.FramesMetered + loudness.FramesLost);
        Assert.True(loudness.FramesLost >= Rate / 2, $"{loudness.FramesLost} frames lost");
    }

    [Fact]
    public void Tap_Update_AndAnswers_AllocateNothing()
    {
        var tap = new MasterOutputTap(Rate);
        var loudness = new MasterLoudness(tap);
        var commands = new MasterLoudnessCommands(loudness);
        var block = new AudioBuffer(2, Block);
        byte[] query = Server.Osc.Message("/master/loudness");
        var reply = new byte[256];
        long frame = 0;
        int length = 0;
        Allocations.AssertNone(() =>
        {
            Play(tap, block, ref frame, Block, 1f);
            commands.OnMeters([], 0);
            Assert.True(OscMessage.TryParse(query, out OscMessage message, out _));
            Assert.True(commands.TryHandle(in message, reply, out length) && length > 0);
        }, 20_000, "a block through the tap, a control step and a query");

        var (address, values) = Server.Osc.Read(reply[..length]);
        Assert.Equal("/master/loudness", address);
        Assert.Equal(6, values.Length);
        Assert.Equal(1f, (float)values[5]);
    }
}
