using MixConsole.Dsp.Core;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mixer;

namespace MixConsole.Engine.Tests.Mixer;

/// <summary>Aux inputs (/auxin/NN): input strips after the channels, fed by the inputs after the channels'.</summary>
public sealed class AuxInputTests
{
    private static readonly ConsoleConfig Config = new(Channels: 2, Buses: 2, FxSlots: 1, Dcas: 2, MuteGroups: 2, Matrices: 0, AuxInputs: 2);

    private static float[][] Render(EngineHarness h, float[] aux2, int frames)
    {
        // The harness feeds the channels only: aux input 2 takes the engine's input 4 (after channels 1-2 and aux 1).
        var engine = new MixerEngine(h.Store);
        engine.Prepare(EngineHarness.Rate, frames, Config.InputStrips, MixerOutputs.Total(Config.Buses));
        var input = new AudioBuffer(Config.InputStrips, frames);
        aux2.CopyTo(input.Channel(Config.Channels + 1));
        var output = new AudioBuffer(MixerOutputs.Total(Config.Buses), frames);
        engine.Process(input, output, frames);
        var result = new float[output.Channels][];
        for (int o = 0; o < output.Channels; o++) result[o] = output.Channel(o, frames).ToArray();
        return result;
    }

    [Fact]
    public void AuxInputWithASend_ReachesItsBus_AtTheSendsLevel_AndItsFaderAndTrimReachMain()
    {
        var h = new EngineHarness(Config).Real("/auxin/02/mix/02/level", -6).Real("/auxin/02/preamp/trim", 3)
            .Real("/auxin/02/mix/fader", -10);
        var x = EngineHarness.Sine(1000, 0.1, 9600);
        var y = Render(h, x, 9600);
        var outputs = h.Engine.Outputs;
        double bus2 = EngineHarness.Db(EngineHarness.Rms(y[outputs.Bus(1)], 4800) / EngineHarness.Rms(x, 4800));
        // Sends tap after the fader by default (POST), as on the X32.
        Assert.Equal(h.RealOf("/auxin/02/preamp/trim") + h.RealOf("/auxin/02/mix/fader") + h.RealOf("/auxin/02/mix/02/level") + h.RealOf("/bus/02/mix/fader"), bus2, 0.1);
        Assert.Equal(0, EngineHarness.Rms(y[outputs.Bus(0)]));
        double mainLeft = EngineHarness.Db(EngineHarness.Rms(y[0], 4800) / EngineHarness.Rms(x, 4800));
        Assert.Equal(3 - 10 - 3.0103 + h.RealOf("/main/st/mix/fader"), mainLeft, 0.1);
    }

    [Fact]
    public void AuxInputEq_HasFourBands_LikeAChannel()
    {
        var h = new EngineHarness(Config).Real("/auxin/02/eq/on", 1).Real("/auxin/02/eq/3/f", 1000).Real("/auxin/02/eq/3/g", -9);
        var x = EngineHarness.Sine(1000, 0.1, 9600);
        var y = Render(h, x, 9600);
        double mainLeft = EngineHarness.Db(EngineHarness.Rms(y[0], 4800) / EngineHarness.Rms(x, 4800));
        Assert.Equal(-9 - 3.0103 + h.RealOf("/auxin/02/mix/fader") + h.RealOf("/main/st/mix/fader"), mainLeft, 0.3);
    }
}
