using MixConsole.Engine.Metering;

namespace MixConsole.Control.Meters;

/// <summary>
/// Serves the mixer engine's meter frames (published by the audio thread through its lock-free ring) in
/// the OSC layout: peaks stay linear; the engine's gain reduction in dB becomes a linear gain (6 dB of
/// reduction reads 0.5). Every frame waiting is read, so the RMS (<see cref="RmsWindow"/>) integrates each window.
/// Read from one control thread only (the ring has one consumer).
/// </summary>
public sealed class MixerMeterSource : IMeterSource
{
    private readonly MixerMeters _meters;
    private readonly float[] _frame;
    private readonly RmsWindow _rms;
    private readonly float[] _windowRms;
    private readonly int _mixRms; // RMS of channels, buses, main left and right: the effect returns' follow

    /// <summary>Reads frames from <paramref name="meters"/>.</summary>
    public MixerMeterSource(MixerMeters meters)
    {
        _meters = meters ?? throw new ArgumentNullException(nameof(meters));
        Layout = OscMeterLayout.For(meters.Layout.Config);
        _frame = new float[meters.Layout.FrameLength];
        _mixRms = Layout.Channels + Layout.Buses + 2;
        _rms = new RmsWindow(_mixRms + 2 * Layout.FxSlots);
        _windowRms = new float[_rms.Meters];
    }

    /// <inheritdoc/>
    public OscMeterLayout Layout { get; }

    /// <inheritdoc/>
    public bool TryReadLatest(Span<float> linear)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(linear.Length, Layout.Count, nameof(linear));
        bool any = false;
        while (_meters.TryRead(_frame))
        {
            any = true;
            AddRmsWindow();
        }

        if (!any)
        {
            return false;
        }

        MeterLayout engine = _meters.Layout;
        for (int c = 0; c < Layout.Channels; c++)
        {
            linear[Layout.ChannelPreFader(c)] = _frame[engine.ChannelPeakPreFader(c)];
            linear[Layout.ChannelPostFader(c)] = _frame[engine.ChannelPeakPostFader(c)];
            linear[Layout.ChannelGateGain(c)] = OscMeterLayout.GainOfReduction(_frame[engine.ChannelGateReduction(c)]);
            linear[Layout.ChannelCompressorGain(c)] = OscMeterLayout.GainOfReduction(_frame[engine.ChannelCompressorReduction(c)]);
        }

        for (int b = 0; b < Layout.Buses; b++)
        {
            linear[Layout.BusPostFader(b)] = _frame[engine.BusPeak(b)];
        }

        linear[Layout.MainLeft] = _frame[engine.Main];
        linear[Layout.MainRight] = _frame[engine.Main + 1];
        linear[Layout.MainMono] = _frame[engine.Mono];
        for (int a = 0; a < Layout.AuxInputs; a++)
        {
            // Aux inputs are the engine's input strips after the channels.
            linear[Layout.AuxInputPostFader(a)] = _frame[engine.ChannelPeakPostFader(Layout.Channels + a)];
        }

        for (int s = 0; s < Layout.FxSlots; s++)
        {
            linear[Layout.FxReturnPostFader(2 * s)] = _frame[engine.FxReturnPeak(s)];
            linear[Layout.FxReturnPostFader(2 * s + 1)] = _frame[engine.FxReturnPeak(s) + 1];
        }

        for (int m = 0; m < Layout.Matrices; m++)
        {
            linear[Layout.MatrixPostFader(m)] = _frame[engine.MatrixPeak(m)];
        }

        WriteScreenSection(linear, engine);
        return true;
    }

    // RMS in the order of the screen section: channels, buses, main left and right, then the effect returns' sides.
    private void AddRmsWindow()
    {
        MeterLayout engine = _meters.Layout;
        int channels = Layout.Channels, buses = Layout.Buses;
        for (int c = 0; c < channels; c++) _windowRms[c] = _frame[engine.ChannelRmsPostFader(c)];
        for (int b = 0; b < buses; b++) _windowRms[channels + b] = _frame[engine.BusRms(b)];
        _windowRms[channels + buses] = _frame[engine.Main + 2];
        _windowRms[channels + buses + 1] = _frame[engine.Main + 3];
        for (int s = 0; s < Layout.FxSlots; s++)
        {
            _windowRms[_mixRms + 2 * s] = _frame[engine.FxReturnRms(s)];
            _windowRms[_mixRms + 2 * s + 1] = _frame[engine.FxReturnRms(s) + 1];
        }

        _rms.Add(_windowRms);
    }

    private void WriteScreenSection(Span<float> linear, MeterLayout engine)
    {
        for (int i = 0; i < _mixRms; i++) linear[Layout.FirstScreenValue + i] = _rms.Rms(i);
        for (int side = 0; side < 2 * Layout.FxSlots; side++) linear[Layout.FxReturnRms(side)] = _rms.Rms(_mixRms + side);
        for (int b = 0; b < Layout.Buses; b++)
        {
            linear[Layout.BusCompressorGain(b)] = OscMeterLayout.GainOfReduction(_frame[engine.BusCompressorReduction(b)]);
        }

        linear[Layout.MainCompressorGain] = OscMeterLayout.GainOfReduction(_frame[engine.Main + 4]);
    }
}
