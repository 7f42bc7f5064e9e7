using MixConsole.Dsp.Core;

namespace MixConsole.Dsp.Mastering;

/// <summary>
/// The master chain: input trim → DC/subsonic high-pass → EQ → multiband compressor → stereo imager →
/// saturation → loudness-target gain → true-peak limiter → dither (only when <see cref="OutputBitDepth"/> is
/// an integer word length). Every stage can be bypassed at any time through its own <see cref="BypassCrossfade"/>:
/// the stage's input delayed by the stage's latency, crossfaded in and out, so <see cref="LatencyFrames"/> (the sum
/// of the stages' latencies, fixed at <see cref="Prepare"/>) never changes while playing and a switch never clicks
/// or combs. A bypassed stage stops running once faded out (saturation, bypassed by default, is costly); when it
/// comes back it is reset and primed with the input of its latency, so its lookahead is current, then faded in.
/// Offline, <see cref="Render"/> drains the tail and drops the latency: output length equals input length,
/// sample-aligned.
/// </summary>
public sealed class MasterChain : IAudioProcessor
{
    private readonly IAudioProcessor[] _stages;
    private readonly bool[] _bypassed = new bool[9];
    private readonly int[] _latency = new int[9];
    private readonly BypassCrossfade[] _fades = new BypassCrossfade[9];
    // Per stage, what its fade last settled on (0 = wet, 1 = dry; -1 = fading, or not known since the reset): a stage
    // without latency settled where its bypass still points leaves its fade, cold after the rest of the console ran, alone.
    private readonly sbyte[] _settled = new sbyte[9];
    private int _maxBlockFrames;
    private double _sampleRateHz;

    /// <summary>Creates a chain with every stage at neutral settings except the limiter (-1 dBTP) and the subsonic filter (20 Hz).</summary>
    public MasterChain()
    {
        _stages = [InputTrim, Subsonic, Eq, Multiband, Imager, Saturation, LoudnessGain, Limiter, Dither];
        for (int s = 0; s < _fades.Length; s++) _fades[s] = new BypassCrossfade();
        _bypassed[(int)MasterStage.Saturation] = true;
        for (int b = 0; b < 4; b++) Multiband.Band(b).Ratio = 1;
        Imager.BassMono = false;
    }

    /// <summary>Input trim.</summary>
    public SmoothedGain InputTrim { get; } = new();

    /// <summary>DC/subsonic high-pass.</summary>
    public SubsonicFilter Subsonic { get; } = new();

    /// <summary>Master EQ (set <see cref="MasterEq.LinearPhase"/> before <see cref="Prepare"/> for offline linear phase).</summary>
    public MasterEq Eq { get; } = new();

    /// <summary>Multiband compressor (neutral: every band at ratio 1).</summary>
    public MultibandCompressor Multiband { get; } = new();

    /// <summary>Stereo imager (neutral: widths 100 %, bass mono off).</summary>
    public StereoImager Imager { get; } = new();

    /// <summary>Saturation (bypassed by default).</summary>
    public Saturator Saturation { get; } = new();

    /// <summary>The gain the loudness pipeline sets to reach its target.</summary>
    public SmoothedGain LoudnessGain { get; } = new();

    /// <summary>True-peak limiter.</summary>
    public TruePeakLimiter Limiter { get; } = new();

    /// <summary>Dither, used only when <see cref="OutputBitDepth"/> is 16 or 24.</summary>
    public TpdfDither Dither { get; } = new();

    /// <summary>Word length of the delivered file: 0 for float (no dither), else 16 or 24 (dither last).</summary>
    public int OutputBitDepth
    {
        get => _outputBitDepth;
        set
        {
            if (value != 0 && value != 16 && value != 24) throw new ArgumentOutOfRangeException(nameof(value), value, "0 (float), 16 or 24");
            _outputBitDepth = value;
            if (value != 0) Dither.BitDepth = value;
        }
    }
    private int _outputBitDepth;

    /// <summary>Bypasses or re-enables <paramref name="stage"/>: a crossfade of <see cref="BypassCrossfade.DefaultFadeMs"/> from the next block (at once after <see cref="Reset"/>); latency is unchanged.</summary>
    public void SetBypass(MasterStage stage, bool bypassed) => _bypassed[(int)stage] = bypassed;

    /// <summary>True when <paramref name="stage"/> is bypassed.</summary>
    public bool IsBypassed(MasterStage stage) => _bypassed[(int)stage];

    /// <summary>Latency of <paramref name="stage"/> in frames, as prepared.</summary>
    public int StageLatencyFrames(MasterStage stage) => _latency[(int)stage];

    /// <inheritdoc />
    public int LatencyFrames { get; private set; }

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        spec.Validate();
        _maxBlockFrames = spec.MaxBlockFrames;
        _sampleRateHz = spec.SampleRateHz;
        LatencyFrames = 0;
        for (int s = 0; s < _stages.Length; s++)
        {
            _stages[s].Prepare(spec);
            _latency[s] = _stages[s].LatencyFrames;
            LatencyFrames += _latency[s];
            _fades[s].Prepare(spec, _latency[s]);
        }
        Reset();
    }

    /// <inheritdoc />
    public void Reset()
    {
        foreach (var stage in _stages) stage.Reset();
        for (int s = 0; s < _stages.Length; s++)
        {
            _fades[s].Bypassed = IsEffectivelyBypassed(s);
            _fades[s].Reset();
            _settled[s] = -1;
        }
    }

    /// <inheritdoc />
    public void Process(AudioBuffer buffer, int frames)
    {
        for (int s = 0; s < _stages.Length; s++)
        {
            bool bypassed = IsEffectivelyBypassed(s);
            if (_latency[s] == 0 && _settled[s] == (bypassed ? 1 : 0))
            {
                // Without latency the dry path is the input itself: a settled fade has nothing to keep or mix.
                if (!bypassed) ProcessStage(s, buffer, frames);
                continue;
            }
            BypassCrossfade fade = _fades[s];
            ProcessWithFade(s, fade, bypassed, buffer, frames);
            _settled[s] = (sbyte)(fade.IsWetSettled ? 0 : fade.IsDrySettled ? 1 : -1);
        }
    }

    private void ProcessWithFade(int s, BypassCrossfade fade, bool bypassed, AudioBuffer buffer, int frames)
    {
        bool wasDry = fade.IsDrySettled;
        fade.Bypassed = bypassed;
        if (fade.IsWetSettled)
        {
            // Settled on the stage, Apply would leave its output as it is; the dry delay is kept for a later switch.
            if (fade.LatencyFrames != 0) fade.Capture(buffer, frames);
            ProcessStage(s, buffer, frames);
            return;
        }
        if (fade.IsDrySettled)
        {
            if (fade.LatencyFrames == 0) return;
            fade.Capture(buffer, frames);
            fade.Apply(buffer, frames);
            return;
        }

        if (wasDry) fade.Prime(_stages[s]);
        fade.Capture(buffer, frames);
        ProcessStage(s, buffer, frames);
        fade.Apply(buffer, frames);
    }

    // The stages by their own types: one interface call site shared by nine types dispatched through a slow resolve stub.
    private void ProcessStage(int stage, AudioBuffer buffer, int frames)
    {
        switch ((MasterStage)stage)
        {
            case MasterStage.InputTrim: InputTrim.Process(buffer, frames); break;
            case MasterStage.Subsonic: Subsonic.Process(buffer, frames); break;
            case MasterStage.Eq: Eq.Process(buffer, frames); break;
            case MasterStage.Multiband: Multiband.Process(buffer, frames); break;
            case MasterStage.Imager: Imager.Process(buffer, frames); break;
            case MasterStage.Saturation: Saturation.Process(buffer, frames); break;
            case MasterStage.LoudnessGain: LoudnessGain.Process(buffer, frames); break;
            case MasterStage.Limiter: Limiter.Process(buffer, frames); break;
            default: Dither.Process(buffer, frames); break;
        }
    }

    /// <summary>
    /// Masters whole planar channels offline with this (prepared) chain: resets, processes in blocks, feeds
    /// <see cref="LatencyFrames"/> of silence to drain the tail and drops the first <see cref="LatencyFrames"/>
    /// output frames, so every output channel has the input's length and is sample-aligned with it.
    /// </summary>
    public float[][] Render(IReadOnlyList<float[]> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_maxBlockFrames == 0) throw new InvalidOperationException("Prepare the chain before rendering.");
        int channels = input.Count, frames = channels == 0 ? 0 : input[0].Length, latency = LatencyFrames;
        var output = new float[channels][];
        for (int c = 0; c < channels; c++) output[c] = new float[frames];
        var buffer = new AudioBuffer(Math.Max(channels, 1), _maxBlockFrames);
        Reset();
        long total = (long)frames + latency;
        for (long start = 0; start < total; start += _maxBlockFrames)
        {
            int n = (int)Math.Min(_maxBlockFrames, total - start);
            for (int c = 0; c < channels; c++)
            {
                Span<float> dst = buffer.Channel(c, n);
                dst.Clear();
                int available = (int)Math.Clamp(frames - start, 0, n);
                if (available > 0) input[c].AsSpan((int)start, available).CopyTo(dst);
            }
            Process(buffer, n);
            // Output frame i corresponds to input frame i - latency.
            long firstOut = start - latency;
            int skip = (int)Math.Max(0, -firstOut);
            for (int c = 0; c < channels; c++)
                if (skip < n) buffer.Channel(c, n)[skip..].CopyTo(output[c].AsSpan((int)(firstOut + skip)));
        }
        return output;
    }

    /// <summary>Sample rate the chain was prepared for, in hertz.</summary>
    public double SampleRateHz => _sampleRateHz;

    private bool IsEffectivelyBypassed(int stage) => _bypassed[stage] || (stage == (int)MasterStage.Dither && _outputBitDepth == 0);
}
