using MixConsole.Dsp.Core;
using MixConsole.Dsp.Delay;
using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Loudness;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Metering;
using MixConsole.Engine.Mixer.Binding;
using MixConsole.Engine.Mixer.Strips;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// The console's audio graph, driven by one <see cref="ParameterStore"/>: input channels (trim,
/// polarity, delay, high-pass, gate, compressor, 4-band EQ, mute, fader, pan, solo, sends), mix buses
/// (EQ, compressor, fader, pan), effect slots on send/return, the main stereo bus (EQ, compressor,
/// fader, balance) into a pluggable master chain, the mono bus and the solo bus, plus meters.
/// <para>Real-time rules: <see cref="Prepare"/> allocates; <see cref="Process"/> reads the store once
/// per block (only when its version moved), re-derives only what changed, smooths every gain and pan
/// per sample and every filter by gliding its coefficients, and allocates nothing.</para>
/// <para>Outputs (see <see cref="MixerOutputs"/>): main L/R, each bus, mono, solo L/R; extra output
/// channels are silent, missing ones are not produced. Input channel i feeds /ch/(i+1).</para>
/// </summary>
public sealed class MixerEngine
{
    /// <summary>Ramp for every gain and pan move, in milliseconds.</summary>
    public const double GainRampMs = 10;

    /// <summary>Frames between coefficient glide steps while a filter is being retuned.</summary>
    public const int CoefficientTickFrames = 16;

    /// <summary>Most EQ/high-pass designs per block after the first: a scene recall spreads over a few blocks instead of missing a deadline.</summary>
    public const int MaxFilterDesignsPerBlock = 12;

    /// <summary>Longest input delay, in milliseconds (the table's range).</summary>
    public const double MaxInputDelayMs = 500;

    private const int TapPreEq = 0;
    private const int TapPreFader = 1;

    private readonly ParameterStore _store;
    private readonly ConsoleConfig _config;
    private readonly int _channels, _buses, _fxSlots, _dcas, _muteGroups;
    private readonly StripParameters[] _channelParams, _busParams;
    private readonly StripParameters _mainParams, _monoParams;
    private readonly StripParameters[] _returnParams;
    private readonly EffectParameters[] _effectParams;
    private readonly int[] _dcaOn, _dcaFader, _muteGroupOn;
    private readonly int _soloMode, _soloLevel, _masterBypass;
    private readonly int[] _ownerOf, _aspectOf;
    private readonly int[] _dirty;
    private readonly int _mainKey, _monoKey, _firstFxKey, _firstReturnKey, _globalKey;

    private readonly StripBank _channelBank, _busBank, _mainBank;
    private readonly SendMatrix _busSends, _fxSends;
    private readonly int[] _movingSends;
    private int _movingSendCount;
    private bool _sendsChanged = true;
    private readonly ChannelDelay[] _delays;
    private readonly EffectSlot[] _effects;
    private readonly float[] _values, _applied;

    // Per-sample ramps.
    private readonly GainRamp[] _trim, _fader, _panLeft, _panRight, _mono, _soloLeft, _soloRight;
    private readonly GainRamp[] _send, _fxSendLeft, _fxSendRight;
    private readonly int[] _sendTap, _fxTap;
    private readonly bool[] _delayActive, _needsPreEq;
    private readonly GainRamp[] _busFader, _busPanLeft, _busPanRight, _busMono, _busSoloLeft, _busSoloRight;
    private readonly GainRamp[] _returnLeft, _returnRight, _returnSoloLeft, _returnSoloRight;
    private GainRamp _mainLeft, _mainRight, _monoOut, _soloOut, _masterWet;
    private bool _soloAfterFader;

    // Meters.
    private readonly MeterLayout _meterLayout;
    private readonly MixerMeters _meters;
    private readonly LevelAccumulator[] _chPre, _chPost, _busLevel, _returnLevel;
    private LevelAccumulator _mainL, _mainR, _monoLevel, _soloL, _soloR, _busInputLevel;
    private readonly LoudnessMeter _loudness = new();
    private int _meterWindowFrames = 1600;
    private int _meterFrames;
    private long _position;
    private int _loudnessResetRequested;

    // Buffers (planar, chunk at frame 0).
    private AudioBuffer _ch = new(1, 1), _preEq = new(1, 1), _post = new(1, 1), _bus = new(1, 1), _fxIn = new(1, 1), _fxOut = new(1, 1);
    private AudioBuffer _main = new(2, 1), _dry = new(2, 1), _monoBuffer = new(1, 1), _solo = new(2, 1), _scratch = new(1, 1), _silence = new(1, 1);

    private IAudioProcessor? _masterChain;
    private double _sampleRateHz;
    private int _maxBlockFrames;
    private int _inputs, _outputs;
    private int _gainRampSamples = 1;
    private long _appliedVersion = -1;
    private bool _prepared;
    private bool _snapNext;
    private bool _pendingApply;

    /// <summary>Creates the engine for the console described by <paramref name="store"/>'s table.</summary>
    public MixerEngine(ParameterStore store)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        var table = store.Table;
        _config = table.Config;
        _channels = _config.Channels;
        _buses = _config.Buses;
        _fxSlots = _config.FxSlots;
        _dcas = _config.Dcas;
        _muteGroups = _config.MuteGroups;

        _mainKey = _channels + _buses;
        _monoKey = _mainKey + 1;
        _firstFxKey = _monoKey + 1;
        _firstReturnKey = _firstFxKey + _fxSlots;
        _globalKey = _firstReturnKey + _fxSlots;
        _dirty = new int[_globalKey + 1];
        _ownerOf = new int[table.Count];
        _aspectOf = new int[table.Count];
        Array.Fill(_ownerOf, -1);

        _channelParams = new StripParameters[_channels];
        for (int c = 0; c < _channels; c++)
        {
            int key = c;
            _channelParams[c] = StripParameters.Create(table, ParameterPaths.Channel(c + 1), _buses, _fxSlots, (i, a) => Own(i, key, a));
        }

        _busParams = new StripParameters[_buses];
        for (int b = 0; b < _buses; b++)
        {
            int key = _channels + b;
            _busParams[b] = StripParameters.Create(table, ParameterPaths.Bus(b + 1), 0, 0, (i, a) => Own(i, key, a));
        }

        _mainParams = StripParameters.Create(table, ParameterPaths.MainStereo, 0, 0, (i, a) => Own(i, _mainKey, a));
        _monoParams = StripParameters.Create(table, ParameterPaths.MainMono, 0, 0, (i, a) => Own(i, _monoKey, a));
        _effectParams = new EffectParameters[_fxSlots];
        _returnParams = new StripParameters[_fxSlots];
        for (int s = 0; s < _fxSlots; s++)
        {
            int fxKey = _firstFxKey + s, returnKey = _firstReturnKey + s;
            _effectParams[s] = EffectParameters.Create(table, ParameterPaths.Fx(s + 1), i => Own(i, fxKey, StripAspect.Effect));
            _returnParams[s] = StripParameters.Create(table, ParameterPaths.FxReturn(s + 1), 0, 0, (i, a) => Own(i, returnKey, a));
        }

        _dcaOn = new int[_dcas];
        _dcaFader = new int[_dcas];
        for (int d = 0; d < _dcas; d++)
        {
            _dcaOn[d] = OwnGlobal(table, ParameterPaths.Dca(d + 1) + "/on");
            _dcaFader[d] = OwnGlobal(table, ParameterPaths.Dca(d + 1) + "/fader");
        }

        _muteGroupOn = new int[_muteGroups];
        for (int g = 0; g < _muteGroups; g++) _muteGroupOn[g] = OwnGlobal(table, ParameterPaths.MuteGroup(g + 1));
        _soloMode = OwnGlobal(table, "/config/solo/mode");
        _soloLevel = OwnGlobal(table, "/config/solo/level");
        _masterBypass = OwnGlobal(table, "/master/bypass");

        _channelBank = new StripBank(_channels);
        _busBank = new StripBank(Math.Max(1, _buses));
        _mainBank = new StripBank(2);
        _mainBank.SetLinked(0, true);
        _delays = new ChannelDelay[_channels];
        for (int c = 0; c < _channels; c++) _delays[c] = new ChannelDelay();
        _effects = new EffectSlot[_fxSlots];
        for (int s = 0; s < _fxSlots; s++) _effects[s] = new EffectSlot();
        _values = new float[table.Count];
        _applied = new float[table.Count];

        _trim = new GainRamp[_channels];
        _fader = new GainRamp[_channels];
        _panLeft = new GainRamp[_channels];
        _panRight = new GainRamp[_channels];
        _mono = new GainRamp[_channels];
        _soloLeft = new GainRamp[_channels];
        _soloRight = new GainRamp[_channels];
        _send = new GainRamp[_channels * _buses];
        _busSends = new SendMatrix(_buses, _channels, _channels);
        _fxSends = new SendMatrix(2 * _fxSlots, _channels, _channels);
        _movingSends = new int[_channels * (_buses + 2 * _fxSlots)];
        _sendTap = new int[_channels * _buses];
        _fxSendLeft = new GainRamp[_channels * _fxSlots];
        _fxSendRight = new GainRamp[_channels * _fxSlots];
        _fxTap = new int[_channels * _fxSlots];
        _delayActive = new bool[_channels];
        _needsPreEq = new bool[_channels];
        _busFader = new GainRamp[_buses];
        _busPanLeft = new GainRamp[_buses];
        _busPanRight = new GainRamp[_buses];
        _busMono = new GainRamp[_buses];
        _busSoloLeft = new GainRamp[_buses];
        _busSoloRight = new GainRamp[_buses];
        _returnLeft = new GainRamp[_fxSlots];
        _returnRight = new GainRamp[_fxSlots];
        _returnSoloLeft = new GainRamp[_fxSlots];
        _returnSoloRight = new GainRamp[_fxSlots];

        _meterLayout = new MeterLayout(_config);
        _meters = new MixerMeters(_meterLayout);
        _chPre = new LevelAccumulator[_channels];
        _chPost = new LevelAccumulator[_channels];
        _busLevel = new LevelAccumulator[_buses];
        _returnLevel = new LevelAccumulator[_fxSlots * 2];
    }

    /// <summary>The console size.</summary>
    public ConsoleConfig Config => _config;

    /// <summary>The parameters this engine follows.</summary>
    public ParameterStore Parameters => _store;

    /// <summary>The meter stream (drain it from one control thread).</summary>
    public MixerMeters Meters => _meters;

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
            return chain is null || _store.GetReal(_masterBypass) != 0 ? 0 : chain.LatencyFrames;
        }
    }

    /// <summary>True to run the strips' scalar reference kernels instead of SIMD (identical output, slower; for tests).</summary>
    public bool UseScalarReference
    {
        get => _channelBank.UseScalarReference;
        set
        {
            _channelBank.UseScalarReference = value;
            _busBank.UseScalarReference = value;
            _mainBank.UseScalarReference = value;
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
    public void RequestLoudnessReset() => Interlocked.Exchange(ref _loudnessResetRequested, 1);

    /// <summary>
    /// Sizes everything for <paramref name="sampleRateHz"/> and blocks of up to <paramref name="maxBlockFrames"/>;
    /// <paramref name="inputs"/> input channels feed /ch/01.. (extra inputs are ignored), <paramref name="outputs"/>
    /// output channels follow <see cref="MixerOutputs"/>. Current parameters apply at once, without ramps.
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
        Outputs = new MixerOutputs(_buses, outputs);
        _gainRampSamples = Math.Max(1, (int)Math.Round(GainRampMs * sampleRateHz / 1000.0));

        _channelBank.Prepare(sampleRateHz, maxBlockFrames, CoefficientTickFrames);
        _busBank.Prepare(sampleRateHz, maxBlockFrames, CoefficientTickFrames);
        _mainBank.Prepare(sampleRateHz, maxBlockFrames, CoefficientTickFrames);
        foreach (var d in _delays) d.Prepare(sampleRateHz, MaxInputDelayMs);
        foreach (var e in _effects) e.Prepare(sampleRateHz, maxBlockFrames);

        _ch = new AudioBuffer(_channels, maxBlockFrames);
        _preEq = new AudioBuffer(_channels, maxBlockFrames);
        _bus = new AudioBuffer(Math.Max(1, _buses), maxBlockFrames);
        _fxIn = new AudioBuffer(Math.Max(1, 2 * _fxSlots), maxBlockFrames);
        _fxOut = new AudioBuffer(Math.Max(1, 2 * _fxSlots), maxBlockFrames);
        _main = new AudioBuffer(2, maxBlockFrames);
        _dry = new AudioBuffer(2, maxBlockFrames);
        _monoBuffer = new AudioBuffer(1, maxBlockFrames);
        _solo = new AudioBuffer(2, maxBlockFrames);
        _post = new AudioBuffer(_channels, maxBlockFrames);
        _scratch = new AudioBuffer(1, maxBlockFrames);
        _silence = new AudioBuffer(1, maxBlockFrames);

        _loudness.Prepare(new ProcessSpec(sampleRateHz, maxBlockFrames, 2), null, LoudnessMeterOptions.LoudnessOnly);
        _meterWindowFrames = Math.Max(1, (int)Math.Round(sampleRateHz / MixerMeters.PublishRateHz));
        Volatile.Read(ref _masterChain)?.Prepare(new ProcessSpec(sampleRateHz, maxBlockFrames, 2));

        _prepared = true;
        Reset();
    }

    /// <summary>Clears all audio history (filters, dynamics, delays, effects, meters); parameters apply again at once.</summary>
    public void Reset()
    {
        EnsurePrepared();
        _channelBank.Reset();
        _busBank.Reset();
        _mainBank.Reset();
        foreach (var d in _delays) d.Reset();
        foreach (var e in _effects) e.Reset();
        Volatile.Read(ref _masterChain)?.Reset();
        _loudness.Reset();
        ClearMeterWindow();
        _position = 0;
        _appliedVersion = -1;
        _snapNext = true;
        Array.Fill(_dirty, StripAspect.All);
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

        ReadParameters();
        var chain = Volatile.Read(ref _masterChain);
        if (Interlocked.Exchange(ref _loudnessResetRequested, 0) != 0) _loudness.Reset();

        int done = 0;
        while (done < frames)
        {
            int n = frames - done;
            bool gliding = _channelBank.HasCoefficientRamps || _busBank.HasCoefficientRamps || _mainBank.HasCoefficientRamps;
            if (gliding) n = Math.Min(n, CoefficientTickFrames - (int)(_position % CoefficientTickFrames));
            if (_sendsChanged) GatherSends(AnyPreEqTap());
            // A chunk ends where a send comes to rest, so each sample meets the same summing order at any block size.
            for (int k = 0; k < _movingSendCount; k++)
            {
                int left = SendRamp(_movingSends[k]).Remaining;
                if (left > 0) n = Math.Min(n, left);
            }
            ProcessChunk(input, output, done, n, chain);
            done += n;
            _position += n;
            if (gliding && _position % CoefficientTickFrames == 0)
            {
                _channelBank.AdvanceCoefficientRamps();
                _busBank.AdvanceCoefficientRamps();
                _mainBank.AdvanceCoefficientRamps();
            }
        }

        for (int o = Outputs.Used; o < _outputs; o++) output.Channel(o, frames).Clear();
    }

    private void ProcessChunk(AudioBuffer input, AudioBuffer output, int offset, int n, IAudioProcessor? chain)
    {
        // 1. Inputs: trim and polarity, then the alignment delay.
        for (int c = 0; c < _channels; c++)
        {
            ReadOnlySpan<float> source = c < _inputs ? input.Channel(c).Slice(offset, n) : _silence.Channel(0, n);
            Span<float> strip = _ch.Channel(c, n);
            _trim[c].Scale(source, strip);
            if (_delayActive[c]) _delays[c].Process(strip);
        }

        // 2. High-pass, gate, compressor and EQ for all channels in SIMD lanes.
        bool preEq = AnyPreEqTap();
        _channelBank.Process(_ch.RawData, _ch.Stride, 0, n, preEq ? _preEq.RawData : default);

        _main.Clear(n);
        _monoBuffer.Clear(n);
        _solo.Clear(n);
        _bus.Clear(n);
        _fxIn.Clear(n);
        Span<float> mainL = _main.Channel(0, n), mainR = _main.Channel(1, n);
        Span<float> mono = _monoBuffer.Channel(0, n), soloL = _solo.Channel(0, n), soloR = _solo.Channel(1, n);
        // 3. Fader, pan, mono and solo of every channel.
        for (int c = 0; c < _channels; c++)
        {
            ReadOnlySpan<float> pre = _ch.Channel(c, n);
            Span<float> post = _post.Channel(c, n);
            ref GainRamp fader = ref _fader[c];
            if (fader.Remaining == 0 && _panLeft[c].Remaining == 0 && _panRight[c].Remaining == 0 && _mono[c].Remaining == 0)
            {
                PlanarMath.FaderPanMono(pre, post, fader.Target, _panLeft[c].Target, _panRight[c].Target, _mono[c].Target,
                    mainL, mainR, mono, ref _chPre[c], ref _chPost[c]);
            }
            else
            {
                _chPre[c].Add(pre);
                fader.Scale(pre, post);
                _chPost[c].Add(post);
                _panLeft[c].MultiplyAdd(post, mainL);
                _panRight[c].MultiplyAdd(post, mainR);
                _mono[c].MultiplyAdd(post, mono);
            }

            ReadOnlySpan<float> soloTap = _soloAfterFader ? post : pre;
            if (!_soloLeft[c].IsSilent) _soloLeft[c].MultiplyAdd(soloTap, soloL);
            if (!_soloRight[c].IsSilent) _soloRight[c].MultiplyAdd(soloTap, soloR);
        }

        // Sends: moving ones ramp sample by sample; those at rest mix in one matrix pass per destination.
        for (int k = 0; k < _movingSendCount; k++) MoveSend(_movingSends[k], n);
        _busSends.MixInto(_preEq.RawData, _ch.RawData, _post.RawData, _ch.Stride, _bus.RawData, _bus.Stride, n);
        _fxSends.MixInto(_preEq.RawData, _ch.RawData, _post.RawData, _ch.Stride, _fxIn.RawData, _fxIn.Stride, n);

        // 4. Buses: EQ and compressor in lanes, then fader, outputs, pan to main, mono, solo.
        if (_buses > 0) _busBank.Process(_bus.RawData, _bus.Stride, 0, n, default);
        Span<float> busPost = _scratch.Channel(0, n);
        for (int b = 0; b < _buses; b++)
        {
            ReadOnlySpan<float> busIn = _bus.Channel(b, n);
            if (_busFader[b].Remaining == 0 && _busPanLeft[b].Remaining == 0 && _busPanRight[b].Remaining == 0 && _busMono[b].Remaining == 0)
            {
                PlanarMath.FaderPanMono(busIn, busPost, _busFader[b].Target, _busPanLeft[b].Target, _busPanRight[b].Target, _busMono[b].Target,
                    mainL, mainR, mono, ref _busInputLevel, ref _busLevel[b]);
            }
            else
            {
                _busFader[b].Scale(busIn, busPost);
                _busLevel[b].Add(busPost);
                _busPanLeft[b].MultiplyAdd(busPost, mainL);
                _busPanRight[b].MultiplyAdd(busPost, mainR);
                _busMono[b].MultiplyAdd(busPost, mono);
            }

            int o = Outputs.Bus(b);
            if (o >= 0) busPost.CopyTo(output.Channel(o).Slice(offset, n));
            if (!_busSoloLeft[b].IsSilent) _busSoloLeft[b].MultiplyAdd(busPost, soloL);
            if (!_busSoloRight[b].IsSilent) _busSoloRight[b].MultiplyAdd(busPost, soloR);
        }

        // 5. Effects, returned into main.
        for (int s = 0; s < _fxSlots; s++)
        {
            Span<float> outL = _fxOut.Channel(2 * s, n), outR = _fxOut.Channel(2 * s + 1, n);
            _effects[s].Process(_fxIn.Channel(2 * s, n), _fxIn.Channel(2 * s + 1, n), outL, outR);
            _returnLeft[s].Scale(outL, outL);
            _returnRight[s].Scale(outR, outR);
            _returnLevel[2 * s].Add(outL);
            _returnLevel[2 * s + 1].Add(outR);
            PlanarMath.Add(outL, mainL);
            PlanarMath.Add(outR, mainR);
            _returnSoloLeft[s].MultiplyAdd(outL, soloL);
            _returnSoloRight[s].MultiplyAdd(outR, soloR);
        }

        // 6. Main: EQ and linked compressor, fader and balance, master chain.
        _mainBank.Process(_main.RawData, _main.Stride, 0, n, default);
        _mainLeft.Scale(mainL, mainL);
        _mainRight.Scale(mainR, mainR);
        ApplyMasterChain(chain, n);
        _monoOut.Scale(mono, mono);
        _soloOut.Scale(soloL, soloL);
        _soloOut.Scale(soloR, soloR);

        // 7. Meters and outputs.
        _mainL.Add(mainL);
        _mainR.Add(mainR);
        _monoLevel.Add(mono);
        _soloL.Add(soloL);
        _soloR.Add(soloR);
        _loudness.Process(_main, n);
        CopyOut(output, Outputs.MainLeft, offset, mainL);
        CopyOut(output, Outputs.MainRight, offset, mainR);
        CopyOut(output, Outputs.Mono, offset, mono);
        CopyOut(output, Outputs.SoloLeft, offset, soloL);
        CopyOut(output, Outputs.SoloRight, offset, soloR);

        _meterFrames += n;
        if (_meterFrames >= _meterWindowFrames) PublishMeters();
    }

    // Sorts every audible send into the matrices (at rest) or the moving list; runs only after a send changed.
    private void GatherSends(bool preEq)
    {
        _sendsChanged = false;
        _busSends.Clear();
        _fxSends.Clear();
        _movingSendCount = 0;
        int fxBase = _channels * _buses;
        for (int c = 0; c < _channels; c++)
        {
            for (int b = 0; b < _buses; b++)
            {
                int i = c * _buses + b;
                ref GainRamp send = ref _send[i];
                if (send.IsSilent || (_sendTap[i] == TapPreEq && !preEq)) continue;
                if (send.Remaining > 0) _movingSends[_movingSendCount++] = i;
                else _busSends.Add(b, _sendTap[i], c, send.Target);
            }

            for (int fx = 0; fx < _fxSlots; fx++)
            {
                int i = c * _fxSlots + fx;
                if (_fxTap[i] == TapPreEq && !preEq) continue;
                for (int side = 0; side < 2; side++)
                {
                    ref GainRamp send = ref side == 0 ? ref _fxSendLeft[i] : ref _fxSendRight[i];
                    if (send.IsSilent) continue;
                    if (send.Remaining > 0) _movingSends[_movingSendCount++] = fxBase + 2 * i + side;
                    else _fxSends.Add(2 * fx + side, _fxTap[i], c, send.Target);
                }
            }
        }
    }

    private bool AnyPreEqTap()
    {
        foreach (bool needed in _needsPreEq)
            if (needed) return true;
        return false;
    }

    private ref GainRamp SendRamp(int k)
    {
        int fxBase = _channels * _buses;
        if (k < fxBase) return ref _send[k];
        int i = (k - fxBase) / 2;
        return ref (k - fxBase) % 2 == 0 ? ref _fxSendLeft[i] : ref _fxSendRight[i];
    }

    // One ramping send; once it comes to rest the matrices are gathered again before the next chunk.
    private void MoveSend(int k, int n)
    {
        int fxBase = _channels * _buses;
        bool toBus = k < fxBase;
        int i = toBus ? k : (k - fxBase) / 2, side = toBus ? 0 : (k - fxBase) % 2;
        ReadOnlySpan<float> source = toBus ? Tap(_sendTap[k], k / _buses, n) : Tap(_fxTap[i], i / _fxSlots, n);
        Span<float> destination = toBus ? _bus.Channel(k % _buses, n) : _fxIn.Channel(2 * (i % _fxSlots) + side, n);
        ref GainRamp send = ref SendRamp(k);
        send.MultiplyAdd(source, destination);
        if (send.Remaining == 0) _sendsChanged = true;
    }

    private ReadOnlySpan<float> Tap(int tap, int channel, int n) => tap switch
    {
        TapPreEq => _preEq.Channel(channel, n),
        TapPreFader => _ch.Channel(channel, n),
        _ => _post.Channel(channel, n),
    };

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
            chain.Process(_main, n);
            return;
        }

        if (_masterWet.IsSilent)
        {
            return;
        }

        Span<float> left = _main.Channel(0, n), right = _main.Channel(1, n);
        Span<float> dryL = _dry.Channel(0, n), dryR = _dry.Channel(1, n);
        bool fading = _masterWet.Remaining > 0 || _masterWet.Target != 1f;
        if (fading)
        {
            left.CopyTo(dryL);
            right.CopyTo(dryR);
        }

        chain.Process(_main, n);
        if (!fading) return;

        // Crossfade between the dry main and the chain: wet = dry + w (chain - dry).
        for (int t = 0; t < n; t++)
        {
            left[t] -= dryL[t];
            right[t] -= dryR[t];
        }

        var w = _masterWet;
        w.MultiplyAdd(left, dryL);
        _masterWet.MultiplyAdd(right, dryR);
        dryL.CopyTo(left);
        dryR.CopyTo(right);
    }

    private void PublishMeters()
    {
        Span<float> f = _meters.PendingFrame;
        int frames = _meterFrames;
        f[_meterLayout.Seconds] = (float)(_position / _sampleRateHz);
        for (int c = 0; c < _channels; c++)
        {
            int o = _meterLayout.ChannelPeakPreFader(c);
            f[o] = _chPre[c].Peak;
            f[o + 1] = _chPre[c].Rms(frames);
            f[o + 2] = _chPost[c].Peak;
            f[o + 3] = _chPost[c].Rms(frames);
            f[o + 4] = _channelBank.GateGainReductionDb(c);
            f[o + 5] = _channelBank.CompressorGainReductionDb(c);
        }

        for (int b = 0; b < _buses; b++)
        {
            int o = _meterLayout.BusPeak(b);
            f[o] = _busLevel[b].Peak;
            f[o + 1] = _busLevel[b].Rms(frames);
            f[o + 2] = _busBank.CompressorGainReductionDb(b);
        }

        for (int s = 0; s < _fxSlots; s++)
        {
            int o = _meterLayout.FxReturnPeak(s);
            f[o] = _returnLevel[2 * s].Peak;
            f[o + 1] = _returnLevel[2 * s + 1].Peak;
        }

        int m = _meterLayout.Main;
        f[m] = _mainL.Peak;
        f[m + 1] = _mainR.Peak;
        f[m + 2] = _mainL.Rms(frames);
        f[m + 3] = _mainR.Rms(frames);
        f[m + 4] = _mainBank.CompressorGainReductionDb(0);
        f[_meterLayout.Mono] = _monoLevel.Peak;
        f[_meterLayout.Mono + 1] = _monoLevel.Rms(frames);
        f[_meterLayout.Solo] = _soloL.Peak;
        f[_meterLayout.Solo + 1] = _soloR.Peak;
        int l = _meterLayout.Loudness;
        f[l] = Lufs(_loudness.MomentaryLufs);
        f[l + 1] = Lufs(_loudness.ShortTermLufs);
        f[l + 2] = _loudness.TryGetIntegratedLufs(out double integrated) ? Lufs(integrated) : MeterLayout.SilenceLufs;
        _meters.Publish();
        ClearMeterWindow();
    }

    private static float Lufs(double lufs) => double.IsFinite(lufs) ? (float)Math.Max(lufs, MeterLayout.SilenceLufs) : MeterLayout.SilenceLufs;

    private void ClearMeterWindow()
    {
        _meterFrames = 0;
        for (int c = 0; c < _channels; c++)
        {
            _chPre[c].Clear();
            _chPost[c].Clear();
        }

        for (int b = 0; b < _buses; b++) _busLevel[b].Clear();
        for (int i = 0; i < _returnLevel.Length; i++) _returnLevel[i].Clear();
        _mainL.Clear();
        _mainR.Clear();
        _monoLevel.Clear();
        _soloL.Clear();
        _soloR.Clear();
        _channelBank.ClearGainReductionMeters();
        _busBank.ClearGainReductionMeters();
        _mainBank.ClearGainReductionMeters();
    }

    private void EnsurePrepared()
    {
        if (!_prepared) throw new InvalidOperationException("Prepare the mixer engine before use");
    }

    private void Own(int index, int key, int aspect)
    {
        _ownerOf[index] = key;
        _aspectOf[index] = aspect;
    }

    private int OwnGlobal(ParameterTable table, string path)
    {
        int index = table.IndexOf(path);
        Own(index, _globalKey, StripAspect.Mix);
        return index;
    }

    // ---- Parameters: read once per block, re-derive only what changed ----

    private void ReadParameters()
    {
        long version = _store.Version;
        if (version != _appliedVersion)
        {
            _appliedVersion = _store.CopyValuesTo(_values);
            bool first = _snapNext;
            for (int i = 0; i < _values.Length; i++)
            {
                if (_values[i] == _applied[i] && !first) continue;
                _applied[i] = _values[i];
                int key = _ownerOf[i];
                if (key < 0) continue;
                _dirty[key] |= StripAspect.Bits(_aspectOf[i]);
            }

            PropagateLinksAndGroups();
            _pendingApply = true;
        }

        // Nothing changed and nothing deferred: the per-strip scan is skipped.
        if (_pendingApply || _snapNext) _pendingApply = ApplyDirty(_snapNext);
        if (_snapNext)
        {
            _channelBank.FinishRamps();
            _busBank.FinishRamps();
            _mainBank.FinishRamps();
            _snapNext = false;
        }
    }

    private void PropagateLinksAndGroups()
    {
        if (_dirty[_globalKey] != 0)
        {
            for (int c = 0; c < _channels; c++) _dirty[c] |= StripAspect.Bits(StripAspect.Mix);
            for (int b = 0; b < _buses; b++) _dirty[_channels + b] |= StripAspect.Bits(StripAspect.Mix);
            for (int s = 0; s < _fxSlots; s++) _dirty[_firstReturnKey + s] |= StripAspect.Bits(StripAspect.Mix);
            _dirty[_mainKey] |= StripAspect.Bits(StripAspect.Mix);
            _dirty[_globalKey] = 0;
        }

        for (int c = 0; c + 1 < _channels; c += 2)
        {
            if ((_dirty[c] & StripAspect.Bits(StripAspect.Link)) != 0)
            {
                _dirty[c] |= StripAspect.All;
                _dirty[c + 1] |= StripAspect.All;
            }
            else if (IsLinked(c))
            {
                // The odd channel leads: its changes re-derive its partner too (polarity stays per side).
                _dirty[c + 1] |= _dirty[c];
            }
        }
    }

    private bool IsLinked(int channel)
    {
        int leader = channel & ~1;
        int link = _channelParams[leader].Link;
        return link >= 0 && _values[link] != 0 && leader + 1 < _channels;
    }

    // Returns true while some work is left for later blocks (filter designs over the per-block budget).
    private bool ApplyDirty(bool snap)
    {
        int designs = 0;
        int budget = snap ? int.MaxValue : MaxFilterDesignsPerBlock;
        for (int c = 0; c < _channels; c++)
        {
            if (_dirty[c] == 0) continue;
            int leader = IsLinked(c) ? c & ~1 : c;
            var p = _channelParams[leader];
            int d = _dirty[c];
            if ((d & StripAspect.Bits(StripAspect.Link)) != 0) _channelBank.SetLinked(c, IsLinked(c));
            if ((d & StripAspect.Bits(StripAspect.Input)) != 0) ApplyInput(c, p, snap);
            if ((d & StripAspect.Bits(StripAspect.Gate)) != 0) ApplyGate(c, p);
            if ((d & StripAspect.Bits(StripAspect.Compressor)) != 0) ApplyCompressor(_channelBank, c, p);
            if ((d & StripAspect.Bits(StripAspect.Mix)) != 0) ApplyChannelMix(c, p, snap);
            // What is left is filter design, which a block may defer; a channel has no effect aspect.
            d &= StripAspect.Bits(StripAspect.HighPass) | StripAspect.Bits(StripAspect.AllEqBands);
            if ((d & StripAspect.Bits(StripAspect.HighPass)) != 0 && designs < budget)
            {
                ApplyHighPass(c, p, snap);
                designs++;
                d &= ~StripAspect.Bits(StripAspect.HighPass);
            }

            d = ApplyEqBands(_channelBank, c, p, d, snap, ref designs, budget);
            _dirty[c] = d;
        }

        for (int b = 0; b < _buses; b++)
        {
            int key = _channels + b;
            int d = _dirty[key];
            if (d == 0) continue;
            var p = _busParams[b];
            if ((d & StripAspect.Bits(StripAspect.Compressor)) != 0) ApplyCompressor(_busBank, b, p);
            if ((d & StripAspect.Bits(StripAspect.Mix)) != 0) ApplyBusMix(b, p, snap);
            // Buses have no input, high-pass, gate, link or effect aspects: only EQ designs may wait.
            d &= StripAspect.Bits(StripAspect.AllEqBands);
            _dirty[key] = ApplyEqBands(_busBank, b, p, d, snap, ref designs, budget);
        }

        if (_dirty[_mainKey] != 0)
        {
            int d = _dirty[_mainKey];
            if ((d & StripAspect.Bits(StripAspect.Compressor)) != 0)
            {
                ApplyCompressor(_mainBank, 0, _mainParams);
                ApplyCompressor(_mainBank, 1, _mainParams);
            }

            if ((d & StripAspect.Bits(StripAspect.Mix)) != 0) ApplyMainMix(snap);
            d &= StripAspect.Bits(StripAspect.AllEqBands);
            int before = d;
            d = ApplyEqBands(_mainBank, 0, _mainParams, before, snap, ref designs, int.MaxValue);
            ApplyEqBands(_mainBank, 1, _mainParams, before, snap, ref designs, int.MaxValue);
            _dirty[_mainKey] = d;
        }

        if (_dirty[_monoKey] != 0)
        {
            Set(ref _monoOut, Muted(_monoParams.On) ? 0f : DbToLinear(_values[_monoParams.Fader]), snap);
            _dirty[_monoKey] = 0;
        }

        for (int s = 0; s < _fxSlots; s++)
        {
            if (_dirty[_firstFxKey + s] != 0)
            {
                _effects[s].Apply(_values, _effectParams[s]);
                if (snap) _effects[s].Reset(); // first settings take effect at once: no glide from the kernels' defaults
                _dirty[_firstFxKey + s] = 0;
            }

            if (_dirty[_firstReturnKey + s] != 0)
            {
                ApplyReturnMix(s, snap);
                _dirty[_firstReturnKey + s] = 0;
            }
        }

        foreach (int d in _dirty)
            if (d != 0) return true;
        return false;
    }

    private void ApplyInput(int c, StripParameters leader, bool snap)
    {
        var own = _channelParams[c];
        float gain = DbToLinear(_values[leader.Trim]);
        if (_values[own.Invert] != 0) gain = -gain;
        Set(ref _trim[c], gain, snap);
        bool delayOn = _values[leader.DelayOn] != 0;
        _delays[c].SetDelayMs(delayOn ? _values[leader.DelayTime] : 0);
        if (delayOn) _delayActive[c] = true;
        if (snap)
        {
            _delays[c].Reset();
            _delayActive[c] = delayOn;
        }
    }

    private void ApplyHighPass(int c, StripParameters p, bool snap)
    {
        var cascade = _values[p.HpOn] != 0
            ? ButterworthCascade.HighPass(_sampleRateHz, _values[p.HpFrequency], (int)_values[p.HpSlope] switch
            {
                0 => FilterSlope.Db12PerOctave,
                1 => FilterSlope.Db18PerOctave,
                _ => FilterSlope.Db24PerOctave,
            })
            : new ButterworthCascade(BiquadCoefficients.Identity, BiquadCoefficients.Identity, 1);
        _channelBank.SetSection(c, StripSection.HighPass0, cascade.Section0, !snap);
        _channelBank.SetSection(c, StripSection.HighPass1, cascade.Section1, !snap);
    }

    private void ApplyGate(int c, StripParameters p)
    {
        // Modes EXP2, EXP3, EXP4 are expanders of ratio 2..4; GATE applies the full range.
        int mode = (int)_values[p.GateMode];
        float ratio = mode < 3 ? mode + 2 : 0;
        _channelBank.SetGate(c, _values[p.GateOn] != 0, _values[p.GateThreshold], _values[p.GateRange], ratio,
            _values[p.GateAttack], _values[p.GateHold], _values[p.GateRelease]);
        _channelBank.SetSection(c, StripSection.GateKey, KeyHighPass(_values[p.GateKey]), glide: false);
    }

    private void ApplyCompressor(StripBank bank, int strip, StripParameters p)
    {
        bank.SetCompressor(strip, _values[p.DynOn] != 0, _values[p.DynDetector] != 0, _values[p.DynThreshold], _values[p.DynRatio],
            _values[p.DynKnee], _values[p.DynAttack], _values[p.DynRelease], _values[p.DynMakeup], _values[p.DynMix] / 100f,
            beforeEq: _values[p.DynPosition] == 0);
        var key = KeyHighPass(_values[p.DynHighPass]);
        bank.SetSection(strip, StripSection.CompressorKey, key, glide: false);
        bank.SetSection(strip, StripSection.CompressorKeyPostEq, key, glide: false);
    }

    private BiquadCoefficients KeyHighPass(float frequencyHz) =>
        frequencyHz > 20.5f ? BiquadDesign.HighPass(_sampleRateHz, frequencyHz, Math.Sqrt(0.5)) : BiquadCoefficients.Identity;

    private int ApplyEqBands(StripBank bank, int strip, StripParameters p, int dirty, bool snap, ref int designs, int budget)
    {
        for (int band = 0; band < StripSection.EqBands; band++)
        {
            int bit = StripAspect.Bits(StripAspect.EqBand0 + band);
            if ((dirty & bit) == 0 || designs >= budget) continue;
            bank.SetSection(strip, StripSection.Eq0 + band, DesignEqBand(p, band), !snap);
            designs++;
            dirty &= ~bit;
        }

        return dirty;
    }

    private BiquadCoefficients DesignEqBand(StripParameters p, int band)
    {
        if (_values[p.EqOn] == 0) return BiquadCoefficients.Identity;
        double f = _values[p.EqFrequency[band]], g = _values[p.EqGain[band]], q = _values[p.EqQ[band]];
        return (int)_values[p.EqType[band]] switch
        {
            0 => BiquadDesign.HighPass(_sampleRateHz, f, Math.Sqrt(0.5)),
            1 => AnalogMatchedDesign.LowShelf(_sampleRateHz, f, q, g),
            2 => AnalogMatchedDesign.Peaking(_sampleRateHz, f, q, g),
            3 => AnalogMatchedDesign.HighShelf(_sampleRateHz, f, q, g),
            _ => BiquadDesign.LowPass(_sampleRateHz, f, Math.Sqrt(0.5)),
        };
    }

    private void ApplyChannelMix(int c, StripParameters p, bool snap)
    {
        float gain = StripGain(p);
        Set(ref _fader[c], gain, snap);
        bool linked = IsLinked(c);
        bool isLeft = (c & 1) == 0;
        float pan = _values[p.Pan] / 100f;
        float left, right;
        if (linked)
        {
            Balance(pan, out float bl, out float br);
            left = isLeft ? bl : 0f;
            right = isLeft ? 0f : br;
        }
        else
        {
            Dsp.Smoothing.PanLaw.ConstantPower(pan, out left, out right);
        }

        bool toMain = _values[p.Stereo] != 0;
        Set(ref _panLeft[c], toMain ? left : 0f, snap);
        Set(ref _panRight[c], toMain ? right : 0f, snap);
        Set(ref _mono[c], _values[p.Mono] != 0 ? DbToLinear(_values[p.MonoLevel]) : 0f, snap);

        bool solo = _values[p.Solo] != 0;
        _soloAfterFader = _values[_soloMode] != 0;
        float soloLeft = !solo ? 0f : _soloAfterFader ? left : linked ? (isLeft ? 1f : 0f) : 1f;
        float soloRight = !solo ? 0f : _soloAfterFader ? right : linked ? (isLeft ? 0f : 1f) : 1f;
        Set(ref _soloLeft[c], soloLeft, snap);
        Set(ref _soloRight[c], soloRight, snap);

        bool needsPreEq = false;
        for (int b = 0; b < _buses; b++)
        {
            int i = c * _buses + b;
            Set(ref _send[i], DbToLinear(_values[p.SendLevel[b]]), snap);
            _sendTap[i] = (int)_values[p.SendTap[b]];
            needsPreEq |= _sendTap[i] == TapPreEq && !_send[i].IsSilent;
        }

        for (int s = 0; s < _fxSlots; s++)
        {
            int i = c * _fxSlots + s;
            float level = DbToLinear(_values[p.FxLevel[s]]);
            Set(ref _fxSendLeft[i], linked && !isLeft ? 0f : level, snap);
            Set(ref _fxSendRight[i], linked && isLeft ? 0f : level, snap);
            _fxTap[i] = (int)_values[p.FxTap[s]];
            needsPreEq |= _fxTap[i] == TapPreEq && !(_fxSendLeft[i].IsSilent && _fxSendRight[i].IsSilent);
        }

        _needsPreEq[c] = needsPreEq;
        _sendsChanged = true;
    }

    private void ApplyBusMix(int b, StripParameters p, bool snap)
    {
        Set(ref _busFader[b], StripGain(p), snap);
        Dsp.Smoothing.PanLaw.ConstantPower(_values[p.Pan] / 100f, out float left, out float right);
        bool toMain = _values[p.Stereo] != 0;
        Set(ref _busPanLeft[b], toMain ? left : 0f, snap);
        Set(ref _busPanRight[b], toMain ? right : 0f, snap);
        Set(ref _busMono[b], _values[p.Mono] != 0 ? DbToLinear(_values[p.MonoLevel]) : 0f, snap);
        bool solo = _values[p.Solo] != 0;
        bool afl = _values[_soloMode] != 0;
        Set(ref _busSoloLeft[b], solo ? (afl ? left : 1f) : 0f, snap);
        Set(ref _busSoloRight[b], solo ? (afl ? right : 1f) : 0f, snap);
    }

    private void ApplyReturnMix(int s, bool snap)
    {
        var p = _returnParams[s];
        float gain = Muted(p.On) ? 0f : DbToLinear(_values[p.Fader]);
        Balance(_values[p.Pan] / 100f, out float bl, out float br);
        Set(ref _returnLeft[s], gain * bl, snap);
        Set(ref _returnRight[s], gain * br, snap);
        bool solo = _values[p.Solo] != 0;
        Set(ref _returnSoloLeft[s], solo ? 1f : 0f, snap);
        Set(ref _returnSoloRight[s], solo ? 1f : 0f, snap);
    }

    private void ApplyMainMix(bool snap)
    {
        float gain = Muted(_mainParams.On) ? 0f : DbToLinear(_values[_mainParams.Fader]);
        Balance(_values[_mainParams.Pan] / 100f, out float bl, out float br);
        Set(ref _mainLeft, gain * bl, snap);
        Set(ref _mainRight, gain * br, snap);
        Set(ref _soloOut, DbToLinear(_values[_soloLevel]), snap);
        Set(ref _masterWet, _values[_masterBypass] != 0 ? 0f : 1f, snap);
    }

    /// <summary>Fader plus the DCAs it belongs to, or silence when muted by its switch, a DCA or a mute group.</summary>
    private float StripGain(StripParameters p)
    {
        if (Muted(p.On)) return 0f;
        float db = _values[p.Fader];
        if (p.Dca >= 0)
        {
            int dcas = (int)_values[p.Dca];
            for (int d = 0; d < _dcas; d++)
            {
                if ((dcas & (1 << d)) == 0) continue;
                if (_values[_dcaOn[d]] == 0) return 0f;
                db += _values[_dcaFader[d]];
            }
        }

        if (p.MuteGroups >= 0)
        {
            int groups = (int)_values[p.MuteGroups];
            for (int g = 0; g < _muteGroups; g++)
                if ((groups & (1 << g)) != 0 && _values[_muteGroupOn[g]] != 0) return 0f;
        }

        return DbToLinear(db);
    }

    private bool Muted(int onIndex) => onIndex >= 0 && _values[onIndex] == 0;

    private void Set(ref GainRamp ramp, float target, bool snap)
    {
        if (snap) ramp.Snap(target);
        else ramp.SetTarget(target, _gainRampSamples);
    }

    /// <summary>Balance of a stereo source: centre leaves both sides at unity; one side falls as the other stays.</summary>
    private static void Balance(float pan, out float left, out float right)
    {
        Dsp.Smoothing.PanLaw.ConstantPower(pan, out float l, out float r);
        left = Math.Min(1f, l * MathF.Sqrt(2f));
        right = Math.Min(1f, r * MathF.Sqrt(2f));
        if (pan == 0f)
        {
            left = 1f;
            right = 1f;
        }
    }

    private static float DbToLinear(float db) => float.IsNegativeInfinity(db) ? 0f : MathF.Pow(10f, db / 20f);
}
