using MixConsole.Dsp.Core;
using MixConsole.Dsp.Filters;
using MixConsole.Engine.Compiler;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Mixer.Strips;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Tests.Compiler;

/// <summary>
/// A bundle or a scene reaches the audio in one block, whole, or not yet: what every block follows is checked
/// while another thread writes the batch slowly (with a pause in the middle) or recalls scenes over and over.
/// </summary>
public sealed class AtomicityTests
{
    private const int Block = 32;
    private const int Strips = 16;
    private static readonly ConsoleConfig Config = ConsoleConfig.Default;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Bundle64_WrittenSlowlyInABatch_AppearsInOneBlockWhole(bool compilerThread)
    {
        var console = new Console(compilerThread);
        var store = console.Store;
        var table = store.Table;
        // 64 changes across 16 channels: fader, pan, EQ band 2 gain, send to bus 1.
        var targets = new List<(int Index, float Real)>();
        for (int ch = 1; ch <= Strips; ch++)
        {
            targets.Add((Bind(table, ch, ParameterRole.Fader), -20));
            targets.Add((Bind(table, ch, ParameterRole.Pan), 50));
            targets.Add((Bind(table, ch, ParameterRole.EqGain, 2), 6));
            targets.Add((Bind(table, ch, ParameterRole.SendLevel, 1), -10));
        }

        using (store.BeginBatch())
            for (int ch = 1; ch <= Strips; ch++) store.TrySetReal(Bind(table, ch, ParameterRole.EqOn), 1);
        console.BlocksUntilHeard();
        var before = Probe.Of(console.Followed, Strips);

        var writer = new Thread(() =>
        {
            using var batch = store.BeginBatch();
            for (int i = 0; i < targets.Count; i++)
            {
                store.TrySetReal(targets[i].Index, table[targets[i].Index].Spec.SnapReal(targets[i].Real));
                if (i == targets.Count / 2) console.PauseForBlocks(8); // the audio runs blocks with half the bundle in the store
            }
        });

        var seen = console.RunWhile(writer, before);
        Assert.True(seen.BlocksBefore >= 8, $"only {seen.BlocksBefore} blocks ran before the bundle landed");
        Assert.Equal(before.Count, seen.ChangedInLastBlock);
        Assert.Equal(0, seen.Partial);
        Assert.True(console.Engine.Compiler.BatchWaits > 0, "the compiler never found the batch open");
        console.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SceneSizedBatch_OfHundredsOfChanges_AppearsInOneBlockWhole(bool compilerThread)
    {
        var console = new Console(compilerThread);
        var store = console.Store;
        var table = store.Table;
        using (store.BeginBatch())
            for (int ch = 1; ch <= Config.Channels; ch++) store.TrySetReal(Bind(table, ch, ParameterRole.EqOn), 1);
        console.BlocksUntilHeard();
        var before = Probe.Of(console.Followed, Config.Channels);

        // 32 channels x (fader, pan, 4 EQ gains, 4 EQ frequencies, 16 sends, high-pass) = 864 changes.
        var writer = new Thread(() =>
        {
            using var batch = store.BeginBatch();
            int written = 0;
            for (int ch = 1; ch <= Config.Channels; ch++)
            {
                Set(store, Bind(table, ch, ParameterRole.Fader), -20 - ch % 5);
                Set(store, Bind(table, ch, ParameterRole.Pan), 50);
                Set(store, Bind(table, ch, ParameterRole.HighPassOn), 1);
                for (int band = 1; band <= 4; band++)
                {
                    Set(store, Bind(table, ch, ParameterRole.EqGain, band), 6);
                    Set(store, Bind(table, ch, ParameterRole.EqFrequency, band), 300 * band);
                }

                for (int bus = 1; bus <= Config.Buses; bus++) Set(store, Bind(table, ch, ParameterRole.SendLevel, bus), -10);
                written += 27;
                if (ch == Config.Channels / 2) console.PauseForBlocks(8);
            }

            Assert.Equal(864, written);
        });

        var seen = console.RunWhile(writer, before);
        Assert.True(seen.BlocksBefore >= 8, $"only {seen.BlocksBefore} blocks ran before the scene landed");
        Assert.Equal(before.Count, seen.ChangedInLastBlock);
        Assert.Equal(0, seen.Partial);
        console.Dispose();
    }

    [Fact]
    public void SceneRecalls_RacingTheAudio_AreAlwaysHeardWhole()
    {
        // Two scenes recalled back to back on another thread (SceneFile resets the rest to defaults first, inside
        // its batch); every block must follow one scene entirely: never defaults, never a mix of the two.
        var console = new Console(compilerThread: true);
        var store = console.Store;
        string SceneJson(float fader, float gain)
        {
            var s = new System.Text.StringBuilder("{\"parameters\":{");
            for (int ch = 1; ch <= Config.Channels; ch++)
            {
                string p = ParameterPaths.Channel(ch);
                s.Append(System.Globalization.CultureInfo.InvariantCulture, $"\"{p}/mix/fader\":{store.Table[store.Table.IndexOf(p + "/mix/fader")].Spec.ToNormalized(store.Table[store.Table.IndexOf(p + "/mix/fader")].Spec.SnapReal(fader))},");
                s.Append(System.Globalization.CultureInfo.InvariantCulture, $"\"{p}/eq/on\":1,\"{p}/eq/2/g\":{store.Table[store.Table.IndexOf(p + "/eq/2/g")].Spec.ToNormalized(gain)},");
            }

            s.Length--;
            return s.Append("}}").ToString();
        }

        string a = SceneJson(-10, 3), b = SceneJson(-30, -3);
        SceneFile.Load(store, a);
        console.BlocksUntilHeard();
        float faderA = console.Followed.Channels[0].Mix.Fader, eqA = (float)console.Followed.ChannelSections[StripSection.Eq0 + 1].B0;
        SceneFile.Load(store, b);
        console.BlocksUntilHeard();
        float faderB = console.Followed.Channels[0].Mix.Fader, eqB = (float)console.Followed.ChannelSections[StripSection.Eq0 + 1].B0;
        Assert.NotEqual(faderA, faderB);
        Assert.NotEqual(eqA, eqB);

        int recalls = 0, blocks = 0, mixed = 0, sawA = 0, sawB = 0;
        var writer = new Thread(() =>
        {
            // At least 150 recalls, and on until the audio side has heard each scene (a fast writer may otherwise outrun every block).
            for (; recalls < 150 || ((Volatile.Read(ref sawA) == 0 || Volatile.Read(ref sawB) == 0) && recalls < 200_000); recalls++)
                SceneFile.Load(store, recalls % 2 == 0 ? a : b);
        });
        writer.Start();
        while (writer.IsAlive || blocks < 10)
        {
            console.Blocks(1);
            blocks++;
            var s = console.Followed;
            bool allA = true, allB = true;
            for (int c = 0; c < Config.Channels; c++)
            {
                float fader = s.Channels[c].Mix.Fader, eq = (float)s.ChannelSections[c * StripSection.Count + StripSection.Eq0 + 1].B0;
                allA &= fader == faderA && eq == eqA;
                allB &= fader == faderB && eq == eqB;
            }

            if (allA) Interlocked.Increment(ref sawA);
            else if (allB) Interlocked.Increment(ref sawB);
            else mixed++;
        }

        writer.Join();
        Assert.Equal(0, mixed);
        Assert.True(sawA > 0 && sawB > 0, $"blocks saw scene A {sawA} times, scene B {sawB} times");
        console.Dispose();
    }

    [Fact]
    public void FaderMove_RedesignsNoEqAndNoSends_AndSendsOnlyTheMixPart()
    {
        var h = new Console(compilerThread: false);
        var table = h.Store.Table;
        h.Store.TrySetReal(Bind(table, 3, ParameterRole.EqOn), 1);
        h.Blocks(2);
        var s = h.Followed;
        int key = 2;
        long eqBefore = s.PartGeneration[ConsoleSnapshot.Part(key, StripAspect.EqBand0 + 1)];
        long gateBefore = s.PartGeneration[ConsoleSnapshot.Part(key, StripAspect.Gate)];
        long sendsBefore = s.PartGeneration[ConsoleSnapshot.Part(key, StripAspect.Sends)];
        h.Store.TrySetReal(Bind(table, 3, ParameterRole.Fader), table[Bind(table, 3, ParameterRole.Fader)].Spec.SnapReal(-12));
        h.Blocks(1);
        s = h.Followed;
        Assert.Equal(s.Generation, s.PartGeneration[ConsoleSnapshot.Part(key, StripAspect.Mix)]);
        Assert.Equal(eqBefore, s.PartGeneration[ConsoleSnapshot.Part(key, StripAspect.EqBand0 + 1)]);
        Assert.Equal(gateBefore, s.PartGeneration[ConsoleSnapshot.Part(key, StripAspect.Gate)]);
        Assert.Equal(sendsBefore, s.PartGeneration[ConsoleSnapshot.Part(key, StripAspect.Sends)]);
        Set(h.Store, Bind(table, 3, ParameterRole.SendLevel, 2), -20);
        h.Blocks(1);
        s = h.Followed;
        Assert.Equal(s.Generation, s.PartGeneration[ConsoleSnapshot.Part(key, StripAspect.Sends)]);
        Assert.True(s.PartGeneration[ConsoleSnapshot.Part(key, StripAspect.Mix)] < s.Generation, "a send move re-sent the mix");
        for (int other = 0; other < Config.Channels; other++)
            if (other != key) Assert.True(s.KeyGeneration[other] < s.Generation, $"channel {other + 1} was re-derived");
        h.Dispose();
    }

    private static void Set(ParameterStore store, int index, float real) => store.TrySetReal(index, store.Table[index].Spec.SnapReal(real));

    private static int Bind(ParameterTable table, int channel, ParameterRole role, int slot = 0) =>
        table.Bind(new ParameterKey(ParameterOwner.Channel, channel, role, slot)).Index;

    /// <summary>What a block follows for the probed parts of the first channels: fader, pan, EQ band 2, send to bus 1.</summary>
    private readonly record struct Probe(float[] Values)
    {
        public int Count => Values.Length;

        public static Probe Of(ConsoleSnapshot s, int strips)
        {
            var v = new float[4 * strips];
            for (int c = 0; c < strips; c++)
            {
                v[4 * c] = s.Channels[c].Mix.Fader;
                v[4 * c + 1] = s.Channels[c].Mix.PanLeft;
                v[4 * c + 2] = (float)s.ChannelSections[c * StripSection.Count + StripSection.Eq0 + 1].B0;
                v[4 * c + 3] = s.SendLevels[c * Config.Buses];
            }

            return new Probe(v);
        }

        public int ChangedFrom(Probe before)
        {
            int changed = 0;
            for (int i = 0; i < Count; i++) changed += Values[i] != before.Values[i] ? 1 : 0;
            return changed;
        }
    }

    private readonly record struct Seen(int BlocksBefore, int ChangedInLastBlock, int Partial);

    /// <summary>A full-size console processing silence block by block, compiling on the audio thread or on a compiler thread.</summary>
    private sealed class Console : IDisposable
    {
        private readonly AudioBuffer _input = new(Config.Channels, Block);
        private readonly AudioBuffer _output = new(MixerOutputs.Total(Config.Buses), Block);
        private readonly ConsoleCompilerThread? _thread;
        private int _blocks;

        public Console(bool compilerThread)
        {
            Store = new ParameterStore(ParameterTable.Create(Config));
            Engine = new MixerEngine(Store);
            Engine.Prepare(48000, Block, Config.Channels, MixerOutputs.Total(Config.Buses));
            if (compilerThread)
            {
                _thread = new ConsoleCompilerThread(Engine, TimeSpan.FromMilliseconds(5));
                _thread.Start();
            }
        }

        public ParameterStore Store { get; }

        public MixerEngine Engine { get; }

        /// <summary>Blocks processed so far.</summary>
        public int BlocksDone => Volatile.Read(ref _blocks);

        /// <summary>
        /// Writer side, inside a batch: waits until the audio has run <paramref name="blocks"/> more blocks and the
        /// compiler has found the batch open at least once (so both really saw the half-written store).
        /// </summary>
        public void PauseForBlocks(int blocks)
        {
            int until = BlocksDone + blocks;
            long waits = Engine.Compiler.BatchWaits;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while ((BlocksDone < until || Engine.Compiler.BatchWaits == waits) && clock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(1);
        }

        /// <summary>The snapshot the last block followed.</summary>
        public ConsoleSnapshot Followed => Engine.Compiler.Exchange.Front;

        public void Blocks(int count)
        {
            for (int b = 0; b < count; b++)
            {
                Engine.Process(_input, _output, Block);
                if (_thread is not null) Thread.Sleep(1); // live: the compiler thread catches up between periods
            }
        }

        /// <summary>Runs blocks until the audio follows a compile of the store as it is now (on a loaded machine the compiler thread may take a while), then 8 more.</summary>
        public void BlocksUntilHeard()
        {
            long version = Store.Version;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (Followed.StoreVersion < version && clock.Elapsed < TimeSpan.FromSeconds(10)) Blocks(1);
            Blocks(8);
        }

        /// <summary>Runs blocks while <paramref name="writer"/> runs and until what blocks follow stops changing; counts blocks that saw part of it.</summary>
        public Seen RunWhile(Thread writer, Probe before)
        {
            int blocksBefore = 0, partial = 0, last = 0, settled = 0;
            writer.Start();
            while (writer.IsAlive || settled < 20)
            {
                Engine.Process(_input, _output, Block);
                Interlocked.Increment(ref _blocks);
                int changed = Probe.Of(Followed, before.Count / 4).ChangedFrom(before);
                if (changed == 0) blocksBefore++;
                else if (changed != before.Count) partial++;
                // Settled once the writer is done and the audio follows a compile of everything it wrote (a loaded
                // machine may hold the compiler thread back for many blocks), then 20 unchanged blocks.
                settled = !writer.IsAlive && Followed.StoreVersion >= Store.Version && changed == last ? settled + 1 : 0;
                last = changed;
                Thread.Sleep(_thread is null ? 0 : 1);
            }

            writer.Join();
            return new Seen(blocksBefore, last, partial);
        }

        public void Dispose() => _thread?.Dispose();
    }
}
