using MixConsole.Dsp.Core;
using MixConsole.Dsp.Loudness;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Mixer.Strips;

namespace MixConsole.Engine.Metering;

/// <summary>
/// The audio thread's meter window: levels accumulated as the graph runs (per channel before and after the
/// fader, buses, effect returns, main, mono, solo), main loudness, and, once a window of 1/30 s is full, one
/// frame published through <see cref="MixerMeters"/>' SPSC ring. Allocates nothing after <see cref="Prepare"/>.
/// </summary>
internal sealed class MixerMetering
{
    private readonly MeterLayout _layout;
    private readonly MixerMeters _meters;
    private readonly LoudnessMeter _loudness = new();
    private readonly int _channels, _buses, _fxSlots;
    private int _windowFrames = 1600;
    private int _frames;
    private int _loudnessResetRequested;

    public MixerMetering(ConsoleConfig config)
    {
        _channels = config.InputStrips;
        _buses = config.Buses;
        _fxSlots = config.FxSlots;
        _layout = new MeterLayout(config);
        _meters = new MixerMeters(_layout);
        ChannelPre = new LevelAccumulator[_channels];
        ChannelPost = new LevelAccumulator[_channels];
        Bus = new LevelAccumulator[_buses];
        Return = new LevelAccumulator[_fxSlots * 2];
    }

    /// <summary>The published stream.</summary>
    public MixerMeters Meters => _meters;

    /// <summary>Per channel, before the fader.</summary>
    public LevelAccumulator[] ChannelPre { get; }

    /// <summary>Per channel, after the fader.</summary>
    public LevelAccumulator[] ChannelPost { get; }

    /// <summary>Per bus, after its fader.</summary>
    public LevelAccumulator[] Bus { get; }

    /// <summary>Per effect return strip (slot 1 left, slot 1 right, ...), after its fader.</summary>
    public LevelAccumulator[] Return { get; }

    /// <summary>A bus's input level (the fused fader pass measures it; not published).</summary>
    public LevelAccumulator BusInput;

    /// <summary>An effect return's level before its fader (measured by the same pass; not published).</summary>
    public LevelAccumulator ReturnInput;

    /// <summary>Main left after the master chain.</summary>
    public LevelAccumulator MainLeft;

    /// <summary>Main right after the master chain.</summary>
    public LevelAccumulator MainRight;

    /// <summary>Mono bus.</summary>
    public LevelAccumulator Mono;

    /// <summary>Solo left.</summary>
    public LevelAccumulator SoloLeft;

    /// <summary>Solo right.</summary>
    public LevelAccumulator SoloRight;

    /// <summary>The matrices whose levels and gain reduction each frame carries (none until the engine sets them).</summary>
    public Mixer.MatrixMixer? Matrices { get; set; }

    /// <summary>Sizes the loudness meter and the window for <paramref name="sampleRateHz"/>.</summary>
    public void Prepare(double sampleRateHz, int maxBlockFrames)
    {
        _loudness.Prepare(new ProcessSpec(sampleRateHz, maxBlockFrames, 2), null, LoudnessMeterOptions.LoudnessOnly);
        _windowFrames = Math.Max(1, (int)Math.Round(sampleRateHz / MixerMeters.PublishRateHz));
    }

    /// <summary>Restarts loudness and the window.</summary>
    public void Reset(StripBank channels, StripBank buses, StripBank main)
    {
        _loudness.Reset();
        ClearWindow(channels, buses, main);
    }

    /// <summary>Control thread: asks for the integrated loudness to restart at the next block.</summary>
    public void RequestLoudnessReset() => Interlocked.Exchange(ref _loudnessResetRequested, 1);

    /// <summary>Audio thread, block start: restarts the integrated loudness if asked to.</summary>
    public void BeginBlock()
    {
        if (Interlocked.Exchange(ref _loudnessResetRequested, 0) != 0) _loudness.Reset();
    }

    /// <summary>
    /// Adds a block of main output (after the master chain) to main's levels and loudness; the loudness reuses a
    /// <see cref="LiveMasterChain"/>'s K-weighting of its output when that is, bit for bit, what main plays.
    /// </summary>
    public void AddMain(AudioBuffer main, int frames, IAudioProcessor? chain)
    {
        MainLeft.Add(main.Channel(0, frames));
        MainRight.Add(main.Channel(1, frames));
        _loudness.Process(main, frames, (chain as LiveMasterChain)?.OutputMeter);
    }

    /// <summary>Counts <paramref name="frames"/> more frames into the window and publishes it when full.</summary>
    public void EndBlock(int frames, long position, double sampleRateHz, StripBank channels, StripBank buses, StripBank main)
    {
        _frames += frames;
        if (_frames >= _windowFrames) Publish(position, sampleRateHz, channels, buses, main);
    }

    private void Publish(long position, double sampleRateHz, StripBank channelBank, StripBank busBank, StripBank mainBank)
    {
        Span<float> f = _meters.PendingFrame;
        int frames = _frames;
        f[_layout.Seconds] = (float)(position / sampleRateHz);
        for (int c = 0; c < _channels; c++)
        {
            int o = _layout.ChannelPeakPreFader(c);
            f[o] = ChannelPre[c].Peak;
            f[o + 1] = ChannelPre[c].Rms(frames);
            f[o + 2] = ChannelPost[c].Peak;
            f[o + 3] = ChannelPost[c].Rms(frames);
            f[o + 4] = channelBank.GateGainReductionDb(c);
            f[o + 5] = channelBank.CompressorGainReductionDb(c);
        }

        for (int b = 0; b < _buses; b++)
        {
            int o = _layout.BusPeak(b);
            f[o] = Bus[b].Peak;
            f[o + 1] = Bus[b].Rms(frames);
            f[o + 2] = busBank.CompressorGainReductionDb(b);
        }

        for (int s = 0; s < _fxSlots; s++)
        {
            int o = _layout.FxReturnPeak(s);
            f[o] = Return[2 * s].Peak;
            f[o + 1] = Return[2 * s + 1].Peak;
            f[o + 2] = Return[2 * s].Rms(frames);
            f[o + 3] = Return[2 * s + 1].Rms(frames);
        }

        int m = _layout.Main;
        f[m] = MainLeft.Peak;
        f[m + 1] = MainRight.Peak;
        f[m + 2] = MainLeft.Rms(frames);
        f[m + 3] = MainRight.Rms(frames);
        f[m + 4] = mainBank.CompressorGainReductionDb(0);
        f[_layout.Mono] = Mono.Peak;
        f[_layout.Mono + 1] = Mono.Rms(frames);
        f[_layout.Solo] = SoloLeft.Peak;
        f[_layout.Solo + 1] = SoloRight.Peak;
        int l = _layout.Loudness;
        f[l] = Lufs(_loudness.MomentaryLufs);
        f[l + 1] = Lufs(_loudness.ShortTermLufs);
        f[l + 2] = _loudness.TryGetIntegratedLufs(out double integrated) ? Lufs(integrated) : MeterLayout.SilenceLufs;
        PublishMatrices(f, frames);
        _meters.Publish();
        ClearWindow(channelBank, busBank, mainBank);
    }

    private static float Lufs(double lufs) => double.IsFinite(lufs) ? (float)Math.Max(lufs, MeterLayout.SilenceLufs) : MeterLayout.SilenceLufs;

    private void ClearWindow(StripBank channelBank, StripBank busBank, StripBank mainBank)
    {
        _frames = 0;
        for (int c = 0; c < _channels; c++)
        {
            ChannelPre[c].Clear();
            ChannelPost[c].Clear();
        }

        for (int b = 0; b < _buses; b++) Bus[b].Clear();
        for (int i = 0; i < Return.Length; i++) Return[i].Clear();
        MainLeft.Clear();
        MainRight.Clear();
        Mono.Clear();
        SoloLeft.Clear();
        SoloRight.Clear();
        channelBank.ClearGainReductionMeters();
        busBank.ClearGainReductionMeters();
        mainBank.ClearGainReductionMeters();
        Matrices?.ClearMeters();
    }

    private void PublishMatrices(Span<float> f, int frames)
    {
        if (Matrices is not { } matrices) return;
        for (int m = 0; m < matrices.Count; m++)
        {
            int o = _layout.MatrixPeak(m);
            f[o] = matrices.Levels[m].Peak;
            f[o + 1] = matrices.Levels[m].Rms(frames);
            f[o + 2] = matrices.Bank.CompressorGainReductionDb(m);
        }
    }
}
