using MixConsole.Control.Meters;
using MixConsole.Dsp.Core;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Parameters;

namespace MixConsole.Control.Tests.Meters;

public class MixerMeterSourceTests
{
    [Fact]
    public void EngineMeters_ServeTheSinePeakOnItsChannel_SilenceElsewhere_AndGainReductionAsLinearGain()
    {
        var config = ConsoleConfig.Pi4Cs42448;
        var store = new ParameterStore(ParameterTable.Create(config));
        Assert.True(store.TrySetInt(store.Table.IndexOf("/ch/02/dyn/on"), 1));
        Assert.True(store.TrySetReal(store.Table.IndexOf("/ch/02/dyn/thr"), -30f));
        Assert.True(store.TrySetReal(store.Table.IndexOf("/ch/02/dyn/attack"), 1f));
        var engine = new MixerEngine(store);
        const int Block = 32;
        int outputs = MixerOutputs.Total(config.Buses);
        engine.Prepare(48000, Block, config.Channels, outputs);
        var input = new AudioBuffer(config.Channels, Block);
        var output = new AudioBuffer(outputs, Block);
        var source = new MixerMeterSource(engine.Meters);
        var values = new float[source.Layout.Count];

        Assert.False(source.TryReadLatest(values));
        long n = 0;
        for (int b = 0; b < 48000 / 5 / Block; b++)
        {
            for (int i = 0; i < Block; i++, n++)
            {
                float sample = 0.5f * MathF.Sin(2 * MathF.PI * 1000 * n / 48000f);
                input.Channel(0)[i] = sample;
                input.Channel(1)[i] = sample;
            }

            engine.Process(input, output, Block);
        }

        Assert.True(source.TryReadLatest(values));
        OscMeterLayout layout = source.Layout;
        Assert.InRange(values[layout.ChannelPreFader(0)], 0.49f, 0.501f);
        Assert.Equal(0f, values[layout.ChannelPreFader(2)]);
        Assert.Equal(1f, values[layout.ChannelCompressorGain(0)]);

        // About 24 dB over a -30 dB threshold at 4:1 reduces by about 18 dB (less in the knee): a gain well under 1.
        float gain = values[layout.ChannelCompressorGain(1)];
        Assert.InRange(gain, 0.05f, 0.5f);
    }
}
