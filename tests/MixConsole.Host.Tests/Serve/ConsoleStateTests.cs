using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using MixConsole.Host.Serve;
using Xunit.Abstractions;

namespace MixConsole.Host.Tests.Serve;

/// <summary>serve --state: saves only what changed, without garbage when nothing did, and the file reads back as the console.</summary>
public sealed class ConsoleStateTests(ITestOutputHelper output)
{
    [Fact]
    public void Save_WithNothingChanged_DoesNothing_AndAllocatesNothing()
    {
        using var dir = new TestSignals();
        var store = new ParameterStore(ParameterTable.Create(ConsoleConfig.Default));
        var state = ConsoleState.Open(dir.Folder, store, _ => { });
        state.Save();
        string path = Path.Combine(dir.Folder, "state.json");
        Assert.True(File.Exists(path));
        var written = File.GetLastWriteTimeUtc(path);
        for (int i = 0; i < 1_000; i++) state.Save();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) state.Save();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1, state.Builds);
        Assert.Equal(1, state.Writes);
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Save_AfterAChange_RewritesTheWholeConsole_ReusingItsBuffers()
    {
        using var dir = new TestSignals();
        var store = new ParameterStore(ParameterTable.Create(ConsoleConfig.Default));
        var state = ConsoleState.Open(dir.Folder, store, _ => { });
        int fader = store.Table.IndexOf("/ch/05/mix/fader");
        int name = store.Table.IndexOf("/ch/05/config/name");
        state.Save();
        for (int i = 0; i < 20; i++)
        {
            store.TrySetNormalized(fader, i % 2 == 0 ? 0.25f : 0.5f);
            state.Save();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        const int Saves = 50;
        for (int i = 0; i < Saves; i++)
        {
            store.TrySetNormalized(fader, i % 2 == 0 ? 0.25f : 0.5f);
            state.Save();
        }

        long perSave = (GC.GetAllocatedBytesForCurrentThread() - before) / Saves;
        output.WriteLine($"{perSave} bytes allocated per save of a changed console (file handle and paths; the JSON itself reuses its buffer)");
        // The old save built a ~200 KB string twice over (the JSON, then its UTF-16 copy) every time.
        Assert.True(perSave < 4_096, $"{perSave} bytes per save");

        // Changed and changed back: the build finds the file already says so and writes nothing.
        store.TrySetNormalized(fader, 0.75f);
        state.Save();
        long writes = state.Writes;
        store.TrySetNormalized(fader, 0.5f);
        store.TrySetNormalized(fader, 0.75f);
        state.Save();
        Assert.Equal(writes, state.Writes);

        store.TrySetText(name, "Kick");
        state.Save();
        var restored = new ParameterStore(ParameterTable.Create(ConsoleConfig.Default));
        ConsoleState.Open(dir.Folder, restored, _ => { });
        var expected = new float[store.Count];
        var actual = new float[store.Count];
        store.CopyValuesTo(expected);
        restored.CopyValuesTo(actual);
        Assert.Equal(expected, actual);
        Assert.Equal("Kick", restored.GetText(name));
    }
}
