using MixConsole.Control.Tests.Server;

namespace MixConsole.Control.Tests.X32;

/// <summary>
/// <c>/node</c> of a node with no leaf of its own (a strip, a family, the root), as apps ask it when they walk the
/// tree from the top: the X32 answers the line of the first node below it (Maillot's document and emulator).
/// </summary>
public sealed class X32ContainerNodeTests
{
    [Theory]
    [InlineData("ch", "/ch/01/config ", 4)]
    [InlineData("/bus", "/bus/01/config ", 3)]
    [InlineData("dca/", "/dca/1/config ", 3)]
    [InlineData("ch/02/eq", "/ch/02/eq ", 1)]
    [InlineData("headamp", "/headamp/000 ", 2)]
    [InlineData("outputs/main/", "/outputs/main/01 ", 3)]
    [InlineData("config/routing", "/config/routing ", 1)]
    [InlineData("config/userctrl", "/config/userctrl/A ", 1)]
    public void ContainerNode_AnswersTheLineOfTheFirstNodeBelowIt(string node, string head, int values)
    {
        using var h = new ServerHarness();
        string? line = NodeLine(h, node);
        Assert.NotNull(line);
        Assert.StartsWith(head, line, StringComparison.Ordinal);
        Assert.Equal(values, line[head.Length..^1].Split(' ').Length);
    }

    [Fact]
    public void Root_AnswersALine_AndAnUnknownNodeNone()
    {
        using var h = new ServerHarness();
        Assert.StartsWith("/config", NodeLine(h, "/"), StringComparison.Ordinal);
        Assert.Null(NodeLine(h, "chx"));
        Assert.Null(NodeLine(h, "ch/01/mixer"));
    }

    private static string? NodeLine(ServerHarness h, string node)
    {
        h.Link.Clear();
        h.Send(ServerHarness.A, X32WireClient.Message("/node", node));
        var answers = h.Link.SentTo(ServerHarness.A);
        return answers.Count == 1 && X32WireClient.ReadStrings(answers[0]) is { Strings: [string line] } ? line : null;
    }
}
