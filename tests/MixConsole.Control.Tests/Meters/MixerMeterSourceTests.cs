using MixConsole.Control.Meters;
using MixConsole.Dsp.Core;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Parameters;
using MixConsole.Tests.Shared;

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

    // A 0.5 sine on channel 1 at unity, sent at 0 dB to bus 1 (whose compressor squeezes it), silence on channel 3.
    [Fact]
    public void ScreenSection_CarriesA300msRms_3dBUnderASinesPeak_BusAndMainLevels_AndBusReduction()
    {
        var (engine, store, input, output) = SineOnChannel1();
        Assert.True(store.TrySetReal(store.Table.IndexOf("/bus/01/dyn/on"), 1f));
        Assert.True(store.TrySetReal(store.Table.IndexOf("/bus/01/dyn/thr"), -30f));
        var source = new MixerMeterSource(engine.Meters);
        OscMeterLayout layout = source.Layout;
        var values = new float[layout.Count];
        long n = 0;
        for (int b = 0; b < 48000 / 2 / Block; b++) Process(engine, input, output, ref n);

        Assert.True(source.TryReadLatest(values));
        float peak = values[layout.ChannelPostFader(0)], rms = values[layout.ChannelRms(0)];
        Assert.InRange(peak, 0.499f, 0.5005f);
        Assert.InRange(20 * Math.Log10(peak / rms), 2.96, 3.06);
        Assert.Equal(0f, values[layout.ChannelRms(2)]);
        float busPeak = values[layout.BusPostFader(0)], busRms = values[layout.BusRms(0)];
        Assert.InRange(busRms, 0.01f, 0.5f);
        Assert.InRange(20 * Math.Log10(busPeak / busRms), 2.5, 3.5);
        Assert.Equal(0f, values[layout.BusRms(1)]);
        Assert.InRange(values[layout.BusCompressorGain(0)], 0.05f, 0.5f);
        Assert.Equal(1f, values[layout.BusCompressorGain(1)]);
        Assert.InRange(values[layout.MainRmsLeft], 0.1f, 0.5f);
        Assert.InRange(values[layout.MainRmsRight], 0.1f, 0.5f);
        Assert.Equal(1f, values[layout.MainCompressorGain]);
    }

    [Fact]
    public void ReadingEveryFrame_WithItsRms_AllocatesNothing()
    {
        var (engine, _, input, output) = SineOnChannel1();
        var source = new MixerMeterSource(engine.Meters);
        var values = new float[source.Layout.Count];
        long n = 0;
        bool read = true;
        AllocationResult result = Allocations.Measure(
            () => read &= source.TryReadLatest(values),
            calls: 300,
            warmupCalls: 100,
            unmeasured: () =>
            {
                for (int b = 0; b < 48000 / 30 / Block + 1; b++) Process(engine, input, output, ref n);
            });
        Assert.True(result.Bytes == 0, result.ToString());
        Assert.True(read, "a window was missed");
    }

    private const int Block = 32;

    private static (MixerEngine Engine, ParameterStore Store, AudioBuffer Input, AudioBuffer Output) SineOnChannel1()
    {
        var config = ConsoleConfig.Pi4Cs42448;
        var store = new ParameterStore(ParameterTable.Create(config));
        foreach (string path in new[] { "/ch/01/mix/fader", "/ch/01/mix/01/level", "/bus/01/mix/fader", "/main/st/mix/fader" })
        {
            Assert.True(store.TrySetReal(store.Table.IndexOf(path), 0f), path);
        }

        var engine = new MixerEngine(store);
        int outputs = MixerOutputs.Total(config.Buses);
        engine.Prepare(48000, Block, config.Channels, outputs);
        return (engine, store, new AudioBuffer(config.Channels, Block), new AudioBuffer(outputs, Block));
    }

    private static void Process(MixerEngine engine, AudioBuffer input, AudioBuffer output, ref long n)
    {
        for (int i = 0; i < Block; i++, n++) input.Channel(0)[i] = 0.5f * MathF.Sin(2 * MathF.PI * 1000 * n / 48000f);
        engine.Process(input, output, Block);
    }
}
