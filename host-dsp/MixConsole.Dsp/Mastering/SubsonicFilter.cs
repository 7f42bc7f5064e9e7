using MixConsole.Dsp.Core;
using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Mastering;

/// <summary>
/// DC and subsonic high-pass: a Butterworth cascade (default 20 Hz, 24 dB/oct) per channel, removing offset
/// and rumble that would waste limiter headroom without being heard.
/// </summary>
public sealed class SubsonicFilter : IAudioProcessor
{
    private Biquad[][] _sections = [];
    private double _sampleRateHz = 48000;
    private double _frequencyHz = 20;
    private FilterSlope _slope = FilterSlope.Db24PerOctave;

    /// <summary>Corner frequency in Hz, 5..200; retuning keeps the filter state.</summary>
    public double FrequencyHz
    {
        get => _frequencyHz;
        set { _frequencyHz = Math.Clamp(value, 5, 200); Design(); }
    }

    /// <summary>Slope of the cut.</summary>
    public FilterSlope Slope
    {
        get => _slope;
        set { _slope = value; Design(); }
    }

    /// <inheritdoc />
    public int LatencyFrames => 0;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        spec.Validate();
        _sampleRateHz = spec.SampleRateHz;
        _sections = new Biquad[spec.Channels][];
        for (int c = 0; c < spec.Channels; c++) _sections[c] = [new Biquad(), new Biquad()];
        Design();
    }

    /// <inheritdoc />
    public void Reset()
    {
        foreach (var channel in _sections) foreach (var s in channel) s.Reset();
    }

    /// <inheritdoc />
    public void Process(AudioBuffer buffer, int frames)
    {
        int channels = Math.Min(buffer.Channels, _sections.Length), c = 0;
        // Channels in pairs: two channels' recurrences overlap, with the same samples as one channel at a time.
        for (; c + 1 < channels; c += 2)
        {
            Biquad.ProcessCascadePair(_sections[c][0], _sections[c][1], buffer.Channel(c, frames),
                _sections[c + 1][0], _sections[c + 1][1], buffer.Channel(c + 1, frames));
        }
        if (c < channels) Biquad.ProcessCascade(_sections[c][0], _sections[c][1], buffer.Channel(c, frames));
    }

    private void Design()
    {
        ButterworthCascade cascade = ButterworthCascade.HighPass(_sampleRateHz, _frequencyHz, _slope);
        foreach (var channel in _sections)
            for (int s = 0; s < 2; s++)
                channel[s].Update(s < cascade.SectionCount ? cascade[s] : BiquadCoefficients.Identity);
    }
}
