using MixConsole.Control.Server;
using MixConsole.Engine.Parameters;

namespace MixConsole.Control.Tests.Server;

public class OscServerSetAndQueryTests
{
    [Fact]
    public void FaderFloat_IsSnappedToTheTenBitGrid_AndQueryAnswersTheGridValue()
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message("/ch/01/mix/fader", 0.75f));

        int fader = h.Index("/ch/01/mix/fader");
        Assert.Equal(767, h.Store.GetGridIndex(fader));
        var (address, arguments) = h.Query(ServerHarness.B, "/ch/01/mix/fader");
        Assert.Equal("/ch/01/mix/fader", address);
        Assert.Equal(767f / 1023f, Assert.IsType<float>(Assert.Single(arguments)));
    }

    [Fact]
    public void Enum_AcceptsIntPositionAndLabel_AndAnswersAsInt()
    {
        using var h = new ServerHarness();
        int type = h.Index("/ch/03/eq/2/type");

        h.Send(ServerHarness.A, Osc.Message("/ch/03/eq/2/type", 4));
        Assert.Equal(4f, h.Store.GetReal(type));
        h.Send(ServerHarness.A, Osc.Message("/ch/03/eq/2/type", "lshv"));
        Assert.Equal(1f, h.Store.GetReal(type));

        Assert.Equal(1, Assert.IsType<int>(Assert.Single(h.Query(ServerHarness.A, "/ch/03/eq/2/type").Arguments)));
    }

    [Fact]
    public void Switch_AcceptsIntAndOscBooleans()
    {
        using var h = new ServerHarness();
        int on = h.Index("/ch/02/mix/on");
        h.Send(ServerHarness.A, Osc.Message("/ch/02/mix/on", 0));
        Assert.Equal(0f, h.Store.GetReal(on));
        h.Send(ServerHarness.A, Osc.Message("/ch/02/mix/on", true));
        Assert.Equal(1f, h.Store.GetReal(on));
        h.Send(ServerHarness.A, Osc.Message("/ch/02/mix/on", false));
        Assert.Equal(0f, h.Store.GetReal(on));
    }

    [Fact]
    public void Name_IsSetByString_AndAnsweredAsString()
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message("/ch/05/config/name", "Snare top"));
        Assert.Equal("Snare top", h.Store.GetText(h.Index("/ch/05/config/name")));
        Assert.Equal("Snare top", Assert.Single(h.Query(ServerHarness.A, "/ch/05/config/name").Arguments));
    }

    [Theory]
    [InlineData("/ch/01/mix/fader", 1.5f)]
    [InlineData("/ch/01/mix/fader", -0.01f)]
    [InlineData("/ch/01/mix/fader", float.NaN)]
    [InlineData("/ch/01/mix/fader", "loud")]
    [InlineData("/ch/01/mix/fader", 1024)]
    [InlineData("/ch/01/eq/1/type", 6)]
    [InlineData("/ch/01/eq/1/type", "BELL")]
    [InlineData("/ch/01/mix/on", 2)]
    [InlineData("/ch/01/mix/on", 1.5f)]
    [InlineData("/ch/01/config/name", "name that is far too long for thirty-two")]
    [InlineData("/ch/01/config/name", "tab\there")]
    [InlineData("/ch/01/config/name", 3)]
    public void InvalidValue_ChangesNothing_AndIsCounted(string path, object value)
    {
        using var h = new ServerHarness();
        float[] before = Snapshot(h.Store);
        h.Send(ServerHarness.A, Osc.Message(path, value));
        Assert.Equal(before, Snapshot(h.Store));
        Assert.Equal("", h.Store.GetText(h.Index("/ch/01/config/name")));
        Assert.Equal(1, h.Server.Counters.RejectedValues);
        Assert.Equal(0, h.Server.Counters.ParametersSet);
    }

    [Fact]
    public void TwoArguments_AreRefused()
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message("/ch/01/mix/fader", 0.2f, 0.3f));
        Assert.Equal(1, h.Server.Counters.RejectedValues);
        Assert.NotEqual(0.2f, h.Store.GetNormalized(h.Index("/ch/01/mix/fader")), 2);
    }

    [Fact]
    public void WildcardSet_ReachesEveryMatchingPath_AndNoOther()
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message("/ch/0[1-4]/mix/{on,st}", 0));
        for (int ch = 1; ch <= 32; ch++)
        {
            float expected = ch <= 4 ? 0f : 1f;
            Assert.Equal(expected, h.Store.GetReal(h.Index($"/ch/{ch:00}/mix/on")));
            Assert.Equal(expected, h.Store.GetReal(h.Index($"/ch/{ch:00}/mix/st")));
        }

        Assert.Equal(8, h.Server.Counters.ParametersSet);
    }

    [Fact]
    public void WildcardQuery_AnswersEachMatch_UpToTheConfiguredBound()
    {
        using var h = new ServerHarness(new OscServerOptions { MaxRepliesPerQuery = 10 });
        h.Send(ServerHarness.A, Osc.Message("/ch/*/mix/fader"));
        var answers = h.Link.SentTo(ServerHarness.A).Select(p => Osc.Read(p).Address).ToList();
        Assert.Equal(10, answers.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(ch => $"/ch/{ch:00}/mix/fader"), answers);

        using var unbounded = new ServerHarness();
        unbounded.Send(ServerHarness.A, Osc.Message("/ch/*/mix/fader"));
        Assert.Equal(32, unbounded.Link.SentTo(ServerHarness.A).Count);
    }

    [Fact]
    public void UnknownAddress_IsCounted_AndAnswersNothing()
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message("/ch/33/mix/fader", 0.5f));
        h.Send(ServerHarness.A, Osc.Message("/nope"));
        h.Send(ServerHarness.A, Osc.Message("/zz/*"));
        Assert.Equal(3, h.Server.Counters.UnknownAddresses);
        Assert.Empty(h.Link.Sent);
    }

    [Fact]
    public void Info_And_Status_IdentifyTheConsole_ByItsConfiguredName()
    {
        using var h = new ServerHarness(new OscServerOptions { AdvertisedAddress = "192.168.1.40", Version = "1.2.3" });
        var info = h.Query(ServerHarness.A, "/info");
        Assert.Equal(["V1.2.3", "MixConsole", "MixConsole", "1.2.3"], info.Arguments);

        h.Send(ServerHarness.A, Osc.Message("/config/name", "FOH left"));
        var status = h.Query(ServerHarness.A, "/status");
        Assert.Equal(["active", "192.168.1.40", "FOH left"], status.Arguments);
    }

    [Fact]
    public void Node_AnswersTheNodeLineOfTheParameterTable()
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message("/ch/01/mix/on", 0));
        h.Link.Clear();
        h.Send(ServerHarness.A, Osc.Message("/node", "ch/01/mix"));
        var (address, arguments) = Osc.Read(Assert.Single(h.Link.SentTo(ServerHarness.A)));
        Assert.Equal("/node", address);
        Assert.True(NodeText.TryFormat(h.Store, "ch/01/mix", out string expected));
        Assert.Equal(expected, Assert.Single(arguments));
        Assert.StartsWith("/ch/01/mix OFF ", expected);
    }

    [Fact]
    public void FaderSet_AllocatesNothing_AfterWarmUp()
    {
        using var h = new ServerHarness();
        byte[] up = Osc.Message("/ch/07/mix/fader", 0.25f);
        byte[] down = Osc.Message("/ch/07/mix/fader", 0.5f);
        int sent = 0;
        Allocations.AssertNone(
            () => h.Send(ServerHarness.A, (sent++ & 1) == 0 ? up : down),
            calls: 10_000,
            what: "the server handling a fader set");

        Assert.Equal(sent, h.Server.Counters.ParametersSet);
    }

    internal static float[] Snapshot(ParameterStore store)
    {
        var values = new float[store.Count];
        store.CopyValuesTo(values);
        return values;
    }
}
