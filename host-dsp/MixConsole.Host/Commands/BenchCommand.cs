using System.Globalization;
using System.Text.Json;
using MixConsole.Engine.Configuration;
using MixConsole.Host.Cli;
using MixConsole.Host.Offline;

namespace MixConsole.Host.Commands;

/// <summary><c>mixconsole bench</c>: times the whole mixer with every stage switched on.</summary>
internal sealed class BenchCommand : ICommand
{
    public string Name => "bench";

    public string Summary => "time the whole mixer engine with every stage on (real-time factor, block times, allocations)";

    public string Usage => "mixconsole bench [--channels 32] [--buses 16] [--fx 4] [--matrices 0] [--aux 0] [--rate 48000] [--block 32] [--seconds 10] [--moves N] [--inserts N] [--no-master] [--checksum] [--json]";

    public string Description => """
        Runs the console engine on one thread as serve's threads would, in turn: every channel with trim,
        delay, 24 dB/oct high-pass, keyed gate, side-chain filtered compressor, 4-band EQ, pan, mono send,
        a send to every bus and every effect slot; every bus with EQ, compressor and fader into main;
        reverbs and delays in the effect slots; main EQ and compressor; the live master chain as serve's console
        mode plays it (multiband working; slot B, not in play, sleeps); meters and live loudness. Input is deterministic noise that swells so the dynamics work.

        Before every block a control step compiles what changed into a snapshot (the console's and the master
        chain's compilers, as serve's compiler thread does); the audio block then only takes the newest snapshot
        and ramps. --moves N makes N parameter changes through the parameter store before every block, as a busy
        desk would (faders, pans, EQ gains and a bus send of every channel in turn, and the master EQ;
        deterministic values): the block times show what they cost the audio thread, the compile figures what
        they cost the control side.

        Prints realtime_factor (audio seconds per second of audio-block processing), realtime_factor_cpu (audio
        seconds per second of the process's processor time, control step included: what a busy shared machine
        does not distort), block_ns_p50/p99/max (audio time per block), compile_ns_p50/p99/max (per control step
        that published a snapshot), compile_ns_per_change (control time over the moves), allocated_bytes (control
        and audio, during the timed run; must be 0), gc_collections (garbage collections in the
        process during the timed run, of any generation; must be 0: each one pauses the audio thread) and the
        configuration; with --checksum also output_checksum, a hash of every output sample of the timed run (two
        builds with equal checksums played bit-identical output). The machine may be shared: figures vary from run to run, and the worst block shows
        scheduler noise as well.

        Example: mixconsole bench --seconds 5 --json
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("channels", "N", "input channels (default 32)"),
        new("buses", "N", "mix buses (default 16)"),
        new("fx", "N", "effect slots (default 4)"),
        new("matrices", "N", "matrix buses fed from every bus, main and mono (default 0: the issue-15 benchmark console has none)"),
        new("aux", "N", "aux input strips after the channels (default 0: the issue-15 benchmark console has none)"),
        new("rate", "HZ", "sample rate (default 48000)"),
        new("block", "FRAMES", "frames per block (default 32)"),
        new("seconds", "S", "seconds of audio to time (default 10)"),
        new("moves", "N", "parameter changes per block through the store (default 0)"),
        new("inserts", "N", "graphic EQs inserted on channels 1..N from slots 5.. (default 0, at most 4)"),
        new("no-master", null, "leave the master chain slot empty (console mode, master bypassed)"),
        new("checksum", null, "also print output_checksum, a hash of every output sample (equal hashes: bit-identical output)"),
        new("json", null, "print one JSON object instead of text"),
    ];

    public int Run(ParsedArgs args, CommandContext context)
    {
        if (args.Positionals.Count > 0) throw new UsageException($"unexpected argument '{args.Positionals[0]}'");
        var config = new ConsoleConfig(
            Channels: args.GetInt("channels", 32, 1, ConsoleConfig.MaxChannels),
            Buses: args.GetInt("buses", 16, 0, ConsoleConfig.MaxBuses),
            FxSlots: args.GetInt("fx", 4, 0, ConsoleConfig.MaxFxSlots),
            Matrices: args.GetInt("matrices", 0, 0, ConsoleConfig.MaxMatrices),
            AuxInputs: args.GetInt("aux", 0, 0, ConsoleConfig.MaxAuxInputs));
        double rate = args.GetDouble("rate", 48000);
        if (rate < 8000 || rate > 384000) throw new UsageException($"--rate must be 8000..384000 Hz, got {rate}");
        int block = args.GetInt("block", 32, 1, 8192);
        double seconds = args.GetDouble("seconds", 10);
        if (seconds <= 0 || seconds > 3600) throw new UsageException($"--seconds must be above 0 and at most 3600, got {seconds}");

        int moves = args.GetInt("moves", 0, 0, 100_000);
        int inserts = args.GetInt("inserts", 0, 0, Workloads.InsertScene.Max);
        var r = EngineBench.Run(config, rate, block, seconds, args.Has("no-master") ? null : MasterChainFactory.ForBench, context.Cancellation, moves,
            args.Has("checksum"), inserts);
        if (args.Has("json"))
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteNumber("realtime_factor", Math.Round(r.RealtimeFactor, 2));
                w.WriteNumber("realtime_factor_at_p50", Math.Round(r.BlockPeriodNs / Math.Max(1, r.BlockNsP50), 2));
                // Processor time is counted in scheduler ticks: a run too short to register one has no figure.
                if (r.CpuSeconds > 0) w.WriteNumber("realtime_factor_cpu", Math.Round(r.Seconds / r.CpuSeconds, 2));
                else w.WriteNull("realtime_factor_cpu");
                w.WriteNumber("cpu_seconds", Math.Round(r.CpuSeconds, 3));
                w.WriteNumber("block_ns_p50", r.BlockNsP50);
                w.WriteNumber("block_ns_p99", r.BlockNsP99);
                w.WriteNumber("block_ns_max", r.BlockNsMax);
                w.WriteNumber("allocated_bytes", r.AllocatedBytes);
                // Every collection counts in gen0 (a gen1 or gen2 collection collects gen0 too).
                w.WriteNumber("gc_collections", r.Gen0Collections);
                w.WriteStartObject("gc_collections_by_generation");
                w.WriteNumber("gen0", r.Gen0Collections);
                w.WriteNumber("gen1", r.Gen1Collections);
                w.WriteNumber("gen2", r.Gen2Collections);
                w.WriteEndObject();
                w.WriteNumber("moves", r.Moves);
                w.WriteNumber("snapshots", r.Snapshots);
                w.WriteNumber("compile_ns_p50", r.CompileNsP50);
                w.WriteNumber("compile_ns_p99", r.CompileNsP99);
                w.WriteNumber("compile_ns_max", r.CompileNsMax);
                w.WriteNumber("compile_ns_per_change", Math.Round(r.CompileNsPerChange));
                w.WriteNumber("compile_seconds", Math.Round(r.CompileSeconds, 3));
                w.WriteNumber("block_period_ns", Math.Round(r.BlockPeriodNs));
                if (r.OutputChecksum is ulong hash) w.WriteString("output_checksum", hash.ToString("x16", CultureInfo.InvariantCulture));
                w.WriteStartObject("configuration");
                w.WriteNumber("channels", r.Channels);
                w.WriteNumber("matrices", config.Matrices);
                w.WriteNumber("aux_inputs", config.AuxInputs);
                w.WriteNumber("buses", r.Buses);
                w.WriteNumber("fx_slots", r.FxSlots);
                w.WriteNumber("fx_returns", config.FxReturns);
                w.WriteNumber("rate", r.SampleRateHz);
                w.WriteNumber("block", r.BlockFrames);
                w.WriteNumber("seconds", Math.Round(r.Seconds, 3));
                w.WriteString("master_chain", r.MasterChain);
                w.WriteNumber("simd_lanes", r.LaneWidth);
                w.WriteNumber("moves_per_block", r.MovesPerBlock);
                w.WriteNumber("inserts", inserts);
                w.WriteNumber("threads", 1);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            context.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return 0;
        }

        var inv = CultureInfo.InvariantCulture;
        context.Out.WriteLine(string.Create(inv, $"configuration    {r.Channels} channels, {r.Buses} buses, {r.FxSlots} effect slots (their {config.FxReturns} return strips with EQ and a send to every bus), {config.Matrices} matrices, {config.AuxInputs} aux inputs, {r.SampleRateHz:0} Hz, {r.BlockFrames}-frame blocks, {r.Seconds:0.##} s, one thread, {r.LaneWidth} SIMD lanes"));
        context.Out.WriteLine($"master chain     {r.MasterChain}");
        context.Out.WriteLine(string.Create(inv, $"realtime_factor  {r.RealtimeFactor:0.0}x (at the median block: {r.BlockPeriodNs / Math.Max(1, r.BlockNsP50):0.0}x; the mean counts every preemption on a busy machine){(r.CpuSeconds > 0 ? $"; on processor time: {r.Seconds / r.CpuSeconds:0.0}x" : "")}"));
        context.Out.WriteLine(string.Create(inv, $"block_ns_p50     {r.BlockNsP50} ns ({100.0 * r.BlockNsP50 / r.BlockPeriodNs:0.0} % of the {r.BlockPeriodNs / 1000:0.0} us block period)"));
        context.Out.WriteLine(string.Create(inv, $"block_ns_p99     {r.BlockNsP99} ns ({100.0 * r.BlockNsP99 / r.BlockPeriodNs:0.0} %)"));
        context.Out.WriteLine(string.Create(inv, $"block_ns_max     {r.BlockNsMax} ns ({100.0 * r.BlockNsMax / r.BlockPeriodNs:0.0} %; includes scheduler noise on a shared machine)"));
        context.Out.WriteLine($"allocated_bytes  {r.AllocatedBytes}");
        context.Out.WriteLine(string.Create(inv, $"gc_collections   {r.Gen0Collections} (gen0 {r.Gen0Collections}, gen1 {r.Gen1Collections}, gen2 {r.Gen2Collections})"));
        if (r.OutputChecksum is ulong checksum) context.Out.WriteLine(string.Create(inv, $"output_checksum  {checksum:x16}"));
        if (r.MovesPerBlock > 0) context.Out.WriteLine(string.Create(inv, $"moves            {r.MovesPerBlock} per block, {r.Moves} in the timed run"));
        if (r.Snapshots > 0)
        {
            context.Out.WriteLine(string.Create(inv, $"compile_ns       p50 {r.CompileNsP50}, p99 {r.CompileNsP99}, max {r.CompileNsMax} per snapshot ({r.Snapshots} published; control side, outside the blocks)"));
            if (r.Moves > 0) context.Out.WriteLine(string.Create(inv, $"compile_per_change {r.CompileNsPerChange:0} ns"));
        }
        return 0;
    }
}
