using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;

namespace MixConsole.Store.Tests;

/// <summary>Scene slots: a save comes back exact after the store is closed and opened again; names, notes, delete, import.</summary>
public sealed class SceneSlotsTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static ParameterStore NewConsole() => new(ParameterTable.Create(ConsoleConfig.Default));

    // Sets randomly chosen numeric parameters to random values, moves times.
    private static void Scramble(ParameterStore console, Random random, int moves)
    {
        for (int n = 0; n < moves; n++)
        {
            int i = random.Next(console.Count);
            if (console.Table[i].Kind != ParameterKind.String) console.TrySetNormalized(i, (float)random.NextDouble());
        }
    }

    [Fact]
    public void Save_ThenRecallInAFreshConsole_GivesBackEveryValueBitForBit_AndLeavesTheSelection()
    {
        using var folder = new TempFolder();
        var console = NewConsole();
        var table = console.Table;
        Scramble(console, new Random(11), 300);

        console.TrySetText(table.IndexOf("/ch/03/config/name"), "Snare");
        using (var store = ConsoleStore.Open(folder.Path))
        {
            new SceneSlots(store).Save(42, "Song 3", "capo 2", console);
        }

        var recalled = NewConsole();
        int selection = table.IndexOf("/-stat/selidx");
        recalled.TrySetInt(selection, 5);
        using (var store = ConsoleStore.Open(folder.Path))
        {
            var slots = new SceneSlots(store);
            Assert.True(slots.Recall(42, recalled));
            Assert.Equal(42, slots.Current);
            var listed = Assert.Single(slots.List());
            Assert.Equal((42, "Song 3", "capo 2"), (listed.Slot, listed.Name, listed.Notes));
        }

        var expected = new float[console.Count];
        var actual = new float[console.Count];
        console.CopyValuesTo(expected);
        recalled.CopyValuesTo(actual);
        for (int i = 0; i < expected.Length; i++)
        {
            if (i == selection || !table[i].InScenes) continue; // console state (the selection, preferences) is not in scenes
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]), $"{table[i].Path}: saved {expected[i]}, recalled {actual[i]}");
        }

        Assert.Equal(5, (int)recalled.GetReal(selection));
        Assert.Equal("Snare", recalled.GetText(table.IndexOf("/ch/03/config/name")));
    }

    [Fact]
    public void UndoRecall_GivesBackTheMixAsItWasBeforeTheRecall_BitForBit_Once()
    {
        using var folder = new TempFolder();
        using var store = ConsoleStore.Open(folder.Path);
        var slots = new SceneSlots(store);
        var console = NewConsole();
        var table = console.Table;
        Assert.False(slots.UndoRecall(console));
        slots.Save(1, "Song 1", "", console);
        Scramble(console, new Random(3), 200);

        console.TrySetText(table.IndexOf("/ch/07/config/name"), "Keys");
        var before = new float[console.Count];
        console.CopyValuesTo(before);
        Assert.True(slots.Recall(1, console));
        Assert.Equal("", console.GetText(table.IndexOf("/ch/07/config/name")));
        Assert.True(slots.UndoRecall(console));
        var after = new float[console.Count];
        console.CopyValuesTo(after);
        Assert.Equal(before.Select(BitConverter.SingleToInt32Bits), after.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal("Keys", console.GetText(table.IndexOf("/ch/07/config/name")));
        Assert.False(slots.UndoRecall(console));
    }

    [Fact]
    public void RecallSafes_LeaveProtectedChannelsAndSectionsBitIdentical_AndRecallTheRest()
    {
        using var folder = new TempFolder();
        using var store = ConsoleStore.Open(folder.Path);
        var slots = new SceneSlots(store);
        var console = NewConsole();
        var table = console.Table;
        slots.Save(4, "Defaults", "", console);
        var random = new Random(8);
        for (int i = 0; i < table.Count; i++)
        {
            if (table[i].Kind != ParameterKind.String) console.TrySetNormalized(i, (float)random.NextDouble());
        }

        Assert.True(RecallSafes.TryParse("ch 3 EQ dyn sends master preamp", out RecallSafes safes, out _));
        Assert.Equal("ch 3 preamp eq dyn sends master", safes.ToString());
        Assert.False(RecallSafes.TryParse("ch x", out _, out string error));
        Assert.Contains("channel number", error);
        slots.Safes = safes;
        var before = new float[console.Count];
        console.CopyValuesTo(before);
        Assert.True(slots.Recall(4, console));
        int kept = 0, recalled = 0;
        for (int i = 0; i < table.Count; i++)
        {
            if (table[i].Kind == ParameterKind.String || !table[i].InScenes) continue;
            if (safes.Protects(table[i].Path))
            {
                Assert.True(BitConverter.SingleToInt32Bits(before[i]) == BitConverter.SingleToInt32Bits(console.GetReal(i)), $"{table[i].Path} is safe but moved");
                kept++;
            }
            else
            {
                Assert.True(console.GetGridIndex(i) == table[i].Spec.DefaultGridIndex, $"{table[i].Path} was not recalled");
                recalled++;
            }
        }

        Assert.True(safes.Protects("/ch/03/mix/fader") && safes.Protects("/bus/02/eq/1/g") && safes.Protects("/ch/05/mix/07/level") && safes.Protects("/master/width"));
        Assert.False(safes.Protects("/ch/05/mix/fader") || safes.Protects("/ch/05/mix/on") || safes.Protects("/ch/05/config/name"));
        Assert.True(kept > 500 && recalled > 100, $"{kept} kept, {recalled} recalled");
        Assert.Equal("ch 3 preamp eq dyn sends master", new SceneSlots(store).Safes.ToString());
    }

    [Fact]
    public void SaveAndRecall_Times_AreReported_AndEveryRecallIsExact()
    {
        using var folder = new TempFolder();
        using var store = ConsoleStore.Open(folder.Path);
        var slots = new SceneSlots(store);
        var console = NewConsole();
        var table = console.Table;
        var random = new Random(13);
        var saves = new List<double>();
        var recalls = new List<double>();
        var watch = new System.Diagnostics.Stopwatch();
        for (int round = 0; round < 21; round++)
        {
            Scramble(console, random, 100);

            var saved = new float[console.Count];
            console.CopyValuesTo(saved);
            watch.Restart();
            slots.Save(round % 5, $"Round {round}", "", console);
            saves.Add(watch.Elapsed.TotalMilliseconds);
            console.ResetSceneToDefaults();
            watch.Restart();
            Assert.True(slots.Recall(round % 5, console));
            recalls.Add(watch.Elapsed.TotalMilliseconds);
            var recalled = new float[console.Count];
            console.CopyValuesTo(recalled);
            Assert.Equal(saved, recalled);
        }

        // The first round pays for the JIT: left out of the figures.
        saves.RemoveAt(0);
        recalls.RemoveAt(0);
        saves.Sort();
        recalls.Sort();
        output.WriteLine(System.FormattableString.Invariant(
            $"{table.Count}-parameter console, 20 rounds: save (capture + synced commit) median {saves[10]:0.00} ms, max {saves[^1]:0.00} ms; recall (read + apply in one batch) median {recalls[10]:0.00} ms, max {recalls[^1]:0.00} ms"));
    }

    [Fact]
    public void RenameDeleteAndNotes_ChangeOnlyWhatTheySay_AndAnEmptySlotSaysSo()
    {
        using var folder = new TempFolder();
        using var store = ConsoleStore.Open(folder.Path);
        var slots = new SceneSlots(store);
        var console = NewConsole();
        slots.Save(0, "Intro", "", console);
        slots.Save(99, "Outro", "", console);
        Assert.True(slots.Rename(0, "Opener"));
        Assert.True(slots.SetNotes(99, "lights down"));
        Assert.False(slots.Rename(50, "nothing here"));
        Assert.True(slots.Delete(99));
        Assert.False(slots.Delete(99));
        Assert.False(slots.Recall(99, console));
        var only = Assert.Single(slots.List());
        Assert.Equal((0, "Opener"), (only.Slot, only.Name));
        Assert.Throws<ArgumentOutOfRangeException>(() => slots.Save(100, "x", "", console));
        Assert.Throws<ArgumentException>(() => slots.Rename(0, new string('x', SceneSlots.MaxNameLength + 1)));
    }

    [Fact]
    public void Import_RefusesAForeignScene_AndKeepsAGoodOneInCanonicalForm()
    {
        using var folder = new TempFolder();
        using var store = ConsoleStore.Open(folder.Path);
        var slots = new SceneSlots(store);
        var table = NewConsole().Table;
        Assert.Throws<SceneFormatException>(() => slots.Import(1, "bad", "", """{"parameters": {"/ch/99/mix/fader": 0.5}}""", table));
        Assert.False(slots.TryGet(1, out _));
        slots.Import(1, "good", "", """{"parameters": {"/ch/01/mix/fader": 0.5}}""", table);
        var console = NewConsole();
        Assert.True(slots.Recall(1, console));
        Assert.Equal(0.5f, console.GetNormalized(table.IndexOf("/ch/01/mix/fader")), 3);
    }
}
