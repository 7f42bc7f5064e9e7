using System.Text;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using Xunit;

namespace MixConsole.Engine.Tests.Parameters;

public class ParameterTableTests
{
    private static readonly ParameterTable Table = ParameterTable.Create(ConsoleConfig.Default);

    public static TheoryData<string> ReferencePaths() =>
    [
        "/ch/01/config/name", "/config/chlink/1-2", "/ch/01/preamp/trim", "/ch/01/preamp/invert", "/ch/01/preamp/hpon",
        "/ch/01/preamp/hpf", "/ch/01/preamp/hpslope", "/ch/01/delay/on", "/ch/01/delay/time",
        "/ch/01/gate/on", "/ch/01/gate/mode", "/ch/01/gate/thr", "/ch/01/gate/range", "/ch/01/gate/attack",
        "/ch/01/gate/hold", "/ch/01/gate/release", "/ch/01/gate/keysrc", "/ch/01/gate/filter/on", "/ch/01/gate/filter/type", "/ch/01/gate/filter/f",
        "/ch/01/dyn/on", "/ch/01/dyn/det", "/ch/01/dyn/thr", "/ch/01/dyn/ratio", "/ch/01/dyn/knee", "/ch/01/dyn/attack",
        "/ch/01/dyn/release", "/ch/01/dyn/mgain", "/ch/01/dyn/mix", "/ch/01/dyn/filter/f", "/ch/01/dyn/pos", "/ch/01/dyn/mode", "/ch/01/dyn/env",
        "/ch/01/dyn/hold", "/ch/01/dyn/keysrc", "/ch/01/dyn/auto", "/ch/01/dyn/filter/on", "/ch/01/dyn/filter/type",
        "/ch/01/eq/on", "/ch/01/eq/1/type", "/ch/01/eq/1/f", "/ch/01/eq/1/g", "/ch/01/eq/1/q", "/ch/32/eq/4/q",
        "/ch/01/mix/on", "/ch/01/mix/fader", "/ch/01/mix/pan", "/ch/01/mix/01/level", "/ch/01/mix/16/on", "/ch/01/mix/15/type", "/ch/01/mix/15/pan", "/ch/01/mix/15/panFollow",
        "/ch/32/mix/fx/4/level", "/ch/01/grp/dca", "/ch/01/grp/mute", "/-stat/solosw/01", "/-stat/solosw/80",
        "/bus/01/config/name", "/bus/16/eq/1/g", "/bus/01/dyn/thr", "/bus/01/mix/on", "/bus/01/mix/fader", "/bus/01/mix/pan",
        "/main/st/eq/on", "/main/st/dyn/ratio", "/main/st/mix/on", "/main/st/mix/fader", "/main/st/mix/pan",
        "/main/m/mix/on", "/main/m/mix/fader",
        "/dca/1/on", "/dca/8/fader", "/dca/1/config/name", "/config/mute/1", "/config/mute/6",
        "/config/solo/chmode", "/config/name",
        "/fx/1/type", "/fx/4/par/01", "/fx/1/par/64", "/fx/1/source/l", "/fx/4/source/r", "/fx/5/type", "/fx/8/par/64", "/fxrtn/01/mix/fader", "/fxrtn/04/mix/on",
        "/master/input/gain", "/master/eq/tilt", "/master/eq/lowshelf/g", "/master/eq/highshelf/f", "/master/comp/amount",
        "/master/width", "/master/loudness/target", "/master/limiter/ceiling", "/master/bypass", "/master/ab",
        "/-stat/selidx",
    ];

    [Theory]
    [MemberData(nameof(ReferencePaths))]
    public void Table_DeclaresTheDocumentedPath(string path)
    {
        Assert.True(Table.TryGetIndex(path, out int index), path);
        Assert.Equal(path, Table[index].Path);
    }

    [Theory]
    [InlineData("/ch/33/mix/fader")]
    [InlineData("/ch/1/mix/fader")]
    [InlineData("/bus/17/mix/fader")]
    [InlineData("/ch/01/mix/17/level")]
    [InlineData("/ch/01/config/link")]
    [InlineData("/config/chlink/2-3")]
    [InlineData("/ch/01/mix")]
    [InlineData("/dca/9/on")]
    [InlineData("/config/mute/7")]
    [InlineData("/fx/9/type")]
    [InlineData("/fx/5/source/l")]
    public void Table_DoesNotDeclarePathsOutsideTheConsole(string path)
    {
        Assert.False(Table.TryGetIndex(path, out _));
        var e = Assert.Throws<KeyNotFoundException>(() => Table.IndexOf(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indices_AreDenseAndMatchPositions()
    {
        for (int i = 0; i < Table.Count; i++)
        {
            Assert.Equal(i, Table[i].Index);
            Assert.Equal(i, Table.IndexOf(Table[i].Path));
        }
    }

    [Fact]
    public void SpanAndUtf8Lookups_AgreeWithStringLookup_ForEveryPath()
    {
        foreach (var p in Table.Parameters)
        {
            Assert.True(Table.TryGetIndex(p.Path.AsSpan(), out int bySpan));
            Assert.True(Table.TryGetIndexUtf8(Encoding.ASCII.GetBytes(p.Path), out int byBytes));
            Assert.Equal(p.Index, bySpan);
            Assert.Equal(p.Index, byBytes);
        }

        Assert.False(Table.TryGetIndexUtf8("/ch/01/mix/fadér"u8, out _));
        Assert.False(Table.TryGetIndexUtf8(new byte[300], out _));
        Assert.False(Table.TryGetIndex("/ch/01/mix/fadér".AsSpan(), out _));
        Assert.False(Table.TryGetIndexUtf8(ReadOnlySpan<byte>.Empty, out _));
    }

    [Fact]
    public void Utf8Lookup_AllocatesNothing()
    {
        int found = 0, calls = 0;
        Allocations.AssertNone(
            () =>
            {
                found += Table.TryGetIndexUtf8("/ch/17/mix/fader"u8, out _) ? 1 : 0;
                found += Table.TryGetIndexUtf8("/ch/17/mix/fadex"u8, out _) ? 1 : 0;
                found += Table.TryGetIndex("/ch/17/mix/pan".AsSpan(), out _) ? 1 : 0;
                calls++;
            },
            calls: 100_000,
            what: "ParameterTable.TryGetIndexUtf8 (found and missing) and TryGetIndex");
        Assert.Equal(2 * calls, found);
    }

    [Fact]
    public void StereoLink_IsDeclaredAsTheX32ChannelLinkOfEachPairThatExists()
    {
        Assert.True(Table.TryGetNodeChildren("config/chlink", out var links));
        Assert.Equal(16, links.Count);
        for (int ch = 1; ch <= 31; ch += 2)
        {
            Assert.Equal(new ParameterKey(ParameterOwner.Channel, ch, ParameterRole.Link), Table[Table.IndexOf($"/config/chlink/{ch}-{ch + 1}")].Key);
        }

        var odd = ParameterTable.Create(new ConsoleConfig(Channels: 5));
        Assert.True(odd.TryGetIndex("/config/chlink/3-4", out _));
        Assert.False(odd.TryGetIndex("/config/chlink/5-6", out _));
    }

    [Theory]
    [InlineData("/ch/01/config/link", "/config/chlink/1-2")]
    [InlineData("/ch/31/config/link", "/config/chlink/31-32")]
    [InlineData("/config/solo/mode", "/config/solo/chmode")]
    public void FormerPaths_NameTheirX32ShapedSuccessor(string former, string current)
    {
        Assert.True(ParameterPaths.TryGetCurrent(former, out string path));
        Assert.Equal(current, path);
        Assert.True(Table.TryGetIndex(path, out _));
        Assert.False(ParameterPaths.TryGetCurrent("/ch/02/config/link", out _));
    }

    [Theory]
    [InlineData(32, 16, "/ch/01/solo", "/-stat/solosw/01")]
    [InlineData(32, 16, "/auxin/08/solo", "/-stat/solosw/40")]
    [InlineData(32, 16, "/fxrtn/01/solo", "/-stat/solosw/41")]
    [InlineData(32, 16, "/bus/16/solo", "/-stat/solosw/64")]
    [InlineData(40, 20, "/ch/33/solo", "/-stat/solosw/81")]
    [InlineData(40, 20, "/bus/17/solo", "/-stat/solosw/89")]
    public void FormerStripSolos_NameTheirX32SoloSwitch(int channels, int buses, string former, string current)
    {
        var config = new ConsoleConfig(Channels: channels, Buses: buses);
        Assert.True(ParameterPaths.TryGetSoloSwitch(former, config, out string path));
        Assert.Equal(current, path);
        var table = ParameterTable.Create(config);
        Assert.Equal(ParameterRole.Solo, table[table.IndexOf(path)].Key.Role);
        Assert.True(FormerParameters.IsFormer(former));
        Assert.False(ParameterPaths.TryGetSoloSwitch("/ch/33/solo", ConsoleConfig.Default, out _));
        Assert.False(ParameterPaths.TryGetSoloSwitch("/ch/01/mix/solo", ConsoleConfig.Default, out _));
    }

    [Fact]
    public void SmallProfile_ScalesEveryInstanceRange()
    {
        var small = ParameterTable.Create(ConsoleConfig.Pi4Cs42448);
        Assert.True(small.TryGetIndex("/ch/06/mix/04/level", out _));
        Assert.False(small.TryGetIndex("/ch/07/mix/fader", out _));
        Assert.False(small.TryGetIndex("/ch/01/mix/05/level", out _));
        Assert.True(small.TryGetIndex("/fx/2/type", out _));
        // The X32's eight effect slots are all there and all run: past the two with returns, as inserts only.
        Assert.True(small[small.IndexOf("/fx/3/type")].Key.IsDeclared);
        Assert.True(small[small.IndexOf("/fx/2/par/64")].Key.IsDeclared);
        Assert.Equal(255f, small[small.IndexOf("/ch/01/grp/dca")].Spec.Maximum);

        // The channel strip has the same parameters in both consoles but for the sends: on and level to each bus,
        // pan, type and panFollow on each odd one, level and tap to each effect slot.
        int perChannelBig = CountUnder(Table, "/ch/01/") - (2 * 16 + 3 * 8 + 2 * 4);
        int perChannelSmall = CountUnder(small, "/ch/01/") - (2 * 4 + 3 * 2 + 2 * 2);
        Assert.Equal(perChannelBig, perChannelSmall);
        // The master chain (two settings) and the X32's fixed hardware (head amps, outputs, patching, preferences)
        // are one instance in both.
        int fixedSize = 0;
        foreach (string family in (string[])["/master/", "/fx/", "/headamp/", "/outputs/", "/config/userrout/", "/config/routing/", "/config/userctrl/", "/config/dp48/", "/-prefs/"])
        {
            Assert.Equal(CountUnder(Table, family), CountUnder(small, family));
            fixedSize += CountUnder(Table, family);
        }

        Assert.True(small.Count - fixedSize < (Table.Count - fixedSize) / 4);
    }

    [Fact]
    public void NoDcasOrMuteGroups_DropsTheBitmaps()
    {
        var bare = ParameterTable.Create(new ConsoleConfig(Channels: 2, Buses: 0, FxSlots: 0, Dcas: 0, MuteGroups: 0));
        Assert.False(bare.TryGetIndex("/ch/01/grp/dca", out _));
        Assert.False(bare.TryGetIndex("/ch/01/grp/mute", out _));
        Assert.False(bare.TryGetIndex("/ch/01/mix/01/level", out _));
        Assert.True(bare.TryGetIndex("/ch/02/mix/fader", out _));
    }

    [Fact]
    public void InvalidConfig_IsRefusedBeforeBuilding()
    {
        Assert.Throws<ConsoleConfigException>(() => ParameterTable.Create(new ConsoleConfig(Channels: 0)));
    }

    [Fact]
    public void NodeChildren_AreTheParametersDirectlyBelow_InTableOrder()
    {
        Assert.True(Table.TryGetNodeChildren("ch/01/mix", out var children));
        var names = new List<string>();
        foreach (int i in children)
        {
            names.Add(Table[i].Path);
        }

        Assert.Equal(["/ch/01/mix/on", "/ch/01/mix/fader", "/ch/01/mix/st", "/ch/01/mix/pan", "/ch/01/mix/mono", "/ch/01/mix/mlevel"], names);
        Assert.True(Table.TryGetNodeChildren("/ch/01/mix/", out var same));
        Assert.Equal(children, same);
        Assert.False(Table.TryGetNodeChildren("/ch/99", out _));
    }

    [Fact]
    public void Builder_RefusesDuplicateAndMalformedPaths()
    {
        var builder = new ParameterTableBuilder();
        var spec = ParameterSpec.Bool(false, "test");
        builder.Add("/a/b", spec);
        Assert.Throws<ArgumentException>(() => builder.Add("/a/b", spec));
        Assert.Throws<ArgumentException>(() => builder.Add("a/b", spec));
        Assert.Throws<ArgumentException>(() => builder.Add("/a/*", spec));
        Assert.Throws<ArgumentException>(() => builder.Add("/a//b", spec));
        Assert.Throws<ArgumentException>(() => builder.Add("/a/b/", spec));
    }

    [Fact]
    public void EveryDeclaration_CarriesAUniqueTypedKey_ThatBindsBackToIt_OrIsKeptForCompatibility()
    {
        var keys = new HashSet<ParameterKey>();
        foreach (var p in Table.Parameters)
        {
            if (p.Spec.Description.StartsWith(ConsoleAddressSpace.KeptForCompatibility, StringComparison.Ordinal))
            {
                Assert.False(p.Key.IsDeclared, p.Path);
                Assert.True(p.Spec.Description.Length > ConsoleAddressSpace.KeptForCompatibility.Length + 8, p.Path + " names no reason");
                continue;
            }

            Assert.True(p.Key.IsDeclared, p.Path);
            Assert.True(keys.Add(p.Key), p.Path);
            Assert.Equal(p.Index, Table.Bind(p.Key).Index);
        }

        Assert.Equal(Table.IndexOf("/ch/02/eq/3/g"), Table.Bind(new ParameterKey(ParameterOwner.Channel, 2, ParameterRole.EqGain, 3)).Index);
        Assert.Equal(Table.IndexOf("/ch/05/mix/fx/2/tap"), Table.Bind(new ParameterKey(ParameterOwner.Channel, 5, ParameterRole.FxSendTap, 2)).Index);
        Assert.Equal(Table.IndexOf("/dca/3/fader"), Table.Bind(new ParameterKey(ParameterOwner.Dca, 3, ParameterRole.Fader)).Index);
        Assert.Equal(Table.IndexOf("/master/bypass"), Table.Bind(new ParameterKey(ParameterOwner.Master, 1, ParameterRole.MasterBypass)).Index);
    }

    [Fact]
    public void Bind_OfAnUndeclaredKey_ThrowsNamingIt()
    {
        var key = new ParameterKey(ParameterOwner.Channel, 2, ParameterRole.Link);
        var e = Assert.Throws<ParameterBindingException>(() => Table.Bind(key));
        Assert.Equal(key, e.Key);
        Assert.Contains("channel 2 Link", e.Message, StringComparison.Ordinal);
        Assert.False(Table.TryBind(key, out var none));
        Assert.False(none.IsBound);
    }

    [Fact]
    public void Builder_RefusesADuplicateKey()
    {
        var builder = new ParameterTableBuilder();
        var spec = ParameterSpec.Bool(false, "test");
        var key = new ParameterKey(ParameterOwner.Bus, 1, ParameterRole.Solo);
        Assert.True(builder.Add("/a/b", spec, key).IsBound);
        Assert.Throws<ArgumentException>(() => builder.Add("/a/c", spec, key));
    }

    private static int CountUnder(ParameterTable table, string prefix)
    {
        int count = 0;
        foreach (var p in table.Parameters)
        {
            count += p.Path.StartsWith(prefix, StringComparison.Ordinal) ? 1 : 0;
        }

        return count;
    }
}
