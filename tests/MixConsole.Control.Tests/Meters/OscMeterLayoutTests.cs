using MixConsole.Control.Meters;

namespace MixConsole.Control.Tests.Meters;

public class OscMeterLayoutTests
{
    [Theory]
    [InlineData(32, 16, false)]
    [InlineData(6, 4, true)]
    public void EveryIndex_IsUsedOnce_AndTheScreenSectionComesLast(int channels, int buses, bool masterChain)
    {
        var layout = new OscMeterLayout(channels, buses, masterChain);
        var bank = new List<int>();
        var screen = new List<int>();
        for (int c = 0; c < channels; c++) bank.AddRange([layout.ChannelPreFader(c), layout.ChannelPostFader(c), layout.ChannelGateGain(c), layout.ChannelCompressorGain(c)]);
        for (int b = 0; b < buses; b++) bank.Add(layout.BusPostFader(b));
        bank.AddRange([layout.MainLeft, layout.MainRight, layout.MainMono]);
        if (masterChain) bank.AddRange(Enumerable.Range(layout.MasterInputPeak(0), OscMeterLayout.MasterChainValues));
        for (int c = 0; c < channels; c++) screen.Add(layout.ChannelRms(c));
        for (int b = 0; b < buses; b++) screen.Add(layout.BusRms(b));
        screen.AddRange([layout.MainRmsLeft, layout.MainRmsRight]);
        for (int b = 0; b < buses; b++) screen.Add(layout.BusCompressorGain(b));
        screen.Add(layout.MainCompressorGain);

        Assert.Equal(Enumerable.Range(0, layout.FirstScreenValue), bank.Order());
        Assert.Equal(Enumerable.Range(layout.FirstScreenValue, layout.Count - layout.FirstScreenValue), screen);
    }

    [Fact]
    public void NoReduction_SetsEveryGainToOne_AndNoLevel()
    {
        var layout = new OscMeterLayout(4, 2);
        var values = new float[layout.Count];
        layout.WriteNoReduction(values);
        var ones = new[] { layout.MainCompressorGain, layout.BusCompressorGain(0), layout.BusCompressorGain(1) }
            .Concat(Enumerable.Range(0, 4).SelectMany(c => new[] { layout.ChannelGateGain(c), layout.ChannelCompressorGain(c) }))
            .Order();
        Assert.Equal(ones, Enumerable.Range(0, layout.Count).Where(i => values[i] == 1f));
        Assert.Equal(layout.Count - ones.Count(), values.Count(v => v == 0f));
    }
}
