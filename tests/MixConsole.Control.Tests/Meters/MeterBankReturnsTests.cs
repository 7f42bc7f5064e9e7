using MixConsole.Control.Meters;

namespace MixConsole.Control.Tests.Meters;

/// <summary>The X32 banks that carry aux returns, effect returns and matrices take them from the console's own meters.</summary>
public class MeterBankReturnsTests
{
    private static readonly OscMeterLayout FullConsole = new(channels: 32, buses: 16, matrices: 6, auxInputs: 8, fxSlots: 4);

    [Fact]
    public void Bank13_ChannelsThenAuxInputs_ThenTheEffectReturnsLeftAndRight()
    {
        Assert.True(MeterBank.TryCreate(13, FullConsole, out MeterBank bank));
        ReadOnlySpan<int> i = bank.Indices;
        Assert.Equal(48, i.Length);
        for (int a = 0; a < 8; a++) Assert.Equal(FullConsole.AuxInputPostFader(a), i[32 + a]);
        for (int r = 0; r < 8; r++) Assert.Equal(FullConsole.FxReturnPostFader(r), i[40 + r]);
    }

    [Fact]
    public void Bank3_LeavesTheAuxSendsSilent_ThenCarriesTheReturns()
    {
        Assert.True(MeterBank.TryCreate(3, FullConsole, out MeterBank bank));
        ReadOnlySpan<int> i = bank.Indices;
        Assert.Equal(22, i.Length);
        for (int s = 0; s < 6; s++) Assert.True(i[s] < 0);
        for (int a = 0; a < 8; a++) Assert.Equal(FullConsole.AuxInputPostFader(a), i[6 + a]);
        for (int r = 0; r < 8; r++) Assert.Equal(FullConsole.FxReturnPostFader(r), i[14 + r]);
    }

    [Fact]
    public void Bank2_GainsOfTheBusesAndMain_AreTheirCompressors()
    {
        Assert.True(MeterBank.TryCreate(2, FullConsole, out MeterBank bank));
        ReadOnlySpan<int> i = bank.Indices;
        Assert.Equal(49, i.Length);
        for (int m = 0; m < 6; m++) Assert.Equal(FullConsole.MatrixPostFader(m), i[16 + m]);
        for (int b = 0; b < 16; b++) Assert.Equal(FullConsole.BusCompressorGain(b), i[25 + b]);
        Assert.Equal(FullConsole.MainCompressorGain, i[47]);
    }
}
