using System.Globalization;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using Xunit.Abstractions;

namespace MixConsole.Store.Tests;

/// <summary>The live journal: what it flushed comes back at the next start; its writes stay small; a full disk only delays it.</summary>
public sealed class LiveJournalTests(ITestOutputHelper output)
{
    private static ParameterStore NewConsole() => new(ParameterTable.Create(ConsoleConfig.Default));

    [Fact]
    public void Flushed_Changes_ComeBackInTheNextConsole_TextAndSelectionIncluded()
    {
        using var folder = new TempFolder();
        var console = NewConsole();
        var table = console.Table;
        using (var store = ConsoleStore.Open(folder.Path))
        using (var journal = new LiveJournal(store, console, _ => { }))
        {
            console.TrySetNormalized(table.IndexOf("/ch/01/mix/fader"), 0.3f);
            console.TrySetInt(table.IndexOf("/-stat/selidx"), 9);
            console.TrySetText(table.IndexOf("/ch/02/config/name"), "Bass");
            Assert.True(journal.Flush());
            Assert.False(journal.Flush());
            console.TrySetNormalized(table.IndexOf("/ch/01/mix/fader"), 0.6f);
            Assert.True(journal.Flush());
            Assert.Equal(2, journal.Commits);
        }

        var restored = NewConsole();
        using (var store = ConsoleStore.Open(folder.Path))
        {
            Assert.True(store.HasLiveState);
            Assert.Equal(3, new LiveJournal(store, restored, _ => { }).Restore());
        }

        var expected = new float[console.Count];
        var actual = new float[console.Count];
        console.CopyValuesTo(expected);
        restored.CopyValuesTo(actual);
        Assert.Equal(expected, actual);
        Assert.Equal("Bass", restored.GetText(table.IndexOf("/ch/02/config/name")));
    }

    [Fact]
    public void RowsWrittenBeforeTheX32Shape_RestoreWhereTheyLiveNow_AndNewerRowsWin()
    {
        using var folder = new TempFolder();
        using (var store = ConsoleStore.Open(folder.Path))
        {
            // A store written before sends and key filters took the X32's shape: per-bus taps (0 PREEQ, 1 PRE,
            // 2 POST) and key high-passes in Hz; /ch/02's send 3 has since been set under its current path.
            using var command = store.Connection.CreateCommand();
            command.CommandText = """
                INSERT INTO live(path, real, text) VALUES
                ('/ch/01/mix/01/tap', 1, NULL), ('/ch/01/mix/02/tap', 0, NULL), ('/ch/01/gate/keyf', 150, NULL),
                ('/ch/02/mix/03/tap', 0, NULL), ('/ch/02/mix/03/type', 5, NULL), ('/bus/01/dyn/hpf', 20, NULL)
                """;
            command.ExecuteNonQuery();
        }

        var restored = NewConsole();
        var table = restored.Table;
        using (var store = ConsoleStore.Open(folder.Path))
        {
            new LiveJournal(store, restored, _ => { }).Restore();
        }

        float Real(string path) => restored.GetReal(table.IndexOf(path));
        Assert.Equal(3f, Real("/ch/01/mix/01/type")); // PRE
        Assert.Equal(1f, Real("/ch/01/gate/filter/on"));
        Assert.Equal(1f, Real("/ch/01/gate/filter/type")); // LC12
        var f = table[table.IndexOf("/ch/01/gate/filter/f")].Spec;
        Assert.Equal(f.RealAt(f.GridIndexOfReal(150)), Real("/ch/01/gate/filter/f"));
        Assert.Equal(5f, Real("/ch/02/mix/03/type")); // GRP, written under the current path, wins
        Assert.Equal(0f, Real("/bus/01/dyn/filter/on")); // 20 Hz was off
    }

    [Fact]
    public void AStoreWrittenBeforeVeq_RecallsTheSameEqTypes_InItsLiveStateAndItsScenes()
    {
        // Before VEQ took position 3, HShv was 3 and HCut 4, in the live rows and in the slots' scene JSON.
        using var folder = new TempFolder();
        WriteAsAnOlderStore(folder.Path, """
                DELETE FROM meta WHERE key = 'eqtypes';
                INSERT INTO live(path, real, text) VALUES ('/ch/01/eq/4/type', 3, NULL), ('/ch/02/eq/1/type', 4, NULL), ('/bus/01/eq/2/type', 1, NULL);
                INSERT INTO scenes(slot, name, notes, saved_utc, parameters) VALUES (7, 'Old', '', '2026-01-01T00:00:00Z',
                    '{"parameters": {"/ch/05/eq/3/type": 3, "/ch/06/eq/2/type": 4, "/ch/07/eq/1/type": 0}}');
                """);

        // Opened twice: the store is renumbered once.
        for (int open = 0; open < 2; open++)
        {
            var console = NewConsole();
            using var store = ConsoleStore.Open(folder.Path);
            new LiveJournal(store, console, _ => { }).Restore();
            string Type(string path) => ParameterFormatter.FormatCurrent(console, console.Table.IndexOf(path), compact: true);
            Assert.Equal("HShv", Type("/ch/01/eq/4/type"));
            Assert.Equal("HCut", Type("/ch/02/eq/1/type"));
            Assert.Equal("LShv", Type("/bus/01/eq/2/type"));
            Assert.True(new SceneSlots(store).Recall(7, console));
            Assert.Equal("HShv", Type("/ch/05/eq/3/type"));
            Assert.Equal("HCut", Type("/ch/06/eq/2/type"));
            Assert.Equal("LCut", Type("/ch/07/eq/1/type"));
        }
    }

    [Fact]
    public void AStoreWrittenBeforeTheX32Effects_RecallsTheSlotsAsHallAndStereoDelay()
    {
        // Before the X32's types, a slot was REVERB 0 or DELAY 1 with both effects' named settings in real units.
        using var folder = new TempFolder();
        WriteAsAnOlderStore(folder.Path, """
                DELETE FROM meta WHERE key = 'fxtypes';
                INSERT INTO live(path, real, text) VALUES ('/fx/1/type', 1, NULL), ('/fx/1/delay/time', 250, NULL), ('/fx/1/reverb/decay', 9, NULL),
                    ('/fx/2/reverb/predelay', 50, NULL), ('/fx/2/delay/time', 1800, NULL);
                """);

        // Opened twice: the store is renumbered once.
        for (int open = 0; open < 2; open++)
        {
            var console = NewConsole();
            using var store = ConsoleStore.Open(folder.Path);
            new LiveJournal(store, console, _ => { }).Restore();
            string Token(string path) => ParameterFormatter.FormatCurrent(console, console.Table.IndexOf(path), compact: true);
            float Real(int slot, int par) => X32EffectTypes.At(slot, console.GetReal(console.Table.IndexOf($"/fx/{slot}/type")))
                .Real(par, console.GetNormalized(console.Table.IndexOf($"/fx/{slot}/par/{par:00}")));
            Assert.Equal("DLY", Token("/fx/1/type"));
            Assert.Equal(250f, Real(1, 2));
            Assert.Equal("HALL", Token("/fx/2/type"));
            Assert.Equal(50f, Real(2, 1));
        }
    }

    // A store as an older console left it: its marks removed, its rows and slots as they were written then.
    private static void WriteAsAnOlderStore(string folder, string sql)
    {
        using var store = ConsoleStore.Open(folder);
        using var command = store.Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void AStoreWrittenWithAStereoReturnPerSlot_RestoresThePairOfReturnStrips()
    {
        // Before the X32's return strips, /fxrtn/02 was slot 2's stereo return; its fxlink did nothing.
        using var folder = new TempFolder();
        WriteAsAnOlderStore(folder.Path, """
                DELETE FROM meta WHERE key = 'fxreturns';
                INSERT INTO live(path, real, text) VALUES ('/fxrtn/02/mix/fader', -12, NULL), ('/fxrtn/02/mix/pan', -40, NULL),
                    ('/fxrtn/02/config/name', NULL, 'Delay'), ('/config/fxlink/3-4', 0, NULL);
                """);

        // Opened twice: the store is split once.
        for (int open = 0; open < 2; open++)
        {
            var console = NewConsole();
            using var store = ConsoleStore.Open(folder.Path);
            new LiveJournal(store, console, _ => { }).Restore();
            float Real(string path) => console.GetReal(console.Table.IndexOf(path));
            Assert.Equal(-12f, Real("/fxrtn/03/mix/fader"), 0.1f);
            Assert.Equal(-12f, Real("/fxrtn/04/mix/fader"), 0.1f);
            Assert.Equal(-40f, Real("/fxrtn/03/mix/pan"));
            Assert.Equal(0f, Real("/fxrtn/04/mix/pan"));
            Assert.Equal(1f, Real("/config/fxlink/3-4"));
            Assert.Equal("Delay", console.GetText(console.Table.IndexOf("/fxrtn/04/config/name")));
            Assert.True(Real("/fxrtn/02/mix/fader") > -1f, "slot 1's right return keeps its fader");
        }
    }

    [Fact]
    public void AStoreWrittenWithStripSolos_RestoresThemAsTheX32SoloSwitches()
    {
        // Before the X32's /-stat/solosw, solo was a leaf of each strip; /fxrtn/02 was then slot 2's stereo return.
        using var folder = new TempFolder();
        WriteAsAnOlderStore(folder.Path, """
                DELETE FROM meta WHERE key = 'fxreturns';
                INSERT INTO live(path, real, text) VALUES ('/ch/02/solo', 1, NULL), ('/bus/03/solo', 1, NULL), ('/fxrtn/02/solo', 1, NULL);
                """);

        var console = NewConsole();
        using var store = ConsoleStore.Open(folder.Path);
        new LiveJournal(store, console, _ => { }).Restore();
        float Real(string path) => console.GetReal(console.Table.IndexOf(path));
        Assert.Equal(1f, Real("/-stat/solosw/02"));
        Assert.Equal(1f, Real("/-stat/solosw/51"));
        Assert.Equal((1f, 1f), (Real("/-stat/solosw/43"), Real("/-stat/solosw/44")));
        Assert.Equal((0f, 0f, 0f), (Real("/-stat/solosw/01"), Real("/-stat/solosw/41"), Real("/-stat/solosw/49")));
    }

    [Fact]
    public void AMinuteOfMovesAt100PerSecond_WritesUnderOneMegabyte()
    {
        using var folder = new TempFolder();
        var console = NewConsole();
        var table = console.Table;
        int[] faders = [.. Enumerable.Range(1, 8).Select(ch => table.IndexOf($"/ch/{ch:00}/mix/fader"))];
        using var store = ConsoleStore.Open(folder.Path);
        using var journal = new LiveJournal(store, console, _ => { });
        console.TrySetNormalized(faders[0], 0.1f);
        journal.Flush();

        // 100 moves a second across eight faders, flushed every 0.5 s as the journal's thread does: 120 flushes a minute.
        int flushesPerMinute = (int)(TimeSpan.FromMinutes(1) / journal.FlushInterval);
        int movesPerFlush = (int)(100 * journal.FlushInterval.TotalSeconds);
        long before = ThreadBytesWritten();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var random = new Random(5);
        for (int f = 0; f < flushesPerMinute; f++)
        {
            for (int m = 0; m < movesPerFlush; m++) console.TrySetNormalized(faders[random.Next(faders.Length)], (float)random.NextDouble());
            Assert.True(journal.Flush());
        }

        long written = ThreadBytesWritten() - before;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"100 moves/s over 8 faders for a minute ({flushesPerMinute} synced flushes): {written / 1024.0:0} KiB written (write(2) bytes of this thread), {allocated / flushesPerMinute} bytes allocated per flush"));
        Assert.True(written > 0, "the write counter saw nothing: the measurement is broken");
        Assert.True(written < 1024 * 1024, $"{written} bytes a minute");
        // The ADO layer boxes each bound value; the journal's own buffers are reused.
        Assert.True(allocated / flushesPerMinute < 8 * 1024, $"{allocated / flushesPerMinute} bytes per flush");
    }

    [Fact]
    public void AFullDisk_WarnsOnce_KeepsTheChanges_AndWritesThemWhenThereIsRoomAgain()
    {
        using var folder = new TempFolder();
        var console = NewConsole();
        var table = console.Table;
        var lines = new List<string>();
        using var store = ConsoleStore.Open(folder.Path);
        using var journal = new LiveJournal(store, console, lines.Add);
        long pages;
        lock (store.Gate)
        {
            using var count = store.Connection.CreateCommand();
            count.CommandText = "PRAGMA page_count";
            pages = (long)count.ExecuteScalar()!;
            using var limit = store.Connection.CreateCommand();
            limit.CommandText = $"PRAGMA max_page_count = {pages}";
            limit.ExecuteNonQuery();
        }

        // Every channel name: more rows than the store's pages can take.
        for (int ch = 1; ch <= table.Config.Channels; ch++) console.TrySetText(table.IndexOf($"/ch/{ch:00}/config/name"), $"Channel {ch} long name");
        Assert.False(journal.Flush());
        Assert.False(journal.Flush());
        Assert.True(journal.Failing);
        Assert.Single(lines, l => l.Contains("WARNING", StringComparison.Ordinal));

        lock (store.Gate)
        {
            using var limit = store.Connection.CreateCommand();
            limit.CommandText = "PRAGMA max_page_count = 1000000";
            limit.ExecuteNonQuery();
        }

        Assert.True(journal.Flush());
        Assert.False(journal.Failing);
        Assert.Equal(table.Config.Channels, (int)journal.RowsWritten);
    }

    // write(2)/pwrite(2) bytes of the calling thread: what SQLite asked the kernel to write, WAL and checkpoints included.
    private static long ThreadBytesWritten()
    {
        foreach (string line in File.ReadAllLines("/proc/thread-self/io"))
        {
            if (line.StartsWith("wchar:", StringComparison.Ordinal)) return long.Parse(line.AsSpan(6).Trim(), CultureInfo.InvariantCulture);
        }

        throw new InvalidOperationException("/proc/thread-self/io has no wchar line");
    }
}
