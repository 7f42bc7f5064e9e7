using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Tests.Parameters;

/// <summary>
/// X32 node lines read back: every node line the console writes reads back to values that write the same line (node
/// tokens are the X32's display precision: a fader shows 0.1 dB where its grid near unity is 0.04 dB, so a level may
/// land one grid point off, as on an X32 loading its own .scn); hand-written X32 lines land.
/// </summary>
public sealed class NodeLineTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly ParameterTable Table = ParameterTable.Create(ConsoleConfig.Default);

    [Fact]
    public void EveryNodeLineTheConsoleWrites_ReadsBackToValuesThatWriteTheSameLine()
    {
        var written = new ParameterStore(Table);
        var random = new Random(17);
        for (int i = 0; i < Table.Count; i++)
        {
            if (Table[i].Kind == ParameterKind.String) written.TrySetText(i, $"N {i % 97} \"x\"".Replace("\"", "'", StringComparison.Ordinal));
            else written.TrySetNormalized(i, (float)random.NextDouble());
        }

        var nodes = new SortedSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Table.Count; i++) nodes.Add(Table[i].Path[..Table[i].Path.LastIndexOf('/')]);
        var read = new ParameterStore(Table);
        int lines = 0;
        foreach (string node in nodes)
        {
            if (node.Length == 0 || !NodeText.TryFormat(written, node, out string line)) continue;
            NodeLineResult result = NodeLine.Apply(read, line);
            Assert.True(result.Problem is null, $"{line.TrimEnd()}: {result.Problem}");
            Assert.Equal(0, result.ExtraTokens);
            lines++;
        }

        var differ = new List<string>();
        int offGrid = 0;
        for (int i = 0; i < Table.Count; i++)
        {
            string wrote = ParameterFormatter.FormatCurrent(written, i, compact: true), back = ParameterFormatter.FormatCurrent(read, i, compact: true);
            if (wrote != back) differ.Add($"{Table[i].Path}: wrote {wrote} ({written.GetReal(i)}), read {back} ({read.GetReal(i)})");
            if (Table[i].Kind != ParameterKind.String && written.GetGridIndex(i) != read.GetGridIndex(i))
            {
                offGrid++;
                Assert.True(Table[i].Kind == ParameterKind.Float, $"{Table[i].Path}: a switch, label or number must read back exactly");
            }
        }

        output.WriteLine($"{lines} node lines, {Table.Count} parameters; {offGrid} floats landed on a neighbouring grid point with the same token; {differ.Count} read back to another token");
        Assert.True(differ.Count == 0, string.Join('\n', differ.Take(20)));
    }

    [Theory]
    [InlineData("/ch/01/dyn OFF COMP PEAK LOG 0.0 3.0 1 0.00 10 10.0 151 POST 0 100 OFF", "3.0", "1", 3f, 2f)] // a real console's scene line
    [InlineData("/bus/02/dyn ON COMP RMS LOG -20.0 100 5 6.00 10 10.0 151 POST 0 100 OFF", "100", "5", 100f, 10f)]
    [InlineData("/mtx/03/dyn ON COMP RMS LOG -20.0 1.1 0 0.00 10 10.0 151 POST 100 OFF", "1.1", "0", 1.1f, 0f)] // no key source on a matrix
    public void AnX32DynamicsLine_SetsTheRatioByLabel_AndTheKneeInWholeSteps_AndWritesThemBack(string line, string ratio, string knee, float ratioToOne, float kneeDb)
    {
        var store = new ParameterStore(Table);
        var applied = NodeLine.Apply(store, line);
        Assert.Null(applied.Problem);
        string node = line[..line.IndexOf(' ', StringComparison.Ordinal)];
        Assert.Equal(ratioToOne, ConsoleAddressSpace.CompressorRatio(store.GetReal(Table.IndexOf(node + "/ratio"))));
        Assert.Equal(kneeDb, ConsoleAddressSpace.CompressorKneeDb(store.GetReal(Table.IndexOf(node + "/knee"))));
        Assert.True(NodeText.TryFormat(store, node[1..], out string written));
        string[] tokens = written.TrimEnd().Split(' ');
        Assert.Equal((ratio, knee), (tokens[6], tokens[7])); // after the node path: on, mode, det, env, thr, ratio, knee
    }

    [Fact]
    public void HandWrittenX32Lines_Land_AndABadTokenChangesNothing()
    {
        var store = new ParameterStore(Table);
        var mix = NodeLine.Apply(store, "/ch/01/mix OFF -10.0 ON -30 OFF -oo");
        Assert.Equal((true, 6, null as string), (mix.Known, mix.Applied, mix.Problem));
        Assert.Equal(0f, store.GetReal(Table.IndexOf("/ch/01/mix/on")));
        Assert.Equal(-10f, store.GetReal(Table.IndexOf("/ch/01/mix/fader")), 1);
        Assert.Equal(-30f, store.GetReal(Table.IndexOf("/ch/01/mix/pan")));
        Assert.Equal(float.NegativeInfinity, store.GetReal(Table.IndexOf("/ch/01/mix/mlevel")));

        var eq = NodeLine.Apply(store, "/ch/02/eq/1 PEQ 1k20 +3.50 2.0");
        Assert.Null(eq.Problem);
        Assert.Equal(2f, store.GetReal(Table.IndexOf("/ch/02/eq/1/type")));
        Assert.Equal(1200f, store.GetReal(Table.IndexOf("/ch/02/eq/1/f")), 1200 * 0.02f);
        Assert.Equal(3.5f, store.GetReal(Table.IndexOf("/ch/02/eq/1/g")));

        var config = NodeLine.Apply(store, "/ch/03/config \"Kick In\" 1 RD 1");
        Assert.Equal("Kick In", store.GetText(Table.IndexOf("/ch/03/config/name")));
        Assert.Equal((4, 0), (config.Applied, config.ExtraTokens)); // name, icon, colour, source
        var longer = NodeLine.Apply(store, "/ch/03/eq/1 PEQ 1k20 +3.50 2.0 MORE FIELDS");
        Assert.Equal((4, 2), (longer.Applied, longer.ExtraTokens)); // fields a later firmware might add are counted, not read

        long version = store.Version;
        var bad = NodeLine.Apply(store, "/ch/04/mix ON -10.0 ON +0 BOGUS -oo");
        Assert.Contains("BOGUS", bad.Problem);
        var outOfRange = NodeLine.Apply(store, "/ch/04/eq/1 PEQ 1k20 +30.00 2.0");
        Assert.NotNull(outOfRange.Problem);
        Assert.Equal(version, store.Version);
        Assert.False(NodeLine.Apply(store, "/-stat/solosw/01 ON").Known);
        var routing = NodeLine.Apply(store, "/config/routing/IN AN1-8 AN9-16 A1-8 A9-16 CARD1-6");
        Assert.Equal((true, 5, null as string), (routing.Known, routing.Applied, routing.Problem)); // an X32 scene's routing is kept
        Assert.Equal(4f, store.GetReal(Table.IndexOf("/config/routing/IN/17-24")));

        // "+0.0" and "-0.0" are the fader's grid points either side of 0 dB (768 and 767), as the X32 writes them.
        NodeLine.Apply(store, "/ch/05/mix ON +0.0 ON +0 OFF -0.0");
        Assert.Equal(768, store.GetGridIndex(Table.IndexOf("/ch/05/mix/fader")));
        Assert.Equal(767, store.GetGridIndex(Table.IndexOf("/ch/05/mix/mlevel")));
        Assert.Equal(0f, store.GetReal(Table.IndexOf("/ch/05/mix/pan")));
        Assert.NotNull(NodeLine.Apply(store, "#4.0# \"Scene\"").Problem);
    }
}
