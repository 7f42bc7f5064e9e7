using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using MixConsole.Host.Cli;
using MixConsole.Host.Serve;
using MixConsole.Store;

namespace MixConsole.Host.Tests.Serve;

/// <summary>serve --state: the store comes back as the console was; an old state.json is imported once; an unusable folder is not fatal.</summary>
public sealed class ConsoleStateTests
{
    private static ParameterStore NewConsole() => new(ParameterTable.Create(ConsoleConfig.Default));

    [Fact]
    public void AStateJson_IsImportedOnce_ThenTheStoreIsTheTruth()
    {
        using var dir = new TestSignals();
        File.WriteAllText(dir.Path("state.json"), """{ "parameters": { "/-stat/selidx": 7, "/ch/01/mix/fader": 0.5 } }""");
        var lines = new List<string>();
        var first = NewConsole();
        using (var state = ConsoleState.Open(dir.Folder, lines.Add))
        {
            Assert.True(state.HasSavedState);
            state.Restore(first);
            state.Start();
            first.TrySetNormalized(first.Table.IndexOf("/ch/02/mix/fader"), 0.25f);
        }

        Assert.Contains(lines, l => l.Contains("imported into", StringComparison.Ordinal));
        File.WriteAllText(dir.Path("state.json"), """{ "parameters": { "/-stat/selidx": 1 } }""");
        var second = NewConsole();
        using (var state = ConsoleState.Open(dir.Folder, _ => { }))
        {
            state.Restore(second);
        }

        var expected = new float[first.Count];
        var actual = new float[first.Count];
        first.CopyValuesTo(expected);
        second.CopyValuesTo(actual);
        Assert.Equal(expected, actual);
        Assert.Equal(7, (int)second.GetReal(second.Table.IndexOf("/-stat/selidx")));
    }

    [Fact]
    public void AFolderThatCannotBeMade_RunsWithoutAStore_AndSaysSo()
    {
        using var dir = new TestSignals();
        File.WriteAllText(dir.Path("not-a-folder"), "");
        var lines = new List<string>();
        using var state = ConsoleState.Open(Path.Combine(dir.Path("not-a-folder"), "state"), lines.Add);
        Assert.Null(state.Scenes);
        Assert.False(state.HasSavedState);
        Assert.Contains("STORE UNAVAILABLE", state.Warning);
        Assert.Single(lines);
    }

    [Fact]
    public void AFolderThatBecomesUsable_IsTakenUp_AndKeepsTheConsoleAsItIsThen()
    {
        using var dir = new TestSignals();
        string blocker = dir.Path("not-yet");
        File.WriteAllText(blocker, "");
        string folder = Path.Combine(blocker, "state");
        var lines = new List<string>();
        var console = NewConsole();
        var table = console.Table;
        using (var state = ConsoleState.Open(folder, l => { lock (lines) lines.Add(l); }, TimeSpan.FromMilliseconds(50)))
        {
            state.Restore(console);
            state.Start();
            console.TrySetNormalized(table.IndexOf("/ch/05/mix/fader"), 0.3f);
            Thread.Sleep(200);
            Assert.Null(state.Scenes); // still unusable: nothing happens, nothing said
            File.Delete(blocker);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (state.Scenes is null && waited.Elapsed < TimeSpan.FromSeconds(20)) Thread.Sleep(10);
            Assert.NotNull(state.Scenes);
            Assert.Null(state.Warning);
            console.TrySetText(table.IndexOf("/ch/05/config/name"), "Late");
            state.Scenes!.Save(1, "After", "", console);
        }

        lock (lines)
        {
            Assert.Equal(2, lines.Count);
            Assert.Contains("can be used now", lines[1]);
        }

        var back = NewConsole();
        using (var state = ConsoleState.Open(folder, _ => { }))
        {
            state.Restore(back);
            Assert.Equal([1], state.Scenes!.List().Select(s => s.Slot));
        }

        Assert.Equal(0.3f, back.GetNormalized(table.IndexOf("/ch/05/mix/fader")), 3);
        Assert.Equal("Late", back.GetText(table.IndexOf("/ch/05/config/name")));
    }

    [Fact]
    public void ASecondConsoleOnTheSameFolder_IsRefusedInOneLine()
    {
        using var dir = new TestSignals();
        using var first = ConsoleState.Open(dir.Folder, _ => { });
        var e = Assert.Throws<UserFacingException>(() => ConsoleState.Open(dir.Folder, _ => { }));
        Assert.Contains("in use by a running console", e.Message);
    }

    [Fact]
    public void ACleanStop_TakesABackup()
    {
        using var dir = new TestSignals();
        using (var state = ConsoleState.Open(dir.Folder, _ => { }))
        {
            state.Restore(NewConsole());
        }

        Assert.Single(Directory.GetFiles(Path.Combine(dir.Folder, "backups"), "console-*.db"));
        using var store = ConsoleStore.Open(dir.Folder, recover: false);
        Assert.Equal(StoreCondition.Opened, store.Condition);
    }
}
