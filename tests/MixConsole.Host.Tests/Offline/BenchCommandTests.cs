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
        Assert.True(root.GetProperty("realtime_factor").GetDouble() > 0); // a figure, not a verdict: the machine may be busy
        var cpu = root.GetProperty("realtime_factor_cpu");
        Assert.True(cpu.ValueKind == JsonValueKind.Null || cpu.GetDouble() > 0);
        long p50 = root.GetProperty("block_ns_p50").GetInt64(), p99 = root.GetProperty("block_ns_p99").GetInt64(), max = root.GetProperty("block_ns_max").GetInt64();
        Assert.True(p50 > 0 && p50 <= p99 && p99 <= max);
        Assert.Equal(0, root.GetProperty("allocated_bytes").GetInt64());
        // gc_collections counts the whole process, and other tests run in this one: only its presence is checked here.
        Assert.Equal(JsonValueKind.Number, root.GetProperty("gc_collections").ValueKind);
        Assert.Equal(0, root.GetProperty("moves").GetInt64());
        Assert.Equal(0, root.GetProperty("snapshots").GetInt64()); // nothing changed: the control step published nothing
        var config = root.GetProperty("configuration");
        Assert.Equal(8, config.GetProperty("channels").GetInt32());
        Assert.Equal(32, config.GetProperty("block").GetInt32());
        Assert.Equal(48000, config.GetProperty("rate").GetDouble());
    }

    [Fact]
    public void Bench_Moves_ChangesParametersEveryBlock_AllocatingNothing()
    {
        var o = new StringWriter();
        int code = new CommandRunner(CommandCatalog.All).Run(["bench", "--channels", "8", "--buses", "4", "--fx", "2", "--seconds", "0.5", "--moves", "32", "--json"],
            new CommandContext(o, new StringWriter(), CancellationToken.None));
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(o.ToString());
        var root = json.RootElement;
        int blocks = (int)Math.Ceiling(0.5 * 48_000 / 32);
        Assert.Equal(32L * blocks, root.GetProperty("moves").GetInt64());
        Assert.Equal(32, root.GetProperty("configuration").GetProperty("moves_per_block").GetInt32());
        // Every block's moves are compiled on the control step, one snapshot per block, timed apart from the block.
        Assert.Equal(blocks, root.GetProperty("snapshots").GetInt64());
        long c50 = root.GetProperty("compile_ns_p50").GetInt64(), c99 = root.GetProperty("compile_ns_p99").GetInt64(), cmax = root.GetProperty("compile_ns_max").GetInt64();
        Assert.True(c50 > 0 && c50 <= c99 && c99 <= cmax);
        Assert.True(root.GetProperty("compile_ns_per_change").GetDouble() > 0);
        Assert.Equal(0, root.GetProperty("allocated_bytes").GetInt64());
        // gc_collections counts the whole process, and other tests run in this one: only its presence is checked here.
        Assert.Equal(JsonValueKind.Number, root.GetProperty("gc_collections").ValueKind);
    }

    [Fact]
    public void BenchMoves_AreRealChanges_AcrossEveryKindAndTheMasterEq()
    {
        var store = new MixConsole.Engine.Parameters.ParameterStore(MixConsole.Engine.Parameters.ParameterTable.Create(MixConsole.Engine.Configuration.ConsoleConfig.Default));
        var moves = new MixConsole.Host.Offline.BenchMoves(store);
        // 32 channels x (fader, pan, 4 EQ gains, a send) + 3 master EQ parameters.
        Assert.Equal(32 * 7 + 3, moves.Targets);
        // The first pass may meet a default on the way (a pan already centred); after it every move changes a value.
        moves.Move(moves.Targets);
        long version = store.Version;
        moves.Move(moves.Targets * 3);
        Assert.Equal(moves.Targets * 3, store.Version - version);
        Assert.NotEqual(0.5f, store.GetNormalized(store.Table.IndexOf("/master/eq/tilt")));
    }
}
