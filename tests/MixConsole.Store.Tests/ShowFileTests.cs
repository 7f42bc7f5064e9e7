using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;

namespace MixConsole.Store.Tests;

/// <summary>A whole show as one file: export, import into another box, export again gives the same bytes and the same console.</summary>
public sealed class ShowFileTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly ParameterTable Table = ParameterTable.Create(ConsoleConfig.Default);

    [Fact]
    public void ExportImportExport_IsExact_AndTheImportedBoxComesUpAsTheFirst()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();
        var console = new ParameterStore(Table);
        var random = new Random(5);
        string firstShow;
        using (var store = ConsoleStore.Open(first.Path))
        {
            var slots = new SceneSlots(store);
            for (int slot = 0; slot < 100; slot += 7)
            {
                Scramble(console, random, 60);
                console.TrySetText(Table.IndexOf("/ch/02/config/name"), $"Vox {slot}");
                slots.Save(slot, $"Song {slot}", slot % 2 == 0 ? "" : "notes, with \"quotes\"", console);
            }

            Scramble(console, random, 200);
            console.TrySetInt(Table.IndexOf("/-stat/selidx"), 9);
            Assert.True(RecallSafes.TryParse("ch 4 eq", out var safes, out _));
            slots.Safes = safes;
            slots.FadeSeconds = 2.5;
            var presets = new MasterPresetStore(store);
            presets.Save("loud", new Dictionary<string, float> { ["/eq/1/g"] = 3f, ["/comp/amount"] = 50f });
            presets.Save("soft", new Dictionary<string, float> { ["/width"] = 80f });
            using (var journal = new LiveJournal(store, console, _ => { })) journal.Flush();
            firstShow = ShowFile.Export(store, Table);
        }

        ShowSummary summary;
        string secondShow;
        var restored = new ParameterStore(Table);
        using (var store = ConsoleStore.Open(second.Path))
        {
            new SceneSlots(store).Save(99, "left over", "", restored); // an import replaces what was there
            new MasterPresetStore(store).Save("left over", new Dictionary<string, float> { ["/width"] = 0f });
            summary = ShowFile.Import(store, firstShow, Table);
            secondShow = ShowFile.Export(store, Table);
            new LiveJournal(store, restored, _ => { }).Restore();
            var slots = new SceneSlots(store);
            Assert.Equal((15, 98), (slots.List().Count, slots.List()[^1].Slot));
            Assert.Equal("ch 4 eq", slots.Safes.ToString());
            Assert.Equal(2.5, slots.FadeSeconds);
            var presets = new MasterPresetStore(store);
            Assert.Equal(["loud", "soft"], presets.List().Select(p => p.Name));
            Assert.True(presets.TryGet("loud", out var loud));
            Assert.Equal((3f, 50f), (loud["/eq/1/g"], loud["/comp/amount"]));
        }

        output.WriteLine($"show file: {firstShow.Length} bytes, {summary.Scenes} scenes, {summary.ConsoleValues} console values");
        Assert.Equal(firstShow, secondShow);
        Assert.Equal(15, summary.Scenes);
        Assert.Equal(98, summary.Current);
        for (int i = 0; i < Table.Count; i++)
        {
            if (Table[i].Kind == ParameterKind.String) Assert.Equal(console.GetText(i), restored.GetText(i));
            else Assert.True(BitConverter.SingleToInt32Bits(console.GetReal(i)) == BitConverter.SingleToInt32Bits(restored.GetReal(i)), $"{Table[i].Path}: {console.GetReal(i)} became {restored.GetReal(i)}");
        }
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("""{"format": "something else"}""", "not a show file")]
    [InlineData("""{"format": "mixconsole-show", "version": 2}""", "version 2")]
    [InlineData("""{"format": "mixconsole-show", "version": 1, "console": {"parameters": {"/ch/99/mix/fader": 0.5}}, "current": null, "safes": "", "fade": 0, "scenes": []}""", "/ch/99/mix/fader")]
    [InlineData("""{"format": "mixconsole-show", "version": 1, "console": {"parameters": {}}, "current": null, "safes": "", "fade": 0, "scenes": [{"slot": 3, "name": "a", "notes": "", "saved": "", "parameters": {"/ch/01/mix/fader": 7}}]}""", "scene 3")]
    [InlineData("""{"format": "mixconsole-show", "version": 1, "console": {"parameters": {}}, "current": 4, "safes": "", "fade": 0, "scenes": []}""", "current")]
    [InlineData("""{"format": "mixconsole-show", "version": 1, "console": {"parameters": {}}, "current": null, "safes": "", "fade": 0, "scenes": [], "masterPresets": [{"name": "x", "saved": "", "leaves": {"/width": "wide"}}]}""", "master preset 'x'")]
    [InlineData("""{"format": "mixconsole-show", "version": 1, "console": {"parameters": {}}, "current": null, "safes": "ch", "fade": 0, "scenes": []}""", "safes")]
    [InlineData("""{"format": "mixconsole-show", "version": 1, "console": {"parameters": {}}, "current": null, "safes": "", "fade": 99, "scenes": []}""", "fade")]
    public void ABadShow_IsRefusedWithItsReason_AndChangesNothing(string json, string reason)
    {
        using var folder = new TempFolder();
        using var store = ConsoleStore.Open(folder.Path);
        var console = new ParameterStore(Table);
        console.TrySetReal(Table.IndexOf("/ch/01/mix/fader"), -12f);
        new SceneSlots(store).Save(1, "Keep", "", console);
        using (var journal = new LiveJournal(store, console, _ => { })) journal.Flush();
        string before = ShowFile.Export(store, Table);
        var refused = Assert.Throws<SceneFormatException>(() => ShowFile.Import(store, json, Table));
        Assert.Contains(reason, refused.Message);
        Assert.Equal(before, ShowFile.Export(store, Table));
    }

    private static void Scramble(ParameterStore console, Random random, int moves)
    {
        for (int n = 0; n < moves; n++)
        {
            int i = random.Next(console.Count);
            if (console.Table[i].Kind != ParameterKind.String) console.TrySetNormalized(i, (float)random.NextDouble());
        }
    }
}
