using MixConsole.Dsp.Core;
using MixConsole.Dsp.Delay;
using MixConsole.Dsp.Smoothing;
using MixConsole.Engine.Compiler;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Metering;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// The console's audio graph: input channels (trim, polarity, delay, high-pass, gate, compressor, 4-band EQ,
/// mute, fader, pan, solo, sends), mix buses (EQ, compressor, fader, pan), effect slots on send/return, the
/// main stereo bus (EQ, compressor, fader, balance) into a pluggable master chain, the mono bus and the solo
/// bus, plus meters.
/// <para>Real-time rules: <see cref="Prepare"/> allocates; <see cref="Process"/> takes the newest snapshot from
/// the <see cref="Compiler"/> at block start, ramps every gain and pan per sample and glides every filter to its
/// new coefficients, runs the kernels, and allocates nothing. It reads no parameter and designs nothing; with
/// <see cref="CompileOnAudioThread"/> (the default, for offline renders and tests) it first compiles any store
/// change itself, so a change made before a block is heard from that block on.</para>
/// <para>Outputs (see <see cref="MixerOutputs"/>): main L/R, each bus, mono, solo L/R; extra output
/// channels are silent, missing ones are not produced. Input channel i feeds /ch/(i+1).</para>
/// </summary>
public sealed class MixerEngine
{
    /// <summary>Ramp for every gain and pan move, in milliseconds.</summary>
    public const double GainRampMs = 10;

    /// <summary>Frames between coefficient glide steps while a filter is being retuned.</summary>
    public const int CoefficientTickFrames = 16;

    /// <summary>Longest input delay, in milliseconds (the table's range).</summary>
    public const double MaxInputDelayMs = 500;

    private readonly ParameterStore _store;
    private readonly ConsoleConfig _config;
    private readonly int _channels, _buses, _fxSlots;
    private readonly ConsoleCompiler _compiler;
    private readonly SnapshotFollower _follower;
    private readonly MixerMetering _metering;

    // Buffers: planar; per chunk at frame 0, except main, which collects the whole block for the master chain.
    private AudioBuffer _ch = new(1, 1), _preEq = new(1, 1), _post = new(1, 1), _bus = new(1, 1), _fxIn = new(1, 1);
    private AudioBuffer _main = new(2, 1), _mainBlock = new(2, 1), _dry = new(2, 1), _monoBuffer = new(1, 1), _solo = new(2, 1);
    private AudioBuffer _scratch = new(1, 1), _silence = new(1, 1), _busPost = new(1, 1);

    private IAudioProcessor? _masterChain;
    private double _sampleRateHz;
    private int _maxBlockFrames;
    private int _inputs, _outputs;
    private long _position;
    private bool _prepared;
    private volatile bool _compileOnAudioThread = true;

    /// <summary>Creates the engine for the console described by <paramref name="store"/>'s table.</summary>
    /// <exception cref="ParameterBindingException">The table lacks a parameter the console needs (the message names it).</exception>
    public MixerEngine(ParameterStore store)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _config = store.Table.Config;
        _channels = _config.InputStrips;
        _buses = _config.Buses;
        _fxSlots = _config.FxSlots;
        _compiler = new ConsoleCompiler(store);
        _follower = new SnapshotFollower(_config);
        _metering = new MixerMetering(_config);
        _metering.Matrices = _follower.Matrices;
    }

    /// <summary>The console size.</summary>
    public ConsoleConfig Config => _config;

    /// <summary>The parameters this engine follows.</summary>
    public ParameterStore Parameters => _store;

    /// <summary>The control-side compiler that turns the parameters into what <see cref="Process"/> plays.</summary>
    public ConsoleCompiler Compiler => _compiler;

    /// <summary>
    /// True (the default): <see cref="Process"/> compiles store changes itself at block start, so offline renders
    /// and tests are deterministic. Live, a control thread compiles instead (<see cref="ConsoleCompilerThread"/>
    /// sets this false) and the audio thread only takes the newest snapshot.
    /// </summary>
    public bool CompileOnAudioThread
    {
        get => _compileOnAudioThread;
        set => _compileOnAudioThread = value;
    }

    /// <summary>The meter stream (drain it from one control thread).</summary>
    public MixerMeters Meters => _metering.Meters;

    /// <summary>Where each output channel comes from.</summary>
    public MixerOutputs Outputs { get; private set; } = new(0, 0);

    /// <summary>Sample rate prepared for (0 before <see cref="Prepare"/>).</summary>
    public double SampleRateHz => _sampleRateHz;

    /// <summary>Largest block prepared for.</summary>
    public int MaxBlockFrames => _maxBlockFrames;

    /// <summary>
    /// Delay from input to main output, in frames: a <see cref="LiveMasterChain"/>'s own (it applies /master/bypass
    /// and says what its output's delay is), another chain's latency when it is in use.
    /// </summary>
    public int LatencyFrames
    {
        get
        {
            var chain = Volatile.Read(ref _masterChain);
            if (chain is LiveMasterChain) return chain.LatencyFrames;
            return chain is null || _store.GetReal(_compiler.MasterBypass.Index) != 0 ? 0 : chain.LatencyFrames;
        }
    }

    /// <summary>True to run the strips' scalar reference kernels instead of SIMD (identical output, slower; for tests).</summary>
    public bool UseScalarReference
    {
        get => _follower.ChannelBank.UseScalarReference;
        set
        {
            _follower.ChannelBank.UseScalarReference = value;
            _follower.BusBank.UseScalarReference = value;
            _follower.MainBank.UseScalarReference = value;
            _follower.MonoBank.UseScalarReference = value;
            _follower.Matrices.Bank.UseScalarReference = value;
            _follower.Returns.Bank.UseScalarReference = value;
        }
    }

    /// <summary>The processor on the main bus after its fader (null: pass-through).</summary>
    public IAudioProcessor? MasterChain => Volatile.Read(ref _masterChain);

    /// <summary>
    /// Control thread: plugs <paramref name="chain"/> (stereo, in place) in after the main fader, or
    /// removes the chain with null. A prepared engine prepares the chain for its rate and block size
    /// before the swap; the audio thread picks it up at its next block. /master/bypass = 1 bypasses it
    /// with a crossfade, except a <see cref="LiveMasterChain"/>, which applies /master/bypass itself and is
    /// processed every block. Never hand over a chain another thread is still processing.
    /// </summary>
    public void SetMasterChain(IAudioProcessor? chain)
    {
        if (chain is not null && _prepared) chain.Prepare(new ProcessSpec(_sampleRateHz, _maxBlockFrames, 2));
        Volatile.Write(ref _masterChain, chain);
    }

    /// <summary>Control thread: asks the audio thread to restart the integrated loudness at its next block.</summary>
    public void RequestLoudnessReset() => _metering.RequestLoudnessReset();

    /// <summary>
    /// Sizes everything for <paramref name="sampleRateHz"/> and blocks of up to <paramref name="maxBlockFrames"/>;
    /// <paramref name="inputs"/> input channels feed /ch/01.. (extra inputs are ignored), <paramref name="outputs"/>
    /// output channels follow <see cref="MixerOutputs"/>. Compiles the current parameters for this rate; they apply
    /// at once, without ramps.
    /// </summary>
    public void Prepare(double sampleRateHz, int maxBlockFrames, int inputs, int outputs)
    {
        new ProcessSpec(sampleRateHz, maxBlockFrames, Math.Max(1, inputs)).Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(inputs);
        ArgumentOutOfRangeException.ThrowIfNegative(outputs);
        _sampleRateHz = sampleRateHz;
        _maxBlockFrames = maxBlockFrames;
        _inputs = inputs;
        _outputs = outputs;
        Outputs = new MixerOutputs(_buses, outputs, _config.Matrices);
        int gainRampSamples = Math.Max(1, (int)Math.Round(GainRampMs * sampleRateHz / 1000.0));
        _follower.Prepare(sampleRateHz, maxBlockFrames, CoefficientTickFrames, gainRampSamples, MaxInputDelayMs);

        _ch = new AudioBuffer(_channels, maxBlockFrames);
        _preEq = new AudioBuffer(_channels, maxBlockFrames);
        _bus = new AudioBuffer(Math.Max(1, _buses), maxBlockFrames);
        _fxIn = new AudioBuffer(Math.Max(1, 2 * _fxSlots), maxBlockFrames);
        _main = new AudioBuffer(2, maxBlockFrames);
        _mainBlock = new AudioBuffer(2, maxBlockFrames);
        _dry = new AudioBuffer(2, maxBlockFrames);
        _monoBuffer = new AudioBuffer(1, maxBlockFrames);
        _solo = new AudioBuffer(2, maxBlockFrames);
        _post = new AudioBuffer(_channels, maxBlockFrames);
        _scratch = new AudioBuffer(1, maxBlockFrames);
        // Each bus keeps its own post-fader buffer: matrices tap them all, and buses at rest mix two at a time.
        _busPost = new AudioBuffer(Math.Max(1, _buses), maxBlockFrames);
        _silence = new AudioBuffer(1, maxBlockFrames);

        _metering.Prepare(sampleRateHz, maxBlockFrames);
        Volatile.Read(ref _masterChain)?.Prepare(new ProcessSpec(sampleRateHz, maxBlockFrames, 2));
        _compiler.Prepare(sampleRateHz);

        _prepared = true;
        Reset();
    }

    /// <summary>Clears all audio history (filters, dynamics, delays, effects, meters); parameters apply again at once.</summary>
    public void Reset()
    {
        EnsurePrepared();
        _follower.Reset();
        Volatile.Read(ref _masterChain)?.Reset();
        _metering.Reset(_follower.ChannelBank, _follower.BusBank, _follower.MainBank);
        _position = 0;
    }

    /// <summary>
    /// Mixes <paramref name="frames"/> frames: channel i of <paramref name="input"/> feeds /ch/(i+1);
    /// <paramref name="output"/> receives main, buses, mono and solo per <see cref="Outputs"/>.
    /// Allocation-free; any block size up to the prepared maximum.
    /// </summary>
    public void Process(AudioBuffer input, AudioBuffer output, int frames)
    {
        EnsurePrepared();
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if ((uint)frames > (uint)_maxBlockFrames) throw new ArgumentOutOfRangeException(nameof(frames), frames, "more frames than prepared");
        if (input.Channels < _inputs || input.CapacityFrames < frames) throw new ArgumentException("input has fewer channels or frames than prepared", nameof(input));
        if (output.Channels < _outputs || output.CapacityFrames < frames) throw new ArgumentException("output has fewer channels or frames than prepared", nameof(output));

        if (_compileOnAudioThread) _compiler.Compile();
        _compiler.Exchange.TryTakeNewest(out ConsoleSnapshot snapshot);
        _follower.Follow(snapshot);
        _follower.Inserts.BeginBlock();
        var chain = Volatile.Read(ref _masterChain);
        _metering.BeginBlock();
        long blockStart = _position;

        // Gliding filters tick inside their strip banks; only the sends may cut the block into chunks.
        int done = 0;
        while (done < frames)
        {
            int n = _follower.Returns.Sends.PrepareChunk(_follower.Sends.PrepareChunk(frames - done));
            ProcessChunk(input, output, done, n);
            done += n;
            _position += n;
        }

        // The master chain runs once per period, over the whole block of main.
        ApplyMasterChain(chain, frames);
        _metering.AddMain(_mainBlock, frames, chain);
        CopyOut(output, Outputs.MainLeft, 0, _mainBlock.Channel(0, frames));
        CopyOut(output, Outputs.MainRight, 0, _mainBlock.Channel(1, frames));
        _metering.EndBlock(frames, blockStart, _sampleRateHz, _follower.ChannelBank, _follower.BusBank, _follower.MainBank);
        for (int o = Outputs.Used; o < _outputs; o++) output.Channel(o, frames).Clear();
    }

    private void ProcessChunk(AudioBuffer input, AudioBuffer output, int offset, int n)
    {
        var f = _follower;
        var meters = _metering;
        ChannelRamps[] channels = f.Channels;

        // 1. Inputs: trim and polarity, then the alignment delay (one pass into the delay's ring while both hold still).
        bool[] delayActive = f.DelayActive;
        ChannelDelay[] delays = f.Delays;
        for (int c = 0; c < _channels; c++)
        {
            ReadOnlySpan<float> source = c < _inputs ? input.Channel(c).Slice(offset, n) : _silence.Channel(0, n);
            Span<float> strip = _ch.Channel(c, n);
            ref LinearRamp trim = ref channels[c].Trim;
            if (!delayActive[c])
            {
                trim.Scale(source, strip);
            }
            else if (trim.Remaining > 0 || !delays[c].TryProcessScaled(source, trim.Target, strip))
            {
                trim.Scale(source, strip);
                delays[c].Process(strip);
            }
        }

        // 2. High-pass, gate, compressor and EQ for all channels in SIMD lanes, between the channels' insert points.
        f.Inserts.Run(InsertStage.ChannelPre, _ch, n);
        bool preEq = f.Sends.AnyPreEqTap();
        f.ChannelBank.Process(_ch.RawData, _ch.Stride, 0, n, preEq ? _preEq.RawData : default, _position);
        f.Inserts.Run(InsertStage.ChannelPost, _ch, n);

        _main.Clear(n);
        _monoBuffer.Clear(n);
        _solo.Clear(n);
        _bus.Clear(n);
        _fxIn.Clear(n);
        f.Matrices.BeginChunk(n);
        Span<float> mainL = _main.Channel(0, n), mainR = _main.Channel(1, n);
        Span<float> mono = _monoBuffer.Channel(0, n), soloL = _solo.Channel(0, n), soloR = _solo.Channel(1, n);
        // 3. Fader, pan, mono and solo of every channel.
        StripMixPass.RunAll(channels, _channels, _ch, _post, n, mainL, mainR, mono, soloL, soloR, f.SoloAfterFader, meters.ChannelPre, meters.ChannelPost);

        // Sends: moving ones ramp sample by sample; those at rest mix in one matrix pass per destination.
        f.Sends.Mix(_preEq, _ch, _post, _bus, _fxIn, n);

        // Effects (fed by the input strips' sends only), then their return strips, which may feed the buses.
        f.Returns.Process(f.Effects, _fxIn, channels, meters, f.SoloAfterFader, _bus, mainL, mainR, mono, soloL, soloR, n, _position);

        // 4. Buses: EQ and compressor in lanes, then fader, outputs, pan to main, mono, solo.
        f.Inserts.Run(InsertStage.BusPre, _bus, n);
        if (_buses > 0) f.BusBank.Process(_bus.RawData, _bus.Stride, 0, n, default, _position);
        f.Inserts.Run(InsertStage.BusPost, _bus, n);
        bool matrices = f.Matrices.Count > 0;
        var buses = new BusSet(f.Buses, _buses, meters);
        for (int b = 0; b < _buses;)
        {
            // Buses at rest go into main and mono two at a time, each sample still adding b's share before b + 1's.
            int paired = PlanarMath.FaderPanMonoPairs(buses, b, _bus, _busPost, n, mainL, mainR, mono);
            for (; b < paired; b++) BusTaps(ref f.Buses[b], b, _bus.Channel(b, n), _busPost.Channel(b, n), matrices, output, offset, soloL, soloR);
            if (b == _buses) break;

            ref MixRamps r = ref f.Buses[b];
            ReadOnlySpan<float> busIn = _bus.Channel(b, n);
            Span<float> busPost = _busPost.Channel(b, n);
            if (r.MixAtRest)
            {
                PlanarMath.FaderPanMono(busIn, busPost, r.Fader.Target, r.PanLeft.Target, r.PanRight.Target, r.Mono.Target,
                    mainL, mainR, mono, ref meters.BusInput, ref meters.Bus[b]);
            }
            else
            {
                r.Fader.Scale(busIn, busPost);
                meters.Bus[b].Add(busPost);
                r.PanLeft.MultiplyAdd(busPost, mainL);
                r.PanRight.MultiplyAdd(busPost, mainR);
                r.Mono.MultiplyAdd(busPost, mono);
            }

            BusTaps(ref r, b, busIn, busPost, matrices, output, offset, soloL, soloR);
            b++;
        }

        // 5. Main: EQ and linked compressor, fader and balance; collected for the master chain after the last chunk.
        MainRamps main = f.Main;
        f.Inserts.Run(InsertStage.MainPre, _main, n);
        f.MainBank.Process(_main.RawData, _main.Stride, 0, n, default, _position);
        f.Inserts.Run(InsertStage.MainPost, _main, n);
        f.Inserts.Run(InsertStage.MonoPre, _monoBuffer, n);
        f.MonoBank.Process(_monoBuffer.RawData, _monoBuffer.Stride, 0, n, default, _position);
        f.Inserts.Run(InsertStage.MonoPost, _monoBuffer, n);
        int mainSource = f.Matrices.MainLeftSource;
        if (matrices) AddMatrixTaps(mainSource, postFader: false, mainL, mainR, mono);
        main.Left.Scale(mainL, mainL);
        main.Right.Scale(mainR, mainR);
        mainL.CopyTo(_mainBlock.Channel(0).Slice(offset, n));
        mainR.CopyTo(_mainBlock.Channel(1).Slice(offset, n));
        main.Mono.Scale(mono, mono);
        main.Solo.Scale(soloL, soloL);
        main.Solo.Scale(soloR, soloR);
        if (matrices)
        {
            AddMatrixTaps(mainSource, postFader: true, mainL, mainR, mono);
            f.Matrices.Process(n, _position, output, offset, Outputs, f.Inserts);
        }

        // 6. Meters and outputs of mono and solo.
        meters.Mono.Add(mono);
        meters.SoloLeft.Add(soloL);
        meters.SoloRight.Add(soloR);
        CopyOut(output, Outputs.Mono, offset, mono);
        CopyOut(output, Outputs.SoloLeft, offset, soloL);
        CopyOut(output, Outputs.SoloRight, offset, soloR);
    }

    // The buses: their mix ramps, one input level for all, a level each after the fader.
    private readonly struct BusSet(MixRamps[] buses, int count, MixerMetering meters) : PlanarMath.IStripSet
    {
        public int Count => count;

        public ref MixRamps Mix(int strip) => ref buses[strip];

        public ref LevelAccumulator PreLevel(int strip) => ref meters.BusInput;

        public ref LevelAccumulator PostLevel(int strip) => ref meters.Bus[strip];
    }

    // What a bus feeds besides main and mono: the matrices before and after its fader, its output, solo.
    private void BusTaps(ref MixRamps r, int b, ReadOnlySpan<float> busIn, ReadOnlySpan<float> busPost, bool matrices, AudioBuffer output, int offset,
        Span<float> soloL, Span<float> soloR)
    {
        if (matrices)
        {
            _follower.Matrices.AddTap(b, postFader: false, busIn);
            _follower.Matrices.AddTap(b, postFader: true, busPost);
        }

        int o = Outputs.Bus(b);
        if (o >= 0) busPost.CopyTo(output.Channel(o).Slice(offset, busPost.Length));
        if (!r.SoloLeft.IsSilent) r.SoloLeft.MultiplyAdd(busPost, soloL);
        if (!r.SoloRight.IsSilent) r.SoloRight.MultiplyAdd(busPost, soloR);
    }

    private void AddMatrixTaps(int mainSource, bool postFader, ReadOnlySpan<float> mainL, ReadOnlySpan<float> mainR, ReadOnlySpan<float> mono)
    {
        _follower.Matrices.AddTap(mainSource, postFader, mainL);
        _follower.Matrices.AddTap(mainSource + 1, postFader, mainR);
        _follower.Matrices.AddTap(mainSource + 2, postFader, mono);
    }

    private static void CopyOut(AudioBuffer output, int channel, int offset, ReadOnlySpan<float> audio)
    {
        if (channel >= 0) audio.CopyTo(output.Channel(channel).Slice(offset, audio.Length));
    }

    private void ApplyMasterChain(IAudioProcessor? chain, int n)
    {
        if (chain is null) return;
        if (chain is LiveMasterChain)
        {
            // It applies /master/bypass itself and keeps running while bypassed (no second, unaligned crossfade here).
            chain.Process(_mainBlock, n);
            return;
        }

        MainRamps main = _follower.Main;
        if (main.MasterWet.IsSilent)
        {
            return;
        }

        Span<float> left = _mainBlock.Channel(0, n), right = _mainBlock.Channel(1, n);
        Span<float> dryL = _dry.Channel(0, n), dryR = _dry.Channel(1, n);
        bool fading = main.MasterWet.Remaining > 0 || main.MasterWet.Target != 1f;
        if (fading)
        {
            left.CopyTo(dryL);
            right.CopyTo(dryR);
        }

        chain.Process(_mainBlock, n);
        if (!fading) return;

        // Crossfade between the dry main and the chain: wet = dry + w (chain - dry).
        for (int t = 0; t < n; t++)
        {
            left[t] -= dryL[t];
            right[t] -= dryR[t];
        }

        var w = main.MasterWet;
        w.MultiplyAdd(left, dryL);
        main.MasterWet.MultiplyAdd(right, dryR);
        dryL.CopyTo(left);
        dryR.CopyTo(right);
    }

    private void EnsurePrepared()
    {
        if (!_prepared) throw new InvalidOperationException("Prepare the mixer engine before use");
    }
}
