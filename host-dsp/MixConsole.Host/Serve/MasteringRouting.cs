using MixConsole.Dsp.Core;
using MixConsole.Dsp.Lanes;
using MixConsole.Dsp.Mastering;
using MixConsole.Dsp.Preview;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Metering;
using MixConsole.Engine.Parameters;

namespace MixConsole.Host.Serve;

/// <summary>
/// The mastering box's signal path: inputs 1-2 straight into the live master chain and out on outputs 1-2
/// (no console strips in the way, so nothing but the chain touches the sound). The chain's output, the input's peaks
/// and the limiter's and multiband's gain reductions also go to the control side's meters through <see cref="Tap"/>.
/// With four outputs, 3-4 are the monitor: the print through <see cref="Monitor"/> (the translation preview,
/// /master/preview), while 1-2 stay the print, untouched by it. Allocation-free per block.
/// </summary>
internal sealed class MasteringRouting
{
    private readonly LiveMasterChain _chain;
    private readonly double _sampleRateHz;
    private AudioBuffer _stereo, _monitor;
    private ParameterStore? _previewStore;
    private int _previewIndex;

    public MasteringRouting(LiveMasterChain chain, double sampleRateHz, int maxBlockFrames)
    {
        _chain = chain;
        _sampleRateHz = sampleRateHz;
        _chain.Prepare(new ProcessSpec(sampleRateHz, maxBlockFrames, 2));
        _stereo = new AudioBuffer(2, maxBlockFrames);
        _monitor = new AudioBuffer(2, maxBlockFrames);
        Monitor.Prepare(new ProcessSpec(sampleRateHz, maxBlockFrames, 2));
        Tap = new MasterOutputTap(sampleRateHz);
    }

    /// <summary>Where /master/record sends the print (set before the audio starts); null: no recording.</summary>
    public MasterRecorder? Recorder { get; set; }

    /// <summary>The translation preview on outputs 3-4 (the monitor); the print on 1-2 never passes through it.</summary>
    public PreviewMonitor Monitor { get; } = new();

    /// <summary>Reads /master/preview from <paramref name="store"/> once per block from now on (a scalar read, no lock).</summary>
    public void FollowPreview(ParameterStore store)
    {
        _previewIndex = store.Table.Bind(ConsoleAddressSpace.PreviewKey).Index;
        _previewStore = store;
    }

    /// <summary>The chain's output on its way to the control side's meters.</summary>
    public MasterOutputTap Tap { get; }

    /// <summary>Follows a longer period (off the audio thread, between blocks): the chain is prepared again, which clears its history.</summary>
    public bool TryPrepareForPeriod(int maxFrames)
    {
        if (maxFrames <= _stereo.CapacityFrames) return true;
        _chain.Prepare(new ProcessSpec(_sampleRateHz, maxFrames, 2));
        _stereo = new AudioBuffer(2, maxFrames);
        _monitor = new AudioBuffer(2, maxFrames);
        Monitor.Prepare(new ProcessSpec(_sampleRateHz, maxFrames, 2));
        return true;
    }

    public void Process(AudioBuffer input, AudioBuffer output, int frames)
    {
        var readings = new MasterChainReadings();
        for (int c = 0; c < 2; c++)
        {
            Span<float> x = _stereo.Channel(c, frames);
            if (c < input.Channels) input.Channel(c, frames).CopyTo(x);
            else x.Clear();
            float peak = VectorMath.AbsMax(x);
            if (c == 0) readings.InputPeakLeft = peak;
            else readings.InputPeakRight = peak;
        }

        _chain.Process(_stereo, frames);
        MasterChain chain = _chain.Chain;
        readings.LimiterReductionDb = chain.Limiter.GainReductionDb;
        readings.Band0ReductionDb = chain.Multiband.GainReductionDb(0);
        readings.Band1ReductionDb = chain.Multiband.GainReductionDb(1);
        readings.Band2ReductionDb = chain.Multiband.GainReductionDb(2);
        readings.Band3ReductionDb = chain.Multiband.GainReductionDb(3);
        Tap.Write(_stereo, frames, readings);
        Recorder?.Write(_stereo, frames);
        bool monitored = output.Channels >= 4;
        if (monitored)
        {
            if (_previewStore is { } store) Monitor.Target = (PreviewSystem)(int)store.GetReal(_previewIndex);
            for (int c = 0; c < 2; c++) _stereo.Channel(c, frames).CopyTo(_monitor.Channel(c, frames));
            Monitor.Process(_monitor, frames);
        }

        for (int c = 0; c < output.Channels; c++)
        {
            Span<float> y = output.Channel(c, frames);
            if (c < 2) _stereo.Channel(c, frames).CopyTo(y);
            else if (monitored && c < 4) _monitor.Channel(c - 2, frames).CopyTo(y);
            else y.Clear();
        }
    }
}
