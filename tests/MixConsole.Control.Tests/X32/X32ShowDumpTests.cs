using MixConsole.Control.Osc;
using MixConsole.Control.Server;
using MixConsole.Control.Tests.Server;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;

namespace MixConsole.Control.Tests.X32;

/// <summary><c>/showdump</c> as the X32 answers it: node lines, the show's header first, then what holds the show (scenes).</summary>
public sealed class X32ShowDumpTests
{
    [Fact]
    public void Showdump_AnswersTheShowHeader_ThenEveryHandlersLines_InOrder()
    {
        var options = new OscServerOptions { Identity = ConsoleIdentity.TryParse("X32", "1.0", out var x32) ? x32 : null };
        var link = new RecordingTransport();
        using var server = new OscServer(new ParameterStore(ParameterTable.Create(ConsoleConfig.Default)), options, time: new ManualClock());
        server.AddTransport(link);
        server.AddCommandHandler(new ShowLines("/-show/showfile/scene/000 \"Intro\" \"\" %000000000 1\n", "/-show/showfile/scene/004 \"Outro\" \"end\" %000000000 1\n"));
        server.Start(runControlThread: false);
        server.HandlePacket(X32WireClient.Message("/showdump"), ServerHarness.A, 0);

        string[] lines = [.. link.SentTo(ServerHarness.A).Select(p => Assert.Single(X32WireClient.ReadStrings(p)!.Value.Strings))];
        Assert.Equal(
            [
                "/-show/showfile/show \"\" 0 0 0 0 0 0 0 0 0 0 \"V4.06\"\n",
                "/-show/showfile/scene/000 \"Intro\" \"\" %000000000 1\n",
                "/-show/showfile/scene/004 \"Outro\" \"end\" %000000000 1\n",
            ],
            lines);
        Assert.All(link.SentTo(ServerHarness.A), p => Assert.Equal("/node", X32WireClient.ReadStrings(p)!.Value.Address));
    }

    private sealed class ShowLines(params string[] lines) : IOscCommandHandler
    {
        public bool TryHandle(in OscMessage message, Span<byte> reply, out int replyLength)
        {
            replyLength = 0;
            return false;
        }

        public IEnumerable<string> ShowDumpLines() => lines;
    }
}
