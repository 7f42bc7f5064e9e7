using MixConsole.Dsp.Core;
using MixConsole.Dsp.Effects;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Tests.Mixer;

/// <summary>
/// Insert points (/ch/NN, /bus/NN, /main/st, /main/m insert/on|pos|sel): the strip's signal goes through the effect
/// slot side it selects and comes back in place of the dry signal, crossfaded on and off. Measured as sound: a graphic
/// EQ's band at its centre, a reverb on a bus and its silent return, the size of every step while switching.
/// </summary>
public sealed class InsertTests
{
    private static readonly ConsoleConfig Config = new(Channels: 2, Buses: 2, FxSlots: 1, Dcas: 2, MuteGroups: 2, Matrices: 0, AuxInputs: 0);

    // /ch/NN/insert/sel positions: FX1L = 1, FX5L = 9, FX6L = 11 (slot n's left is 2n - 1).
    private const int Fx1L = 1, Fx5L = 9, Fx6L = 11;

    // Slot 5 as a stereo graphic EQ (GEQ, position 1 of the insert list) with band k (from 1) at gainDb.
    private static EngineHarness WithGraphicEq(EngineHarness h, int slot, int band, float gainDb) =>
        h.Real($"/fx/{slot}/type", 1).Wire($"/fx/{slot}/par/{band:00}", (gainDb + 15f) / 30f);

    private static int BandOf(double hz)
    {
        ReadOnlySpan<double> centres = GraphicEqDesign.CentreHz;
        for (int k = 0; k < centres.Length; k++)
            if (centres[k] == hz) return k + 1;
        throw new ArgumentOutOfRangeException(nameof(hz));
    }

    [Theory]
    [InlineData(1000, 12f, "PRE")]
    [InlineData(100, -9f, "POST")]
    [InlineData(10000, 6f, "PRE")]
    public void GraphicEqInsertedOnAChannel_HasTheBandsGainAtItsCentre_AndIsFlatAnOctaveAway(double centreHz, float gainDb, string position)
    {
        var h = WithGraphicEq(new EngineHarness(Config), 5, BandOf(centreHz), gainDb)
            .Real("/ch/01/insert/sel", Fx5L).Real("/ch/01/insert/pos", position == "POST" ? 1 : 0);
        double[] probes = new[] { centreHz, centreHz * 2, centreHz / 2, centreHz * 4, centreHz / 4 }.Where(f => f <= 20000).ToArray();
        var dry = probes.Select(f => h.SineGainDb(f)).ToArray();
        h.Real("/ch/01/insert/on", 1);
        var wet = probes.Select(f => h.SineGainDb(f)).ToArray();

        Assert.InRange(wet[0] - dry[0], gainDb - 0.5, gainDb + 0.5);
        for (int p = 1; p < probes.Length; p++) Assert.InRange(wet[p] - dry[p], -0.5, 0.5);
    }

    [Fact]
    public void InsertOff_IsBitIdenticalToNoInsert_OnEveryOutput()
    {
        // Channel 1 also feeds bus 1 and the reverb in slot 1; slot 5's EQ is boosted but its insert is off.
        EngineHarness Console() => WithGraphicEq(new EngineHarness(Config), 5, BandOf(1000), 12)
            .Real("/ch/01/mix/01/level", -6).Real("/ch/01/mix/fx/1/level", -6).Real("/bus/01/mix/st", 1);
        var x = EngineHarness.Sine(1000, 0.3, 9600);
        var plain = Console().Render([x, x]);
        var off = Console().Real("/ch/01/insert/sel", Fx5L).Real("/ch/02/insert/sel", Fx6L).Real("/bus/01/insert/sel", Fx5L + 2 * 2)
            .Real("/main/st/insert/sel", Fx5L + 2 * 3).Render([x, x]);
        for (int o = 0; o < plain.Length; o++) Assert.Equal(plain[o], off[o]);
    }

    [Fact]
    public void ReverbInsertedOnABus_IsHeardOnThatBus_AndItsReturnGetsNothing()
    {
        // Channel 1 feeds bus 1 and slot 1's send, not main: main hears only the effect returns.
        EngineHarness Console() => new EngineHarness(Config).Real("/ch/01/mix/st", 0).Real("/ch/01/mix/01/level", 0)
            .Real("/ch/01/mix/fx/1/level", 0).Real("/bus/01/insert/pos", 1);
        // A 50 ms burst, then 0.45 s of silence: what follows the burst on the bus is the reverb's tail.
        var x = EngineHarness.Sine(700, 0.3, 24000);
        Array.Clear(x, 2400, x.Length - 2400);
        int tail = 4800;

        var off = Console();
        var sendOnly = off.Render([x]);
        var on = Console().Real("/bus/01/insert/sel", Fx1L).Real("/bus/01/insert/on", 1);
        var inserted = on.Render([x]);
        int bus1 = on.Engine.Outputs.Bus(0);

        Assert.Equal(0, EngineHarness.Rms(sendOnly[bus1], tail));
        Assert.True(EngineHarness.Rms(inserted[bus1], tail) > 1e-3, "the reverb's tail is on the bus");
        Assert.True(EngineHarness.Rms(sendOnly[0]) > 1e-3, "as a send effect, the reverb reaches main through its returns");
        Assert.Equal(0, EngineHarness.Rms(inserted[0]));
        Assert.Equal(0, EngineHarness.Rms(inserted[1]));
    }

    [Fact]
    public void SwitchingOnOffAndSelection_IsClickFree()
    {
        // Slot 5 boosts 200 Hz by 12 dB, slot 6 cuts it by 12 dB: every switch moves the level by 12 dB or more.
        var h = WithGraphicEq(WithGraphicEq(new EngineHarness(Config, maxBlock: 64), 5, BandOf(200), 12), 6, BandOf(200), -12)
            .Real("/ch/01/insert/sel", Fx5L);
        var x = EngineHarness.Sine(200, 0.25, 48000);
        var input = new AudioBuffer(Config.Channels, 64);
        var output = new AudioBuffer(h.Outputs, 64);
        var y = new List<float>();
        for (int b = 0; b < 48000 / 64; b++)
        {
            if (b == 100) h.Real("/ch/01/insert/on", 1);
            if (b == 250) h.Real("/ch/01/insert/sel", Fx6L);
            if (b == 400) h.Real("/ch/01/insert/on", 0);
            if (b == 550) h.Real("/ch/01/insert/sel", Fx5L).Real("/ch/01/insert/on", 1);
            x.AsSpan(b * 64, 64).CopyTo(input.Channel(0));
            h.Engine.Process(input, output, 64);
            y.AddRange(output.Channel(0, 64).ToArray());
        }

        // The loudest settled part is the boost: its largest step bounds every step of a click-free switch.
        double settledStep = 0;
        for (int i = 200 * 64; i < 250 * 64; i++) settledStep = Math.Max(settledStep, Math.Abs(y[i] - y[i - 1]));
        for (int i = 1; i < y.Count; i++) Assert.InRange(Math.Abs(y[i] - y[i - 1]), 0, settledStep * 1.05);
        // Each state was reached: boosted, cut, dry, boosted again.
        double Level(int block) => EngineHarness.Db(EngineHarness.Rms(y.Skip(block * 64).Take(50 * 64).ToArray()));
        Assert.InRange(Level(200) - Level(50), 11.5, 12.5);
        Assert.InRange(Level(350) - Level(50), -12.5, -11.5);
        Assert.InRange(Level(500) - Level(50), -0.1, 0.1);
        Assert.InRange(Level(650) - Level(50), 11.5, 12.5);
    }

    [Fact]
    public void TwoChannelsOnOneSlotSide_TheFirstHasIt_AndTheOtherStaysDry()
    {
        // Channel 1 hard left, channel 2 hard right; both ask for FX5L.
        var h = WithGraphicEq(new EngineHarness(Config), 5, BandOf(1000), 12).Real("/ch/01/mix/pan", -100).Real("/ch/02/mix/pan", 100);
        var x = EngineHarness.Sine(1000, 0.1, 24000);
        var dry = h.Render([x, x]);
        h.Real("/ch/01/insert/sel", Fx5L).Real("/ch/02/insert/sel", Fx5L).Real("/ch/01/insert/on", 1).Real("/ch/02/insert/on", 1);
        h.Engine.Reset();
        var wet = h.Render([x, x]);
        Assert.InRange(EngineHarness.Db(EngineHarness.Rms(wet[0], 12000) / EngineHarness.Rms(dry[0], 12000)), 11.5, 12.5);
        Assert.Equal(dry[1].AsSpan(12000).ToArray(), wet[1].AsSpan(12000).ToArray());
    }

    [Fact]
    public void MainInsert_TakesBothSidesOfADualEq_LeftThroughAAndRightThroughB()
    {
        // GEQ2 (position 0): side A boosts 1 kHz by 9 dB, side B cuts it by 6 dB; channel 1 feeds main centre.
        var h = new EngineHarness(Config).Real("/fx/7/type", 0).Wire("/fx/7/par/18", (9 + 15) / 30f).Wire("/fx/7/par/50", (-6 + 15) / 30f)
            .Real("/main/st/insert/sel", 13);
        var x = EngineHarness.Sine(1000, 0.1, 24000);
        var dry = h.Render([x]);
        h.Real("/main/st/insert/on", 1);
        h.Engine.Reset();
        var wet = h.Render([x]);
        Assert.InRange(EngineHarness.Db(EngineHarness.Rms(wet[0], 12000) / EngineHarness.Rms(dry[0], 12000)), 8.5, 9.5);
        Assert.InRange(EngineHarness.Db(EngineHarness.Rms(wet[1], 12000) / EngineHarness.Rms(dry[1], 12000)), -6.5, -5.5);
    }

    [Fact]
    public void GraphicEqInsertedOnAMatrix_ShapesThatMatrixAlone()
    {
        // Bus 1 feeds matrices 1 and 2 alike; matrix 1 takes slot 6's EQ (-9 dB at 2 kHz) after its own EQ and dynamics.
        var config = Config with { Matrices = 2 };
        var h = WithGraphicEq(new EngineHarness(config, matrixOutputs: true), 6, BandOf(2000), -9).Real("/ch/01/mix/01/level", 0)
            .Real("/bus/01/mix/01/level", 0).Real("/bus/01/mix/02/level", 0).Real("/mtx/01/insert/sel", Fx6L).Real("/mtx/01/insert/pos", 1)
            .Real("/mtx/01/insert/on", 1);
        var x = EngineHarness.Sine(2000, 0.1, 24000);
        var y = h.Render([x]);
        var outputs = h.Engine.Outputs;
        double Gain(int matrix) => EngineHarness.Db(EngineHarness.Rms(y[outputs.Matrix(matrix)], 12000) / EngineHarness.Rms(x, 12000));
        Assert.InRange(Gain(0) - Gain(1), -9.5, -8.5);
    }

    [Fact]
    public void LinkedChannelPair_FollowsItsOddChannel_OddThroughSideAAndEvenThroughSideB()
    {
        // GEQ2 in slot 5: side A cuts 500 Hz by 6 dB, side B boosts it by 9 dB; channels 1-2 linked (odd left, even right).
        var h = new EngineHarness(Config).Real("/fx/5/type", 0).Wire("/fx/5/par/15", (-6 + 15) / 30f).Wire("/fx/5/par/47", (9 + 15) / 30f)
            .Real("/config/chlink/1-2", 1);
        var x = EngineHarness.Sine(500, 0.1, 24000);
        var dry = h.Render([x, x]);
        // The even channel's own insert settings are not heard: the odd channel's lead.
        h.Real("/ch/01/insert/sel", Fx5L + 1).Real("/ch/01/insert/on", 1).Real("/ch/02/insert/sel", Fx6L);
        h.Engine.Reset();
        var wet = h.Render([x, x]);
        Assert.InRange(EngineHarness.Db(EngineHarness.Rms(wet[0], 12000) / EngineHarness.Rms(dry[0], 12000)), -6.5, -5.5);
        Assert.InRange(EngineHarness.Db(EngineHarness.Rms(wet[1], 12000) / EngineHarness.Rms(dry[1], 12000)), 8.5, 9.5);
    }

    [Fact]
    public void DelayInserted_ItsMixDecidesTheBlend()
    {
        // Slot 1 as DLY (position 10) on channel 1: 100 ms, mode ST, no offset, no feedback; mix 0 % is the dry strip, 100 % the echo alone.
        var dly = X32EffectTypes.Send[10];
        EngineHarness Console(float mixPercent) => new EngineHarness(Config).Real("/fx/1/type", 10)
            .Wire("/fx/1/par/01", dly.Parameters[0].ToNormalized(mixPercent)).Wire("/fx/1/par/02", dly.Parameters[1].ToNormalized(100))
            .Wire("/fx/1/par/03", 0).Wire("/fx/1/par/06", 0.5f).Wire("/fx/1/par/10", 0).Wire("/fx/1/par/11", 0)
            .Real("/ch/01/insert/sel", Fx1L).Real("/ch/01/insert/on", 1);
        var x = EngineHarness.Sine(440, 0.1, 9600);
        Array.Clear(x, 2400, x.Length - 2400);
        var plain = new EngineHarness(Config).Render([x])[0];
        var dry = Console(0).Render([x])[0];
        var wet = Console(100).Render([x])[0];
        for (int i = 0; i < plain.Length; i++) Assert.True(Math.Abs(plain[i] - dry[i]) <= 1e-6f, $"sample {i}");
        Assert.Equal(0, EngineHarness.Rms(wet.AsSpan(0, 4700).ToArray()));
        Assert.True(EngineHarness.Rms(wet.AsSpan(4800, 2400).ToArray()) > 0.5 * EngineHarness.Rms(plain.AsSpan(0, 2400).ToArray()), "the echo, 100 ms on");
    }

    [Fact]
    public void Inserts_GiveTheSameSamples_AtAnyBlockSize()
    {
        EngineHarness Console() => WithGraphicEq(new EngineHarness(Config), 5, BandOf(1000), 9).Real("/ch/01/insert/sel", Fx5L)
            .Real("/ch/01/insert/on", 1).Real("/ch/01/mix/01/level", 0).Real("/bus/01/insert/sel", Fx1L).Real("/bus/01/insert/pos", 1)
            .Real("/bus/01/insert/on", 1).Real("/bus/01/mix/st", 1);
        var x = EngineHarness.Sine(1000, 0.2, 9600);
        var whole = Console().Render([x], block: 512);
        var small = Console().Render([x], block: 7);
        for (int o = 0; o < whole.Length; o++)
            for (int i = 0; i < x.Length; i++) Assert.True(Math.Abs(whole[o][i] - small[o][i]) <= 1e-6f, $"output {o}, sample {i}");
    }

    [Fact]
    public void UnrunInsertType_PassesTheStripUnchanged_NeverSilence()
    {
        // Slot 5 as DES2 (a de-esser, not run here) inserted on channel 1.
        var h = new EngineHarness(Config).Real("/fx/5/type", 4);
        var x = EngineHarness.Sine(1000, 0.1, 9600);
        var dry = h.Render([x]);
        h.Real("/ch/01/insert/sel", Fx5L).Real("/ch/01/insert/on", 1);
        h.Engine.Reset();
        Assert.Equal(dry[0], h.Render([x])[0]);
    }

    [Fact]
    public void Process_AllocatesNothing_WithTwoInsertsOnAndSwitching()
    {
        var h = WithGraphicEq(new EngineHarness(ConsoleConfig.Default, maxBlock: 32), 5, BandOf(1000), 6)
            .Real("/ch/01/insert/sel", Fx5L).Real("/ch/01/insert/on", 1)
            .Real("/ch/01/mix/01/level", 0).Real("/bus/01/insert/sel", Fx1L).Real("/bus/01/insert/on", 1);
        var x = EngineHarness.Sine(1000, 0.1, 32 * 200);
        var input = new AudioBuffer(32, 32);
        var output = new AudioBuffer(MixerOutputs.Total(16), 32);
        int b = 0;
        void Block()
        {
            x.AsSpan((b % 200) * 32, 32).CopyTo(input.Channel(0));
            h.Engine.Process(input, output, 32);
            b++;
        }

        void Switch()
        {
            if (b % 100 == 0) h.Real("/ch/01/insert/on", b % 200 == 0 ? 0 : 1).Real("/fx/5/par/18", b % 300 == 0 ? 0.6f : 0.7f);
        }

        Allocations.AssertNone(Block, calls: 2000, warmupCalls: 400, unmeasured: Switch,
            what: "the engine's Process with a graphic EQ inserted on a channel and a reverb on a bus, switching");
    }
}
