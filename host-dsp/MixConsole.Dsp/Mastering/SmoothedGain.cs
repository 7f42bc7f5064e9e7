using System.Numerics;
using System.Runtime.InteropServices;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Lanes;
using MixConsole.Dsp.Smoothing;

namespace MixConsole.Dsp.Mastering;

/// <summary>
/// One gain for all channels, ramped linearly (<see cref="RampMs"/>) whenever <see cref="GainDb"/> changes:
/// the chain's input trim and its loudness-target gain (the value the offline pipeline sets after analysis).
/// </summary>
public sealed class SmoothedGain : IAudioProcessor
{
    private readonly LinearSmoother _gain = new(1f);
    private float[] _ramp = [];
    private double _gainDb;

    /// <summary>Gain in dB, -60..+40; moves to the new value over <see cref="RampMs"/>.</summary>
    public double GainDb
    {
        get => _gainDb;
        set
        {
            _gainDb = Math.Clamp(value, -60, 40);
            _gain.SetTarget((float)Decibels.ToGain(_gainDb));
        }
    }

    /// <summary>Ramp length in ms for gain changes (takes effect at the next <see cref="Prepare"/>).</summary>
    public double RampMs { get; set; } = 20;

    /// <inheritdoc />
    public int LatencyFrames => 0;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        spec.Validate();
        _gain.Prepare(spec.SampleRateHz, RampMs);
        _ramp = new float[spec.MaxBlockFrames];
        Reset();
    }

    /// <inheritdoc />
    public void Reset() => _gain.Reset();

    /// <inheritdoc />
    public void Process(AudioBuffer buffer, int frames)
    {
        if (!_gain.IsSmoothing)
        {
            // At rest every sample is times the target (unity changes no bit), and the smoother does not move.
            for (int c = 0; c < buffer.Channels; c++) _gain.ApplyGain(buffer.Channel(c, frames));
            return;
        }
        Span<float> ramp = _ramp.AsSpan(0, frames);
        _gain.Fill(ramp);
        for (int c = 0; c < buffer.Channels; c++)
        {
            Span<float> x = buffer.Channel(c, frames);
            VectorMath.Multiply(x, ramp, x);
        }
    }
}
