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

    [Fact]
    public void MatrixLevels_ReachMetersBankZero_AtTheX32sMatrixPositions_AndBankTwo()
    {
        // Channel 1 -> bus 1 -> matrix 2 at unity: bus 1 and matrix 2 carry the sine; the other matrices are silent.
        var store = new ParameterStore(ParameterTable.Create(new ConsoleConfig(Channels: 2, Buses: 2, FxSlots: 0, Matrices: 3)));
        Assert.True(store.TrySetNormalized(store.Table.IndexOf("/ch/01/mix/01/level"), 0.75f));
        Assert.True(store.TrySetNormalized(store.Table.IndexOf("/bus/01/mix/02/level"), 0.75f));
        float[] blob0 = SineIntoBank(store, 0, 0), blob2 = SineIntoBank(store, 0, 2);
        // /meters/0: 32 channels, 8 aux inputs, 8 effect returns, 16 buses, then matrices 1-6 at 64..69.
        Assert.Equal(70, blob0.Length);
        Assert.InRange(blob0[48], 0.49f, 0.501f);
        Assert.InRange(blob0[65], 0.49f, 0.501f);
        Assert.Equal([0f, 0f, 0f, 0f], [blob0[64], blob0[66], blob0[67], blob0[69]]);
        // /meters/2: 16 buses, then matrices 1-6 at 16..21.
        Assert.InRange(blob2[17], 0.49f, 0.501f);
        Assert.Equal(0f, blob2[16]);
    }

    [Fact]
    public void AuxInputLevels_ReachMetersBankZero_AtTheX32sAuxPositions()
    {
        // The engine's input 4 is aux input 2 (after channels 1-2 and aux input 1).
        var store = new ParameterStore(ParameterTable.Create(new ConsoleConfig(Channels: 2, Buses: 2, FxSlots: 0, Matrices: 0, AuxInputs: 3)));
        float[] blob0 = SineIntoBank(store, 3, 0);
        // /meters/0: 32 channels, then aux inputs 1-8 at 32..39.
        Assert.InRange(blob0[33], 0.49f, 0.501f);
        Assert.Equal([0f, 0f, 0f, 0f], [blob0[0], blob0[32], blob0[34], blob0[35]]);
    }

    [Fact]
    public void EffectReturnLevels_ReachMetersBankZero_AsTheX32sReturnPairs()
    {
        // Channel 1 feeds effect slot 2 (a delay): its return, X32 returns 3 (left) and 4 (right) at 42 and 43, carries it.
        var store = ChannelOneIntoADelayInSlot2();
        float[] blob0 = SineIntoBank(store, 0, 0);
        Assert.InRange(blob0[42], 0.1f, 1f);
        Assert.InRange(blob0[43], 0.1f, 1f);
        Assert.Equal([0f, 0f, 0f], [blob0[40], blob0[41], blob0[44]]);

        // Each return strip's level is after its own fader: return 4 unlinked and 20 dB down reads a tenth.
        Assert.True(store.TrySetInt(store.Table.IndexOf("/config/fxlink/3-4"), 0));
        Assert.True(store.TrySetReal(store.Table.IndexOf("/fxrtn/04/mix/fader"), -20));
        float[] down = SineIntoBank(store, 0, 0);
        Assert.Equal(blob0[42], down[42], 1e-4f);
        Assert.InRange(down[43] / blob0[43], 0.099f, 0.101f);
    }

    // Channel 1 feeds a 10 ms delay (DLY, no feedback) in slot 2: its return's sides read the sine's RMS, 3 dB under
    // their peaks, in the screen section after the main compressor's gain; slot 1's return reads none.
    [Fact]
    public void EffectReturnRms_FollowsTheScreenSection_3dBUnderTheReturnsPeak()
    {
        var store = ChannelOneIntoADelayInSlot2();
        var (values, layout) = SineMeters(store, 0);
        Assert.Equal(layout.Count - 4, layout.FxReturnRms(0));
        for (int side = 2; side < 4; side++)
        {
            float peak = values[layout.FxReturnPostFader(side)], rms = values[layout.FxReturnRms(side)];
            Assert.InRange(peak, 0.1f, 1f);
            Assert.InRange(20 * Math.Log10(peak / rms), 2.5, 3.5);
        }

        Assert.Equal([0f, 0f], [values[layout.FxReturnRms(0)], values[layout.FxReturnRms(1)]]);
    }

    // Two channels, two buses, two effect slots: slot 2 runs a 10 ms DLY fed from channel 1 by its send.
    private static ParameterStore ChannelOneIntoADelayInSlot2()
    {
        var store = new ParameterStore(ParameterTable.Create(new ConsoleConfig(Channels: 2, Buses: 2, FxSlots: 2, Matrices: 0, AuxInputs: 0)));
        Assert.True(store.TrySetLabel(store.Table.IndexOf("/fx/2/type"), "DLY"));
        var delayTime = X32EffectTypes.Send[10].Parameters[1];
        Assert.True(store.TrySetNormalized(store.Table.IndexOf("/fx/2/par/02"), delayTime.ToNormalized(10)));
        Assert.True(store.TrySetNormalized(store.Table.IndexOf("/ch/01/mix/fx/2/level"), 0.75f));
        return store;
    }

    // A 0.5 sine on engine input <paramref name="input"/> for 0.2 s, then meter bank <paramref name="bank"/> as a client reads it.
    private static float[] SineIntoBank(ParameterStore store, int input, int bank)
    {
        var (values, layout) = SineMeters(store, input);
        Assert.True(MeterBank.TryCreate(bank, layout, out MeterBank meterBank));
        var bytes = new byte[4 + 4 * meterBank.Count];
        Assert.Equal(bytes.Length, meterBank.WriteBlob(values, bytes));
        var blob = new float[meterBank.Count];
        for (int i = 0; i < blob.Length; i++) blob[i] = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(4 + 4 * i));
        return blob;
    }

    // A 0.5 sine on engine input <paramref name="input"/> for 0.2 s, then the meter values as the OSC server reads them.
    private static (float[] Values, OscMeterLayout Layout) SineMeters(ParameterStore store, int input)
    {
        var config = store.Table.Config;
        var engine = new MixerEngine(store);
        const int Block = 32;
        int outputs = MixerOutputs.Total(config.Buses, config.Matrices);
        engine.Prepare(48000, Block, config.InputStrips, outputs);
        var audioIn = new AudioBuffer(config.InputStrips, Block);
        var audioOut = new AudioBuffer(outputs, Block);
        var source = new MixerMeterSource(engine.Meters);
        var values = new float[source.Layout.Count];
        long n = 0;
        for (int b = 0; b < 48000 / 5 / Block; b++)
        {
            for (int i = 0; i < Block; i++, n++) audioIn.Channel(input)[i] = 0.5f * MathF.Sin(2 * MathF.PI * 1000 * n / 48000f);
            engine.Process(audioIn, audioOut, Block);
        }

        Assert.True(source.TryReadLatest(values));
        return (values, source.Layout);
    }
}
