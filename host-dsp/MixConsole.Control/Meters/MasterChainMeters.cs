using MixConsole.Dsp.Core;
using MixConsole.Engine.Metering;

namespace MixConsole.Control.Meters;

/// <summary>
/// The mastering box's meter section, gathered from the output tap's records on the control side: input and output
/// peaks and the limiter's and each band's gain reduction, each the highest (deepest) over the last complete
/// <see cref="HoldSeconds"/> of audio, so every reader sees the same values however often it reads; and the output's
/// left/right correlation (Pearson's, over an exponential window of <see cref="CorrelationSeconds"/>). Not thread-safe:
/// its owner serialises <see cref="Add"/> and <see cref="TryTake"/>. Allocation-free.
/// </summary>
internal sealed class MasterChainMeters
{
    /// <summary>Window over which peaks and reductions are held: the X32's meter interval.</summary>
    public const double HoldSeconds = 0.05;

    /// <summary>Time constant of the correlation's window: long enough to read, short enough to follow a song's sections.</summary>
    public const double CorrelationSeconds = 0.3;

    // Below this the output is silence for correlation purposes (-100 dBFS mean square per channel).
    private const double SilentEnergy = 1e-10;

    // Input L, R, output L, R, limiter dB, band dB x 4: gathered now, and as of the last complete window.
    private const int Held = 5 + OscMeterLayout.MasterBands;
    private readonly float[] _gathering = new float[Held];
    private readonly float[] _shown = new float[Held];
    private readonly int _holdFrames;
    private readonly double _framesPerWindow;
    private int _gatheredFrames;
    private double _ll, _rr, _lr, _weight;
    private bool _fresh;

    public MasterChainMeters(double sampleRateHz)
    {
        _holdFrames = Math.Max(1, (int)(sampleRateHz * HoldSeconds));
        _framesPerWindow = sampleRateHz * CorrelationSeconds;
    }

    /// <summary>Folds in one record of the chain's output and what the chain reported with it.</summary>
    public void Add(AudioBuffer stereo, int frames, in MasterChainReadings readings)
    {
        ReadOnlySpan<float> left = stereo.Channel(0, frames), right = stereo.Channel(1, frames);
        double ll = 0, rr = 0, lr = 0;
        float peakLeft = 0, peakRight = 0;
        for (int i = 0; i < frames; i++)
        {
            float l = left[i], r = right[i];
            ll += l * l;
            rr += r * r;
            lr += l * r;
            peakLeft = MathF.Max(peakLeft, MathF.Abs(l));
            peakRight = MathF.Max(peakRight, MathF.Abs(r));
        }

        double decay = Math.Exp(-frames / _framesPerWindow);
        _ll = decay * _ll + ll;
        _rr = decay * _rr + rr;
        _lr = decay * _lr + lr;
        _weight = decay * _weight + frames;

        Span<float> g = _gathering;
        Hold(g, 0, readings.InputPeakLeft);
        Hold(g, 1, readings.InputPeakRight);
        Hold(g, 2, peakLeft);
        Hold(g, 3, peakRight);
        Hold(g, 4, readings.LimiterReductionDb);
        for (int b = 0; b < OscMeterLayout.MasterBands; b++) Hold(g, 5 + b, readings.BandReductionDb(b));
        _gatheredFrames += frames;
        if (_gatheredFrames >= _holdFrames)
        {
            g.CopyTo(_shown);
            g.Clear();
            _gatheredFrames = 0;
        }

        _fresh = true;
    }

    /// <summary>
    /// Writes the section into <paramref name="linear"/> at <paramref name="layout"/>'s indices (and the output peaks as the
    /// main bus's); false, leaving the destination alone, when no audio arrived since the last take.
    /// </summary>
    public bool TryTake(Span<float> linear, OscMeterLayout layout)
    {
        if (!_fresh) return false;
        _fresh = false;
        linear[layout.MasterInputPeak(0)] = _shown[0];
        linear[layout.MasterInputPeak(1)] = _shown[1];
        linear[layout.MasterOutputPeak(0)] = linear[layout.MainLeft] = _shown[2];
        linear[layout.MasterOutputPeak(1)] = linear[layout.MainRight] = _shown[3];
        linear[layout.MasterLimiterGain] = OscMeterLayout.GainOfReduction(_shown[4]);
        for (int b = 0; b < OscMeterLayout.MasterBands; b++) linear[layout.MasterBandGain(b)] = OscMeterLayout.GainOfReduction(_shown[5 + b]);
        linear[layout.MasterCorrelation] = Correlation();
        return true;
    }

    private static void Hold(Span<float> values, int at, float value)
    {
        if (value > values[at]) values[at] = value;
    }

    private float Correlation()
    {
        // Either side silent: nothing to correlate, the meter rests at the centre.
        if (_weight <= 0 || _ll / _weight < SilentEnergy || _rr / _weight < SilentEnergy) return 0f;
        return (float)Math.Clamp(_lr / Math.Sqrt(_ll * _rr), -1.0, 1.0);
    }
}
