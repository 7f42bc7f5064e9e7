using MixConsole.Dsp.Core;
using MixConsole.Engine.Compiler;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Parameters;
using MixConsole.Engine.Tests.Mixer;
using MixConsole.Tests.Shared;

namespace MixConsole.Engine.Tests.Compiler;

/// <summary>
/// Neither side allocates in steady state: the audio thread taking snapshots while a compiler thread compiles a
/// stream of changes, and the compiler itself over thousands of compiles; no garbage collection happens meanwhile.
/// </summary>
[Collection(AloneInProcessCollection.Name)]
public sealed class SteadyStateAllocationTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private const int Block = 32;
    private static readonly ConsoleConfig Config = ConsoleConfig.Default;

    [Fact]
    public void AudioSide_AllocatesNothing_WhileTheCompilerThreadCompilesAStreamOfChanges()
    {
        var h = new EngineHarness(Config, maxBlock: Block);
        AllOnScene.Apply(h);
        var changes = Changes(h.Store);
        var input = new AudioBuffer(Config.Channels, Block);
        var output = new AudioBuffer(MixerOutputs.Total(Config.Buses), Block);
        var x = AllOnScene.Programme(Config.Channels, Block * 100);
        using var compiler = new ConsoleCompilerThread(h.Engine, TimeSpan.FromMilliseconds(2));
        compiler.Start();
        using var stop = new CancellationTokenSource();
        long written = 0;
        var writer = new Thread(() =>
        {
            int i = 0;
            while (!stop.IsCancellationRequested)
            {
                // A bundle of 8 moves, then a breath: a busy surface.
                using (h.Store.BeginBatch())
                    for (int k = 0; k < 8; k++, i++) changes.Apply(h.Store, i);
                Interlocked.Add(ref written, 8);
                Thread.Sleep(1);
            }
        }) { IsBackground = true };

        void Blocks(int count)
        {
            for (int b = 0; b < count; b++)
            {
                for (int c = 0; c < Config.Channels; c++) x[c].AsSpan((b % 100) * Block, Block).CopyTo(input.Channel(c));
                h.Engine.Process(input, output, Block);
            }
        }

        writer.Start();
        Blocks(2000); // warm up: every path taken, tiered JIT settled
        long publishedBefore = h.Engine.Compiler.Published;
        using var window = GcWindow.Start();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Blocks(5000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        int collections = window.Collections;
        stop.Cancel();
        writer.Join();
        Assert.Equal(0, allocated);
        Assert.Equal(0, collections);
        // The compiler thread's own bytes are counted exactly by Compiler_AllocatesNothing_OverThousandsOfCompiles; the
        // whole process's figure also holds the test host's threads and what earlier tests left running, so it is only told.
        log.WriteLine($"whole process during the window: {window.ProcessBytes} bytes, {collections} collections");
        // On a loaded machine the compiler thread may get little time; what matters is that it published while the audio ran.
        Assert.True(h.Engine.Compiler.Published - publishedBefore >= 10, $"only {h.Engine.Compiler.Published - publishedBefore} snapshots published while measuring");
        Assert.False(h.Engine.CompileOnAudioThread);
    }

    [Fact]
    public void Compiler_AllocatesNothing_OverThousandsOfCompiles()
    {
        var h = new EngineHarness(Config, maxBlock: Block);
        h.Engine.CompileOnAudioThread = false;
        AllOnScene.Apply(h);
        var changes = Changes(h.Store);
        var compiler = h.Engine.Compiler;
        void Compiles(int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (i % 50 == 0)
                {
                    // Now and then a scene-sized batch: every change of the list at once.
                    using (h.Store.BeginBatch())
                        for (int k = 0; k < changes.Count; k++) changes.Apply(h.Store, i + k);
                }
                else
                {
                    changes.Apply(h.Store, i);
                }

                compiler.Compile();
            }
        }

        Compiles(1000);
        long published = compiler.Published;
        using var window = GcWindow.Start();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Compiles(5000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        int collections = window.Collections;
        Assert.Equal(0, allocated);
        Assert.Equal(0, collections);
        Assert.True(compiler.Published - published > 4000, $"only {compiler.Published - published} of 5000 compiles published");
    }

    /// <summary>Moves across faders, pans, EQ gains, sends, a DCA, an effect, a bus and main EQ, each flipping between two values.</summary>
    private static ChangeList Changes(ParameterStore store)
    {
        var table = store.Table;
        var list = new List<(int Index, float A, float B)>();
        void Add(ParameterKey key, float a, float b)
        {
            int i = table.Bind(key).Index;
            list.Add((i, table[i].Spec.SnapReal(a), table[i].Spec.SnapReal(b)));
        }

        for (int ch = 1; ch <= Config.Channels; ch++)
        {
            Add(new ParameterKey(ParameterOwner.Channel, ch, ParameterRole.Fader), -10, -12);
            Add(new ParameterKey(ParameterOwner.Channel, ch, ParameterRole.Pan), -20, 20);
            Add(new ParameterKey(ParameterOwner.Channel, ch, ParameterRole.EqGain, 1 + ch % 4), 3, -3);
            Add(new ParameterKey(ParameterOwner.Channel, ch, ParameterRole.SendLevel, 1 + ch % Config.Buses), -10, -20);
        }

        Add(new ParameterKey(ParameterOwner.Dca, 1, ParameterRole.Fader), 0, -6);
        Add(new ParameterKey(ParameterOwner.FxSlot, 1, ParameterRole.EffectParameter, 2), 0.5f, 0.7f); // HALL decay
        Add(new ParameterKey(ParameterOwner.MainStereo, 1, ParameterRole.EqGain, 2), 2, -2);
        Add(new ParameterKey(ParameterOwner.Bus, 3, ParameterRole.Fader), -5, -8);
        return new ChangeList([.. list]);
    }

    private sealed class ChangeList((int Index, float A, float B)[] changes)
    {
        private readonly bool[] _atB = new bool[changes.Length];

        public int Count => changes.Length;

        /// <summary>Change number <paramref name="n"/>: parameter n mod count flips between its two values.</summary>
        public void Apply(ParameterStore store, int n)
        {
            int k = n % changes.Length;
            var (index, a, b) = changes[k];
            _atB[k] = !_atB[k];
            store.TrySetReal(index, _atB[k] ? b : a);
        }
    }
}
