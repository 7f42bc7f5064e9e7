using System.Text.Json;
using MixConsole.Host.Cli;
using MixConsole.Host.Commands;

namespace MixConsole.Host.Tests.Offline;

public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_Json_ReportsTheNamedFigures_AndAllocatesNothing()
    {
        var o = new StringWriter();
        int code = new CommandRunner(CommandCatalog.All).Run(["bench", "--channels", "8", "--buses", "4", "--fx", "2", "--seconds", "0.5", "--json"],
            new CommandContext(o, new StringWriter(), CancellationToken.None));
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(o.ToString());
        var root = json.RootElement;
        Assert.True(root.GetProperty("realtime_factor").GetDouble() > 1);
        long p50 = root.GetProperty("block_ns_p50").GetInt64(), p99 = root.GetProperty("block_ns_p99").GetInt64(), max = root.GetProperty("block_ns_max").GetInt64();
        Assert.True(p50 > 0 && p50 <= p99 && p99 <= max);
        Assert.Equal(0, root.GetProperty("allocated_bytes").GetInt64());
        var config = root.GetProperty("configuration");
        Assert.Equal(8, config.GetProperty("channels").GetInt32());
        Assert.Equal(32, config.GetProperty("block").GetInt32());
        Assert.Equal(48000, config.GetProperty("rate").GetDouble());
    }
}
