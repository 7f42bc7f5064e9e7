using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Tests.Mixer;

/// <summary>Matrix buses (/mtx/NN) fed from the buses, main and mono by the X32's sends, measured at their outputs.</summary>
public sealed class MatrixTests
{
    private static readonly ConsoleConfig Config = new(Channels: 4, Buses: 3, FxSlots: 1, Dcas: 2, MuteGroups: 2, Matrices: 4);

    private static double GainDb(float[] y, float[] x, int start) => EngineHarness.Db(EngineHarness.Rms(y, start) / EngineHarness.Rms(x, start));

    [Fact]
    public void BusSentToMatrixTwo_AtMinusSixDb_ArrivesThereAtMinusSixDb_AndAtNoOtherMatrix()
    {
        var h = new EngineHarness(Config, matrixOutputs: true).Wire("/ch/01/mix/01/level", 0.75f).Real("/bus/01/mix/02/level", -6);
        var x = EngineHarness.Sine(1000, 0.1, 9600);
        var y = h.Render([x]);
        var outputs = h.Engine.Outputs;
        double busOut = h.RealOf("/ch/01/mix/01/level") + h.RealOf("/bus/01/mix/fader");
        Assert.Equal(busOut, GainDb(y[outputs.Bus(0)], x, 4800), 0.1);
        double send = h.RealOf("/bus/01/mix/02/level");
        Assert.Equal(-6, send, 0.1);
        Assert.Equal(busOut + send + h.RealOf("/mtx/02/mix/fader"), GainDb(y[outputs.Matrix(1)], x, 4800), 0.1);
        foreach (int other in new[] { 0, 2, 3 }) Assert.Equal(0, EngineHarness.Rms(y[outputs.Matrix(other)]));
    }

    [Fact]
    public void MatrixOutputs_FollowSoloRight_InTheEngineOutputOrder()
    {
        var outputs = new EngineHarness(Config, matrixOutputs: true).Engine.Outputs;
        Assert.Equal(outputs.SoloRight + 1, outputs.Matrix(0));
        Assert.Equal(outputs.SoloRight + 4, outputs.Matrix(3));
        Assert.Equal(-1, new EngineHarness(Config with { Matrices = 0 }, matrixOutputs: true).Engine.Outputs.Matrix(0));
    }

    [Theory]
    [InlineData(3, false)] // PRE: before the bus fader
    [InlineData(4, true)]  // POST: after it
    public void SendType_TapsTheBusBeforeOrAfterItsFader(int type, bool afterFader)
    {
        var h = new EngineHarness(Config, matrixOutputs: true).Wire("/ch/01/mix/01/level", 0.75f).Real("/bus/01/mix/fader", -20)
            .Real("/bus/01/mix/01/level", 0).Real("/bus/01/mix/01/type", type);
        var x = EngineHarness.Sine(1000, 0.1, 9600);
        var y = h.Render([x]);
        double expected = h.RealOf("/ch/01/mix/01/level") + (afterFader ? h.RealOf("/bus/01/mix/fader") : 0)
            + h.RealOf("/bus/01/mix/01/level") + h.RealOf("/mtx/01/mix/fader");
        Assert.Equal(expected, GainDb(y[h.Engine.Outputs.Matrix(0)], x, 4800), 0.1);
    }

    [Fact]
    public void MainSend_BalancesMainsSidesIntoTheMatrix_AtMinusThreeDbEachInTheCentre()
    {
        // Channel 1 hard left reaches main left only; main's send (pan centre) carries it at -3 dB.
        var h = new EngineHarness(Config, matrixOutputs: true).Real("/ch/01/mix/pan", -100).Real("/main/st/mix/03/level", 0);
        var x = EngineHarness.Sine(1000, 0.1, 9600);
        var y = h.Render([x]);
        double mainLeft = GainDb(y[0], x, 4800);
        Assert.Equal(mainLeft - 3.0103 + h.RealOf("/main/st/mix/03/level") + h.RealOf("/mtx/03/mix/fader"), GainDb(y[h.Engine.Outputs.Matrix(2)], x, 4800), 0.1);
        // Panned to the right, the send takes nothing from main left.
        h.Real("/main/st/mix/03/pan", 100);
        Assert.True(EngineHarness.Rms(h.Render([x])[h.Engine.Outputs.Matrix(2)], 4800) < 1e-6);
    }

    [Fact]
    public void MonoBusSend_FeedsTheMatrix_AndMatrixPolarityAndEqAct()
    {
        var h = new EngineHarness(Config, matrixOutputs: true).Real("/ch/01/mix/mono", 1).Real("/ch/01/mix/mlevel", 0).Real("/main/m/mix/04/level", -10)
            .Real("/mtx/04/eq/on", 1).Real("/mtx/04/eq/6/f", 1000).Real("/mtx/04/eq/6/g", 6).Real("/mtx/04/preamp/invert", 1);
        var x = EngineHarness.Sine(1000, 0.1, 9600);
        var y = h.Render([x]);
        var outputs = h.Engine.Outputs;
        double mono = GainDb(y[outputs.Mono], x, 4800);
        Assert.Equal(h.RealOf("/ch/01/mix/mlevel") + h.RealOf("/main/m/mix/fader"), mono, 0.1);
        float[] matrix = y[outputs.Matrix(3)];
        Assert.Equal(mono - 10 + 6 + h.RealOf("/mtx/04/mix/fader"), GainDb(matrix, x, 4800), 0.3);
        // Inverted: the matrix and the mono bus are opposite in sign through the EQ's bell (which has no phase shift at its centre).
        double dot = 0;
        for (int i = 4800; i < matrix.Length; i++) dot += matrix[i] * y[outputs.Mono][i];
        Assert.True(dot < 0);
    }

    [Fact]
    public void MatrixOff_Silences_AndAMatrixSendLevelChange_Glides()
    {
        var h = new EngineHarness(Config, matrixOutputs: true).Wire("/ch/01/mix/01/level", 0.75f).Real("/bus/01/mix/01/level", 0);
        var x = EngineHarness.Constant(0.5f, 4800);
        var before = h.Render([x])[h.Engine.Outputs.Matrix(0)];
        h.Real("/bus/01/mix/01/level", -40);
        var after = h.Render([x], block: 32)[h.Engine.Outputs.Matrix(0)];
        // A 40 dB drop moves over the 10 ms gain ramp, not in one sample.
        Assert.InRange(after[0], before[^1] * 0.95, before[^1] * 1.01);
        Assert.InRange(after[479], 0, before[^1] * 0.05);
        h.Real("/mtx/01/mix/on", 0);
        var off = h.Render([x])[h.Engine.Outputs.Matrix(0)];
        Assert.Equal(0, EngineHarness.Rms(off, 480));
    }
}
