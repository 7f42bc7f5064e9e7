using System.Diagnostics;
using MixConsole.Engine.Compiler;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Tests.Compiler;

/// <summary><see cref="ConsoleCompilerThread.RunPaused"/>: the compiler stands still while another thread prepares the engine.</summary>
public sealed class CompilerThreadPauseTests
{
    [Fact]
    public void RunPaused_NothingIsPublishedWhileTheActionRuns_AndChangesMadeMeanwhileAreCompiledAfter()
    {
        var store = new ParameterStore(ParameterTable.Create(ConsoleConfig.Default));
        var engine = new MixerEngine(store);
        engine.Prepare(48_000, 32, 2, MixerOutputs.Total(ConsoleConfig.Default.Buses));
        using var compiler = new ConsoleCompilerThread(engine, tick: TimeSpan.FromMilliseconds(1));
        compiler.Start();
        int fader = store.Table.IndexOf("/ch/01/mix/fader");
        // The thread is running and compiling changes: a change is published.
        WaitUntil(() => { store.TrySetNormalized(fader, 0.25f); return engine.Compiler.CompiledVersion == store.Version; });

        long publishedInside = -1;
        int calls = 0;
        compiler.RunPaused(() =>
        {
            calls++;
            long before = engine.Compiler.Published;
            // Changes every millisecond for 100 ms: a running compiler thread would publish dozens of them.
            for (int i = 0; i < 100; i++)
            {
                store.TrySetNormalized(fader, (i % 50) / 100f);
                Thread.Sleep(1);
            }

            publishedInside = engine.Compiler.Published - before;
        });

        Assert.Equal(1, calls);
        Assert.Equal(0, publishedInside);
        WaitUntil(() => engine.Compiler.CompiledVersion == store.Version);
    }

    [Fact]
    public void RunPaused_OnAThreadNotStartedOrDisposed_RunsTheActionAtOnce()
    {
        var engine = new MixerEngine(new ParameterStore(ParameterTable.Create(ConsoleConfig.Default)));
        var compiler = new ConsoleCompilerThread(engine);
        int calls = 0;
        compiler.RunPaused(() => calls++);
        compiler.Start();
        compiler.Dispose();
        compiler.RunPaused(() => calls++);
        Assert.Equal(2, calls);
    }

    // Waits for counts, not time: a loaded machine only makes this slower; the bound tells a hang from load.
    private static void WaitUntil(Func<bool> condition)
    {
        var patience = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(patience.Elapsed < TimeSpan.FromSeconds(60), "the compiler thread never caught up");
            Thread.Sleep(2);
        }
    }
}
