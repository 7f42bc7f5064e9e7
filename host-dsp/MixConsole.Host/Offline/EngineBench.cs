using System.Diagnostics;
using MixConsole.Dsp.Core;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Parameters;
using MixConsole.Host.Workloads;

namespace MixConsole.Host.Offline;

/// <summary>Figures from one bench run.</summary>
internal sealed record EngineBenchResult(
    int Channels, int Buses, int FxSlots, double SampleRateHz, int BlockFrames, double Seconds, string MasterChain, int LaneWidth,
    double RealtimeFactor, long BlockNsP50, long BlockNsP99, long BlockNsMax, long AllocatedBytes, double BlockPeriodNs,
    int MovesPerBlock, long Moves, int Gen0Collections, int Gen1Collections, int Gen2Collections, double CpuSeconds,
    long Snapshots, long CompileNsP50, long CompileNsP99, long CompileNsMax, double CompileNsPerChange, double CompileSeconds, ulong? OutputChecksum);

/// <summary>
/// Runs the whole engine, every stage on, block by block on one thread, and times each block. Work happens where
/// <c>serve</c> does it: before each block a control step makes <c>movesPerBlock</c> parameter changes through the
/// store and compiles them (console and master chain compilers, timed apart, as the compiler thread would), then the
/// audio block runs, taking the newest snapshot and ramping (timed: the audio thread's cost). Counts the bytes
/// allocated on the thread (control and audio) and the garbage collections in the process during the timed run.
/// </summary>
internal static class EngineBench
{
    public static EngineBenchResult Run(ConsoleConfig config, double sampleRateHz, int blockFrames, double seconds,
        Func<ParameterStore, IAudioProcessor?>? masterChain = null, CancellationToken cancellation = default, int movesPerBlock = 0,
        bool checksum = false, int inserts = 0)
    {
        var store = new ParameterStore(ParameterTable.Create(config));
        EveryStageScene.Apply(store);
        InsertScene.Apply(store, inserts);
        var engine = new MixerEngine(store);
        int outputs = MixerOutputs.Total(config.Buses, config.Matrices);
        engine.Prepare(sampleRateHz, blockFrames, config.Channels, outputs);
        var chain = masterChain?.Invoke(store);
        engine.SetMasterChain(chain);
        var live = chain as LiveMasterChain;
        // The control side compiles (as serve's ConsoleCompilerThread does); the audio block only takes snapshots.
        engine.CompileOnAudioThread = false;
        if (live is not null) live.CompileOnAudioThread = false;
        var moves = new BenchMoves(store);
        bool Compile()
        {
            bool published = engine.Compiler.Compile();
            return (live?.Compile() ?? false) | published;
        }

        // Deterministic programme: band-limited noise with a slow level swell so gates and compressors move.
        var input = new AudioBuffer(config.Channels, blockFrames);
        var output = new AudioBuffer(outputs, blockFrames);
        int period = (int)sampleRateHz * 2;
        var source = new float[config.Channels][];
        var random = new Random(1234);
        for (int c = 0; c < config.Channels; c++)
        {
            source[c] = new float[period];
            float lp = 0;
            for (int i = 0; i < period; i++)
            {
                lp += 0.3f * ((float)random.NextDouble() * 2 - 1 - lp);
                float swell = 0.05f + 0.25f * (1 + MathF.Sin(2 * MathF.PI * (i + c * 997) / period));
                source[c][i] = lp * swell;
            }
        }

        int warmupBlocks = (int)Math.Ceiling(sampleRateHz / blockFrames);
        int blocks = Math.Max(1, (int)Math.Ceiling(seconds * sampleRateHz / blockFrames));
        var times = new long[blocks];
        var compileTimes = new long[blocks];
        int snapshots = 0;
        long compileTicks = 0;
        long position = 0;
        void Fill()
        {
            for (int c = 0; c < config.Channels; c++)
            {
                int start = (int)(position % period);
                int n = Math.Min(blockFrames, period - start);
                source[c].AsSpan(start, n).CopyTo(input.Channel(c));
                if (n < blockFrames) source[c].AsSpan(0, blockFrames - n).CopyTo(input.Channel(c).Slice(n));
            }

            position += blockFrames;
        }

        for (int b = 0; b < warmupBlocks; b++)
        {
            Fill();
            moves.Move(movesPerBlock);
            Compile();
            engine.Process(input, output, blockFrames);
        }

        double tickNs = 1e9 / Stopwatch.Frequency;
        long movesBefore = moves.Made;
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        // Processor time of the process (the other runtime threads idle meanwhile): on a shared machine the wall
        // time per block also counts the time other programs held the processor.
        using var self = Process.GetCurrentProcess();
        TimeSpan cpuBefore = self.TotalProcessorTime;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long processTicks = 0;
        ulong hash = 14695981039346656037UL;
        for (int b = 0; b < blocks; b++)
        {
            if ((b & 1023) == 0) cancellation.ThrowIfCancellationRequested();
            Fill();
            moves.Move(movesPerBlock);
            long c0 = Stopwatch.GetTimestamp();
            bool published = Compile();
            long t0 = Stopwatch.GetTimestamp();
            engine.Process(input, output, blockFrames);
            long dt = Stopwatch.GetTimestamp() - t0;
            if (published)
            {
                compileTimes[snapshots++] = (long)((t0 - c0) * tickNs);
                compileTicks += t0 - c0;
            }

            times[b] = (long)(dt * tickNs);
            processTicks += dt;
            if (checksum) hash = Fold(hash, output, blockFrames);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        self.Refresh();
        double cpuSeconds = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
        gen0 = GC.CollectionCount(0) - gen0;
        gen1 = GC.CollectionCount(1) - gen1;
        gen2 = GC.CollectionCount(2) - gen2;
        Array.Sort(times);
        Array.Sort(compileTimes, 0, snapshots);
        long moved = moves.Made - movesBefore;
        long CompilePercentile(double p) => snapshots == 0 ? 0 : compileTimes[Math.Min(snapshots - 1, (int)(snapshots * p))];
        double compileSeconds = compileTicks / (double)Stopwatch.Frequency;
        double audioSeconds = (double)blocks * blockFrames / sampleRateHz;
        double processSeconds = processTicks / (double)Stopwatch.Frequency;
        return new EngineBenchResult(config.Channels, config.Buses, config.FxSlots, sampleRateHz, blockFrames, audioSeconds,
            MasterChainFactory.Describe(chain), System.Numerics.Vector<float>.Count,
            audioSeconds / processSeconds, times[blocks / 2], times[Math.Min(blocks - 1, (int)(blocks * 0.99))], times[^1],
            allocated, blockFrames * 1e9 / sampleRateHz, movesPerBlock, moved, gen0, gen1, gen2, cpuSeconds,
            snapshots, CompilePercentile(0.5), CompilePercentile(0.99), snapshots == 0 ? 0 : compileTimes[snapshots - 1],
            moved == 0 ? 0 : compileSeconds * 1e9 / moved, compileSeconds, checksum ? hash : null);
    }

    // FNV-1a over the bits of every output sample (outside the timed part): equal checksums, bit-identical outputs.
    private static ulong Fold(ulong hash, AudioBuffer output, int frames)
    {
        for (int c = 0; c < output.Channels; c++)
            foreach (float x in output.Channel(c, frames))
                hash = (hash ^ (uint)BitConverter.SingleToInt32Bits(x)) * 1099511628211UL;
        return hash;
    }
}
