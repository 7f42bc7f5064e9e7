using System.Globalization;
using MixConsole.Control.Tests.Server;
using Xunit.Abstractions;

namespace MixConsole.Control.Tests.X32;

using Osc = MixConsole.Control.Tests.Server.Osc;

/// <summary>
/// The console against the X32 document: every node of <see cref="X32NodeTable"/> answers <c>/node</c> with one
/// line of the document's value count, and each leaf below has the document's wire type, step count, end values
/// as the node line writes them, and enum labels. Answers are read with <see cref="X32WireClient"/>'s decoder.
/// </summary>
public sealed class X32NodeConformanceTests(ITestOutputHelper output)
{
    // Leaf, wire type, steps, the node token at 0 and at 1 (or the labels, for enums), node and field position; pending when not conforming yet.
    public static TheoryData<string, char, int, string, string, int, bool> Leaves => new()
    {
        { "/ch/01/mix/on", 'i', 2, "OFF", "ON", 0, false },
        { "/ch/01/mix/fader", 'f', 1024, "-oo", "+10.0", 1, false },
        { "/ch/01/mix/st", 'i', 2, "OFF", "ON", 2, false },
        { "/ch/01/mix/pan", 'f', 101, "-100", "+100", 3, false },
        { "/ch/01/mix/mono", 'i', 2, "OFF", "ON", 4, false },
        { "/ch/01/mix/mlevel", 'f', 1024, "-oo", "+10.0", 5, false },
        { "/ch/01/preamp/trim", 'f', 145, "-18.0", "+18.0", 0, false },
        { "/ch/01/preamp/invert", 'i', 2, "OFF", "ON", 1, false },
        { "/ch/01/preamp/hpon", 'i', 2, "OFF", "ON", 2, false },
        { "/ch/01/preamp/hpslope", 'i', 3, "12 18 24", "", 3, false },
        { "/ch/01/preamp/hpf", 'f', 101, "20.0", "400.0", 4, false },
        { "/ch/01/delay/on", 'i', 2, "OFF", "ON", 0, false },
        { "/ch/01/delay/time", 'f', 4998, "0.3", "500.0", 1, false },
        { "/ch/01/gate/on", 'i', 2, "OFF", "ON", 0, false },
        { "/ch/01/gate/mode", 'i', 5, "EXP2 EXP3 EXP4 GATE DUCK", "", 1, false },
        { "/ch/01/gate/thr", 'f', 161, "-80.0", "0.0", 2, false },
        { "/ch/01/gate/range", 'f', 58, "3.0", "60.0", 3, false },
        { "/ch/01/gate/attack", 'f', 121, "0", "120", 4, false },
        { "/ch/01/gate/hold", 'f', 101, "0.02", "2000.00", 5, false },
        { "/ch/01/gate/release", 'f', 101, "5", "4000", 6, false },
        { "/ch/01/gate/keysrc", 'i', 65, "0", "64", 7, false },
        { "/ch/01/gate/filter/on", 'i', 2, "OFF", "ON", 0, false },
        { "/ch/01/gate/filter/type", 'i', 9, "LC6 LC12 HC6 HC12 1.0 2.0 3.0 5.0 10.0", "", 1, false },
        { "/ch/01/gate/filter/f", 'f', 201, "20.0", "20k00", 2, false },
        { "/ch/01/dyn/on", 'i', 2, "OFF", "ON", 0, false },
        { "/ch/01/dyn/mode", 'i', 2, "COMP EXP", "", 1, false },
        { "/ch/01/dyn/det", 'i', 2, "PEAK RMS", "", 2, false },
        { "/ch/01/dyn/env", 'i', 2, "LIN LOG", "", 3, false },
        { "/ch/01/dyn/thr", 'f', 121, "-60.0", "0.0", 4, false },
        // The X32 sends the ratio as an enum; here it is a float on the same 12 points (an int still selects one).
        { "/ch/01/dyn/ratio", 'i', 12, "1.1 1.3 1.5 2.0 2.5 3.0 4.0 5.0 7.0 10 20 100", "", 5, true },
        // The X32's knee is 0..5 in whole steps; here 0..10 dB in half steps (the same travel, finer).
        { "/ch/01/dyn/knee", 'f', 6, "0", "5", 6, true },
        { "/ch/01/dyn/mgain", 'f', 49, "0.0", "24.0", 7, false },
        { "/ch/01/dyn/attack", 'f', 121, "0", "120", 8, false },
        { "/ch/01/dyn/hold", 'f', 101, "0.02", "2000.00", 9, false },
        { "/ch/01/dyn/release", 'f', 101, "5", "4000", 10, false },
        { "/ch/01/dyn/pos", 'i', 2, "PRE POST", "", 11, false },
        { "/ch/01/dyn/keysrc", 'i', 65, "0", "64", 12, false },
        { "/ch/01/dyn/mix", 'f', 21, "0", "100", 13, false },
        { "/ch/01/dyn/auto", 'i', 2, "OFF", "ON", 14, false },
        { "/ch/01/dyn/filter/type", 'i', 9, "LC6 LC12 HC6 HC12 1.0 2.0 3.0 5.0 10.0", "", 1, false },
        { "/bus/01/dyn/thr", 'f', 121, "-60.0", "0.0", 4, false },
        { "/main/st/dyn/mix", 'f', 21, "0", "100", 13, false },
        { "/ch/01/eq/on", 'i', 2, "OFF", "ON", 0, false },
        { "/ch/01/eq/1/type", 'i', 6, "LCut LShv PEQ VEQ HShv HCut", "", 0, false },
        { "/ch/01/eq/1/f", 'f', 201, "20.0", "20k00", 1, false },
        { "/ch/01/eq/1/g", 'f', 121, "-15.00", "+15.00", 2, false },
        { "/ch/01/eq/1/q", 'f', 72, "10.0", "0.3", 3, false },
        { "/ch/01/mix/01/on", 'i', 2, "OFF", "ON", 0, false },
        { "/ch/01/mix/01/level", 'f', 1024, "-oo", "+10.0", 1, false },
        { "/ch/01/mix/01/pan", 'f', 101, "-100", "+100", 2, false },
        { "/ch/01/mix/01/type", 'i', 6, "IN/LC <-EQ EQ-> PRE POST GRP", "", 3, false },
        { "/ch/01/mix/01/panFollow", 'i', 2, "0", "1", 4, false },
        { "/ch/32/mix/16/on", 'i', 2, "OFF", "ON", 0, false },
        { "/ch/32/mix/16/level", 'f', 1024, "-oo", "+10.0", 1, false },
        { "/ch/01/grp/dca", 'i', 256, "%00000000", "%11111111", 0, false },
        { "/ch/01/grp/mute", 'i', 64, "%000000", "%111111", 1, false },
        { "/bus/01/mix/fader", 'f', 1024, "-oo", "+10.0", 1, false },
        { "/main/st/mix/fader", 'f', 1024, "-oo", "+10.0", 1, false },
        { "/main/st/mix/pan", 'f', 101, "-100", "+100", 2, false },
        { "/main/m/mix/fader", 'f', 1024, "-oo", "+10.0", 1, false },
        { "/auxin/01/preamp/trim", 'f', 145, "-18.0", "+18.0", 0, false },
        { "/auxin/08/preamp/invert", 'i', 2, "OFF", "ON", 1, false },
        { "/auxin/01/eq/4/type", 'i', 6, "LCut LShv PEQ VEQ HShv HCut", "", 0, false },
        { "/auxin/01/mix/fader", 'f', 1024, "-oo", "+10.0", 1, false },
        { "/auxin/01/mix/mlevel", 'f', 1024, "-oo", "+10.0", 5, false },
        { "/auxin/01/mix/01/type", 'i', 6, "IN/LC <-EQ EQ-> PRE POST GRP", "", 3, false },
        { "/auxin/08/mix/16/level", 'f', 1024, "-oo", "+10.0", 1, false },
        { "/auxin/01/grp/mute", 'i', 64, "%000000", "%111111", 1, false },
        { "/fxrtn/01/config/color", 'i', 16, "OFF RD GN YE BL MG CY WH OFFi RDi GNi YEi BLi MGi CYi WHi", "", 2, false },
        { "/fxrtn/01/eq/on", 'i', 2, "OFF", "ON", 0, false },
        { "/fxrtn/08/eq/4/type", 'i', 6, "LCut LShv PEQ VEQ HShv HCut", "", 0, false },
        { "/fxrtn/01/eq/1/f", 'f', 201, "20.0", "20k00", 1, false },
        { "/fxrtn/01/eq/2/g", 'f', 121, "-15.00", "+15.00", 2, false },
        { "/fxrtn/01/eq/3/q", 'f', 72, "10.0", "0.3", 3, false },
        { "/fxrtn/01/mix/on", 'i', 2, "OFF", "ON", 0, false },
        { "/fxrtn/01/mix/fader", 'f', 1024, "-oo", "+10.0", 1, false },
        { "/fxrtn/02/mix/st", 'i', 2, "OFF", "ON", 2, false },
        { "/fxrtn/01/mix/pan", 'f', 101, "-100", "+100", 3, false },
        { "/fxrtn/01/mix/mono", 'i', 2, "OFF", "ON", 4, false },
        { "/fxrtn/01/mix/mlevel", 'f', 1024, "-oo", "+10.0", 5, false },
        { "/fxrtn/01/mix/01/on", 'i', 2, "OFF", "ON", 0, false },
        { "/fxrtn/01/mix/03/pan", 'f', 101, "-100", "+100", 2, false },
        { "/fxrtn/01/mix/01/type", 'i', 6, "IN/LC <-EQ EQ-> PRE POST GRP", "", 3, false },
        { "/fxrtn/08/mix/16/level", 'f', 1024, "-oo", "+10.0", 1, false },
        { "/fxrtn/01/grp/dca", 'i', 256, "%00000000", "%11111111", 0, false },
        { "/fxrtn/08/grp/mute", 'i', 64, "%000000", "%111111", 1, false },
        { "/mtx/01/preamp/invert", 'i', 2, "OFF", "ON", 0, false },
        { "/mtx/01/mix/on", 'i', 2, "OFF", "ON", 0, false },
        { "/mtx/06/mix/fader", 'f', 1024, "-oo", "+10.0", 1, false },
        { "/mtx/06/eq/6/type", 'i', 6, "LCut LShv PEQ VEQ HShv HCut", "", 0, false },
        { "/mtx/01/dyn/thr", 'f', 121, "-60.0", "0.0", 4, false },
        { "/bus/01/mix/01/on", 'i', 2, "OFF", "ON", 0, false },
        { "/bus/16/mix/06/level", 'f', 1024, "-oo", "+10.0", 1, false },
        { "/bus/01/mix/05/pan", 'f', 101, "-100", "+100", 2, false },
        { "/bus/01/mix/01/type", 'i', 5, "IN/LC <-EQ EQ-> PRE POST", "", 3, false },
        { "/main/st/mix/01/pan", 'f', 101, "-100", "+100", 2, false },
        { "/main/st/mix/03/type", 'i', 5, "IN/LC <-EQ EQ-> PRE POST", "", 3, false },
        { "/main/m/mix/06/level", 'f', 1024, "-oo", "+10.0", 1, false },
        { "/main/m/dyn/ratio", 'i', 12, "1.1 1.3 1.5 2.0 2.5 3.0 4.0 5.0 7.0 10 20 100", "", 5, true },
        { "/main/m/eq/6/g", 'f', 121, "-15.00", "+15.00", 2, false },
        { "/dca/1/on", 'i', 2, "OFF", "ON", 0, false },
        { "/dca/1/fader", 'f', 1024, "-oo", "+10.0", 1, false },
        { "/config/chlink/1-2", 'i', 2, "OFF", "ON", 0, false },
        { "/config/chlink/31-32", 'i', 2, "OFF", "ON", 15, false },
        { "/config/buslink/15-16", 'i', 2, "OFF", "ON", 7, false },
        { "/config/mute/6", 'i', 2, "OFF", "ON", 5, false },
        { "/config/solo/level", 'f', 1024, "-oo", "+10.0", 0, false },
        { "/config/solo/chmode", 'i', 2, "PFL AFL", "", 3, false },
        { "/config/solo/dimatt", 'f', 41, "-40", "0", 9, false },
        { "/config/mono/mode", 'i', 2, "LR+M LCR", "", 0, false },
        { "/config/talk/source", 'i', 2, "INT EXT", "", 1, false },
        { "/config/osc/f1", 'f', 121, "20.0", "20k00", 1, false },
        { "/config/osc/type", 'i', 3, "SINE PINK WHITE", "", 4, false },
        { "/config/tape/gainL", 'f', 61, "-6.0", "24.0", 0, false },
        { "/ch/01/config/color", 'i', 16, "OFF RD GN YE BL MG CY WH OFFi RDi GNi YEi BLi MGi CYi WHi", "", 2, false },
        { "/ch/01/insert/pos", 'i', 2, "PRE POST", "", 1, false },
        { "/ch/01/automix/group", 'i', 3, "OFF X Y", "", 0, false },
        { "/ch/01/automix/weight", 'f', 49, "-12.0", "+12.0", 1, false },
        { "/bus/16/config/color", 'i', 16, "OFF RD GN YE BL MG CY WH OFFi RDi GNi YEi BLi MGi CYi WHi", "", 2, false },
        { "/outputs/main/16/src", 'i', 77, "0", "76", 0, false },
        { "/outputs/main/01/pos", 'i', 9, "IN/LC IN/LC+M <-EQ <-EQ+M EQ-> EQ->+M PRE PRE+M POST", "", 1, false },
        { "/outputs/main/01/invert", 'i', 2, "OFF", "ON", 2, false },
        { "/outputs/main/01/delay/on", 'i', 2, "OFF", "ON", 0, false },
        { "/outputs/main/01/delay/time", 'f', 4998, "0.3", "500.0", 1, false },
        { "/outputs/aux/06/pos", 'i', 9, "IN/LC IN/LC+M <-EQ <-EQ+M EQ-> EQ->+M PRE PRE+M POST", "", 1, false },
        { "/outputs/p16/16/invert", 'i', 2, "OFF", "ON", 2, false },
        { "/outputs/aes/02/src", 'i', 77, "0", "76", 0, false },
        { "/outputs/rec/02/pos", 'i', 9, "IN/LC IN/LC+M <-EQ <-EQ+M EQ-> EQ->+M PRE PRE+M POST", "", 1, false },
        { "/config/userrout/in/01", 'i', 169, "0", "168", 0, false },
        { "/config/userrout/out/48", 'i', 209, "0", "208", 47, false },
        { "/config/routing/routswitch", 'i', 2, "REC PLAY", "", 0, false },
        { "/config/routing/IN/1-8", 'i', 20, "AN1-8 AN9-16 AN17-24 AN25-32 A1-8 A9-16 A17-24 A25-32 A33-40 A41-48 B1-8 B9-16 B17-24 B25-32 B33-40 B41-48 CARD1-8 CARD9-16 CARD17-24 CARD25-32", "", 0, false },
        { "/config/routing/PLAY/AUX", 'i', 13, "AUX1-4 AN1-2 AN1-4 AN1-6 A1-2 A1-4 A1-6 B1-2 B1-4 B1-6 CARD1-2 CARD1-4 CARD1-6", "", 4, false },
        { "/config/routing/AES50B/41-48", 'i', 26, "AN1-8 AN9-16 AN17-24 AN25-32 A1-8 A9-16 A17-24 A25-32 A33-40 A41-48 B1-8 B9-16 B17-24 B25-32 B33-40 B41-48 CARD1-8 CARD9-16 CARD17-24 CARD25-32 OUT1-8 OUT9-16 P161-8 P169-16 AUX1-6/Mon AuxIN1-6/TB", "", 5, false },
        { "/config/routing/OUT/5-8", 'i', 26, "AN5-8 AN13-16 AN21-24 AN29-32 A5-8 A13-16 A21-24 A29-32 A37-40 A45-48 B5-8 B13-16 B21-24 B29-32 B37-40 B45-48 CARD5-8 CARD13-16 CARD21-24 CARD29-32 OUT5-8 OUT13-16 P165-8 P1613-16 AUX/CR AUX/TB", "", 2, false },
        { "/config/userctrl/C/color", 'i', 16, "OFF RD GN YE BL MG CY WH OFFi RDi GNi YEi BLi MGi CYi WHi", "", 0, false },
        { "/config/dp48/scope", 'i', 16, "%0000", "%1111", 0, false },
        { "/config/dp48/aesAB", 'i', 2, "0", "1", 2, false },
        { "/config/dp48/link/24", 'i', 2, "OFF", "ON", 23, false },
        { "/-prefs/remote/enable", 'i', 2, "OFF", "ON", 0, false },
        { "/-prefs/remote/protocol", 'i', 3, "MC HUI CC", "", 1, false },
        { "/-prefs/remote/port", 'i', 3, "MIDI CARD RTP", "", 2, false },
        { "/-prefs/remote/ioenable", 'i', 4096, "%000000000000", "%111111111111", 3, false },
        { "/fx/1/type", 'i', 61, "HALL AMBI RPLT ROOM CHAM PLAT VREV VRM GATE RVRS DLY 3TAP 4TAP CRS FLNG PHAS DIMC FILT ROTA PAN SUB D/RV CR/R FL/R D/CR D/FL MODD GEQ2 GEQ TEQ2 TEQ DES2 DES P1A P1A2 PQ5 PQ5S WAVD LIM CMB CMB2 FAC FAC1M FAC2 LEC LEC2 ULC ULC2 ENH2 ENH EXC2 EXC IMG EDI SON AMP2 AMP DRV2 DRV PIT2 PIT", "", 0, false },
        { "/fx/8/type", 'i', 34, "GEQ2 GEQ TEQ2 TEQ DES2 DES P1A P1A2 PQ5 PQ5S WAVD LIM FAC FAC1M FAC2 LEC LEC2 ULC ULC2 ENH2 ENH EXC2 EXC IMG EDI SON AMP2 AMP DRV2 DRV PHAS FILT PAN SUB", "", 0, false },
        // Slot 1 holds HALL (the X32's first type): pre delay 0..200 ms, decay 0.2..5 s (logf), damping 1k..20k Hz.
        { "/fx/1/par/01", 'f', 201, "0", "200", 0, false },
        { "/fx/1/par/02", 'f', 101, "0.20", "5.00", 1, false },
        { "/fx/1/par/06", 'f', 49, "-12.0", "12.0", 5, false },
        { "/fx/4/source/r", 'i', 18, "INS MIX1 MIX2 MIX3 MIX4 MIX5 MIX6 MIX7 MIX8 MIX9 MIX10 MIX11 MIX12 MIX13 MIX14 MIX15 MIX16 M/C", "", 1, false },
        { "/headamp/127/gain", 'f', 145, "-12.0", "60.0", 0, false },
        { "/headamp/000/phantom", 'i', 2, "OFF", "ON", 1, false },
        // The solo switches, one int each: 01 channel 1, 33 aux input 1, 41 effect return 1, 49 bus 1, 65 matrix 1, 71 main, 72 mono, 80 DCA 8.
        { "/-stat/solosw/01", 'i', 2, "OFF", "ON", 0, false },
        { "/-stat/solosw/33", 'i', 2, "OFF", "ON", 32, false },
        { "/-stat/solosw/41", 'i', 2, "OFF", "ON", 40, false },
        { "/-stat/solosw/49", 'i', 2, "OFF", "ON", 48, false },
        { "/-stat/solosw/65", 'i', 2, "OFF", "ON", 64, false },
        { "/-stat/solosw/71", 'i', 2, "OFF", "ON", 70, false },
        { "/-stat/solosw/72", 'i', 2, "OFF", "ON", 71, false },
        { "/-stat/solosw/80", 'i', 2, "OFF", "ON", 79, false },
    };

    [Fact]
    public void EveryServedNode_AnswersOneLine_WithTheDocumentsValueCount()
    {
        using var h = new ServerHarness();
        var wrong = new List<string>();
        int nodes = 0;
        foreach (var (node, values, first) in X32NodeTable.Served)
        {
            nodes++;
            string? line = NodeLine(h, node);
            if (!X32NodeTable.Conforms(line, node, values, first)) wrong.Add($"{node}: {line?.TrimEnd() ?? "no answer"}, expected {values} values");
        }

        int all = X32NodeTable.Families.Sum(f => f.Nodes.Count);
        output.WriteLine($"{nodes} of the document's {all} nodes served in the X32's shape; {X32NodeTable.Pending.Length} families pending");
        Assert.Empty(wrong);
    }

    [Fact]
    public void EveryPendingFamily_IsADocumentFamily_StillNotServedInTheX32Shape()
    {
        // Empty once every family is served; a family put back on the list must be one the server still gets wrong.
        using var h = new ServerHarness();
        foreach (string family in X32NodeTable.Pending)
        {
            var (_, nodes) = Assert.Single(X32NodeTable.Families, f => f.Family == family);
            Assert.Contains(nodes, n => !X32NodeTable.Conforms(NodeLine(h, n.Node), n.Node, n.Values, n.First));
        }
    }

    [Fact]
    public void SoloSwitchNode_AnswersEighty_OffOrOn_InTheX32Numbering()
    {
        using var h = new ServerHarness();
        Assert.Equal("/-stat/solosw" + string.Concat(Enumerable.Repeat(" OFF", 80)) + "\n", NodeLine(h, "-stat/solosw"));

        // Channel 1, bus 1 (49) and DCA 8 (80), as an X32 app sets them.
        foreach (string path in (string[])["/-stat/solosw/01", "/-stat/solosw/49", "/-stat/solosw/80"]) h.Send(ServerHarness.A, Osc.Message(path, 1));
        var values = Values(NodeLine(h, "-stat/solosw") ?? "", "-stat/solosw");
        Assert.NotNull(values);
        Assert.Equal(80, values.Count);
        Assert.Equal([0, 48, 79], Enumerable.Range(0, 80).Where(k => values[k] == "ON"));
        Assert.Equal(1, Assert.Single(h.Query(ServerHarness.B, "/-stat/solosw/49").Arguments));
    }

    [Theory]
    [MemberData(nameof(Leaves))]
    public void Leaf_HasTheDocumentsType_Steps_EndValues_AndLabels(string path, char tag, int steps, string atZero, string atOne, int field, bool pending)
    {
        using var h = new ServerHarness();
        string? difference = Difference(h, path, tag, steps, atZero, atOne, field);
        if (pending)
        {
            Assert.NotNull(difference);
        }
        else
        {
            Assert.Null(difference);
        }
    }

    private static string? Difference(ServerHarness h, string path, char tag, int steps, string atZero, string atOne, int field)
    {
        string node = path[1..path.LastIndexOf('/')];
        if (!h.Store.Table.TryGetIndex(path, out _)) return "not served";
        var (_, arguments) = h.Query(ServerHarness.A, path);
        char served = Assert.Single(arguments) switch { float => 'f', int => 'i', _ => 's' };
        if (served != tag) return $"type {served}";

        string[] labels = atOne.Length == 0 ? atZero.Split(' ') : [];
        if (labels.Length > 0)
        {
            if (steps != labels.Length) return "labels and steps disagree in the table";
            for (int k = 0; k < labels.Length; k++)
            {
                h.Send(ServerHarness.A, Osc.Message(path, k));
                if (Token(h, node, field) != labels[k]) return $"label {k} is {Token(h, node, field)}";
            }

            h.Send(ServerHarness.A, Osc.Message(path, labels.Length));
            return Token(h, node, field) == labels[^1] && (int)h.Query(ServerHarness.A, path).Arguments[0] == labels.Length - 1 ? null : "takes a position past the labels";
        }

        h.Send(ServerHarness.A, Osc.Message(path, tag == 'f' ? 0f : (object)0));
        if (Token(h, node, field) != atZero) return $"at 0: {Token(h, node, field)}";
        h.Send(ServerHarness.A, Osc.Message(path, tag == 'f' ? 1f : (object)(steps - 1)));
        if (Token(h, node, field) != atOne) return $"at 1: {Token(h, node, field)}";
        if (tag == 'f')
        {
            // Quantisation: a float a hair past grid point 1 of N snaps back onto it.
            float step = 1f / (steps - 1);
            h.Send(ServerHarness.A, Osc.Message(path, step * 1.2f));
            float read = (float)h.Query(ServerHarness.A, path).Arguments[0];
            if (Math.Abs(read - step) > 1e-6f) return string.Create(CultureInfo.InvariantCulture, $"{step * 1.2f} reads back {read}, not {step}");
        }

        return null;
    }

    internal static string? NodeLine(ServerHarness h, string node)
    {
        h.Link.Clear();
        h.Send(ServerHarness.A, X32WireClient.Message("/node", node));
        var answers = h.Link.SentTo(ServerHarness.A);
        return answers.Count == 1 && X32WireClient.ReadStrings(answers[0]) is { Strings: [string line] } ? line : null;
    }

    private static string Token(ServerHarness h, string node, int field) => Values(NodeLine(h, node) ?? "", node)?[field] ?? "(no line)";

    // "/ch/01/mix ON -oo ON +0 OFF -oo\n": the node path, then space-separated values (names quoted, no spaces in ours).
    private static List<string>? Values(string line, string node)
    {
        string head = "/" + node + " ";
        if (!line.StartsWith(head, StringComparison.Ordinal) || !line.EndsWith('\n')) return null;
        return [.. line[head.Length..^1].Split(' ')];
    }
}
