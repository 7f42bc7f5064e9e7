using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Tests.Mixer;

public sealed class BindingTests
{
    private static readonly ConsoleConfig Small = new(Channels: 4, Buses: 2, FxSlots: 1, Dcas: 2, MuteGroups: 2);

    [Theory]
    [InlineData("/ch/02/eq/3/g", "channel 2 EqGain (band 3)")]
    [InlineData("/config/chlink/1-2", "channel 1 Link")]
    [InlineData("/bus/02/dyn/thr", "bus 2 DynamicsThreshold")]
    [InlineData("/ch/04/mix/01/type", "channel 4 SendTap (bus 1)")]
    [InlineData("/ch/04/mix/02/on", "channel 4 SendOn (bus 2)")]
    [InlineData("/fx/1/par/12", "effect slot 1 EffectParameter (par 12)")]
    [InlineData("/dca/2/on", "DCA 2 On")]
    [InlineData("/config/solo/chmode", "console SoloMode")]
    [InlineData("/master/bypass", "master chain MasterBypass")]
    public void MissingBinding_FailsAtStartUp_NamingIt(string omitted, string named)
    {
        var table = TableWithout(ParameterTable.Create(Small), omitted);
        var e = Assert.Throws<ParameterBindingException>(() => new MixerEngine(new ParameterStore(table)));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/master/eq/tilt", "master chain MasterTilt")]
    [InlineData("/master/limiter/ceiling", "master chain MasterCeiling")]
    public void MissingMasterChainBinding_FailsWhenTheLiveChainIsBuilt_NamingIt(string omitted, string named)
    {
        var table = TableWithout(ParameterTable.Create(Small), omitted);
        var e = Assert.Throws<ParameterBindingException>(() => new Engine.Mastering.LiveMasterChain(new ParameterStore(table)));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompleteTable_Binds()
    {
        var table = TableWithout(ParameterTable.Create(Small), "/no/such/path");
        var engine = new MixerEngine(new ParameterStore(table));
        Assert.Equal(Small, engine.Config);
    }

    /// <summary>The console's table re-declared, keys and all, without the parameter at <paramref name="omitted"/>.</summary>
    private static ParameterTable TableWithout(ParameterTable full, string omitted)
    {
        var builder = new ParameterTableBuilder();
        foreach (var p in full.Parameters)
            if (p.Path != omitted) builder.Add(p.Path, p.Spec, p.Key);
        return builder.Build(full.Config);
    }
}
