using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using Xunit;

namespace MixConsole.Engine.Tests.Parameters;

public class FormatterTests
{
    private static readonly ParameterTable Table = ParameterTable.Create(ConsoleConfig.Default);

    private static ParameterSpec Spec(string path) => Table[Table.IndexOf(path)].Spec;

    [Theory]
    [InlineData("/ch/01/eq/1/g", -3f, "-3.0 dB")]
    [InlineData("/ch/01/eq/1/g", 2.75f, "+2.8 dB")]
    [InlineData("/ch/01/mix/fader", float.NegativeInfinity, "-inf dB")]
    [InlineData("/ch/01/mix/fader", 10f, "+10.0 dB")]
    [InlineData("/ch/01/eq/1/f", 1200f, "1.20k Hz")]
    [InlineData("/ch/01/eq/1/f", 12500f, "12.5k Hz")]
    [InlineData("/ch/01/eq/1/f", 99.5f, "99.5 Hz")]
    [InlineData("/ch/01/delay/time", 0.3f, "0.30 ms")]
    [InlineData("/ch/01/delay/time", 12.5f, "12.5 ms")]
    [InlineData("/ch/01/dyn/release", 250f, "250 ms")]
    [InlineData("/ch/01/mix/pan", -50f, "L50")]
    [InlineData("/ch/01/mix/pan", 0f, "C")]
    [InlineData("/ch/01/mix/pan", 100f, "R100")]
    [InlineData("/ch/01/dyn/ratio", 6f, "4.0:1")]
    [InlineData("/ch/01/dyn/ratio", 0f, "1.1:1")]
    [InlineData("/ch/01/dyn/ratio", 11f, "100:1")]
    [InlineData("/ch/01/dyn/knee", 3f, "3.0")]
    [InlineData("/ch/01/eq/1/type", 2f, "PEQ")]
    [InlineData("/ch/01/mix/on", 1f, "ON")]
    [InlineData("/ch/01/preamp/hpslope", 2f, "24 dB/oct")]
    [InlineData("/ch/01/grp/dca", 5f, "%00000101")]
    [InlineData("/ch/01/dyn/mix", 50f, "50 %")]
    [InlineData("/master/loudness/target", -14f, "-14.0 LUFS")]
    [InlineData("/ch/01/eq/1/q", 2f, "2.0")]
    public void Format_WritesRealValuesWithUnits(string path, float real, string expected)
    {
        Assert.Equal(expected, ParameterFormatter.Format(Spec(path), real));
    }

    [Fact]
    public void Format_UnityFaderReadsMinusZero_NotALiePlusZero()
    {
        var fader = Spec("/ch/01/mix/fader");
        Assert.Equal("-0.0 dB", ParameterFormatter.Format(fader, fader.Default));
    }

    [Fact]
    public void Compact_IsTheX32NodeToken_WithoutUnit()
    {
        Assert.Equal("-3.00", ParameterFormatter.Format(Spec("/ch/01/eq/1/g"), -3f, compact: true));
        Assert.Equal("1k20", ParameterFormatter.Format(Spec("/ch/01/eq/1/f"), 1200f, compact: true));
        Assert.Equal("24", ParameterFormatter.Format(Spec("/ch/01/preamp/hpslope"), 2f, compact: true));
    }

    [Fact]
    public void NodeText_ListsTheNodeValuesInTableOrder_X32Style()
    {
        var store = new ParameterStore(Table);
        Assert.True(NodeText.TryFormat(store, "ch/01/mix", out string line));
        Assert.Equal("/ch/01/mix ON -0.0 ON +0 OFF -oo\n", line);

        store.TrySetInt(Table.IndexOf("/ch/01/mix/on"), 0);
        store.TrySetNormalized(Table.IndexOf("/ch/01/mix/pan"), 0f);
        store.TrySetNormalized(Table.IndexOf("/ch/01/mix/fader"), 1f);
        Assert.True(NodeText.TryFormat(store, "/ch/01/mix", out line));
        Assert.Equal("/ch/01/mix OFF +10.0 ON -100 OFF -oo\n", line);

        Assert.True(NodeText.TryListChildren(Table, "ch/01/mix", out var names));
        Assert.Equal(["on", "fader", "st", "pan", "mono", "mlevel"], names);
    }

    [Fact]
    public void NodeText_QuotesNames_AndCoversSendNodes()
    {
        var store = new ParameterStore(Table);
        store.TrySetText(Table.IndexOf("/ch/06/config/name"), "Lead Vox");
        Assert.True(NodeText.TryFormat(store, "ch/06/config", out string line));
        Assert.Equal("/ch/06/config \"Lead Vox\" 1 YE 1\n", line);
        Assert.True(NodeText.TryFormat(store, "ch/01/mix/03", out line));
        Assert.Equal("/ch/01/mix/03 ON -oo +0 POST 0\n", line);
        Assert.True(NodeText.TryFormat(store, "ch/01/mix/04", out line));
        Assert.Equal("/ch/01/mix/04 ON -oo\n", line);
        Assert.False(NodeText.TryFormat(store, "ch/01/nothing", out _));
    }
}
