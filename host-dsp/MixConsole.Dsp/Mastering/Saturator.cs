using MixConsole.Dsp.Core;
using MixConsole.Dsp.Oversampling;
using MixConsole.Dsp.Smoothing;

namespace MixConsole.Dsp.Mastering;

/// <summary>
/// Gentle tape-style saturation: tanh soft clipping at <see cref="Oversampler"/> 4x so the harmonics it
/// makes do not fold back as aliases. Small signals pass at unity (the curve is divided by the drive), so
/// <see cref="DriveDb"/> sets how early the curve bends, not the level. <see cref="Mix"/> blends with the
/// dry signal, delayed to match. Drive and mix glide linearly per sample (<see cref="GlideMs"/>) so moving them never clicks.
/// </summary>
public sealed class Saturator : IAudioProcessor
{
    private readonly Oversampler _oversampler = new(4);
    private float[][] _dryDelay = [];
    private int _dryPos;
    private readonly float[] _scratch = new float[4];
    private readonly LinearSmoother _driveGain = new(1f), _mix = new(1f);
    private double _driveDb = 6, _targetMix = 1;

    /// <summary>Time a drive or mix change takes, in milliseconds.</summary>
    public const double GlideMs = 10;

    /// <summary>Drive into the curve in dB, 0..24: 0 dB bends full-scale peaks by about 2 dB, 12 dB by much more.</summary>
    public double DriveDb
    {
        get => _driveDb;
        set => _driveDb = Math.Clamp(value, 0, 24);
    }

    /// <summary>Wet share, 0 (dry) .. 1 (fully saturated).</summary>
    public double Mix
    {
        get => _targetMix;
        set => _targetMix = Math.Clamp(value, 0, 1);
    }

    /// <inheritdoc />
    public int LatencyFrames => _oversampler.LatencyFrames;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        spec.Validate();
        _oversampler.Prepare(spec.Channels);
        _dryDelay = new float[spec.Channels][];
        for (int c = 0; c < spec.Channels; c++) _dryDelay[c] = new float[LatencyFrames + 1];
        _driveGain.Prepare(spec.SampleRateHz, GlideMs);
        _mix.Prepare(spec.SampleRateHz, GlideMs);
        Reset();
    }

    /// <inheritdoc />
    public void Reset()
    {
        _oversampler.Reset();
        foreach (var d in _dryDelay) Array.Clear(d);
        _dryPos = 0;
        _driveGain.SnapTo((float)Decibels.ToGain(_driveDb));
        _mix.SnapTo((float)_targetMix);
    }

    /// <inheritdoc />
    public void Process(AudioBuffer buffer, int frames)
    {
        int channels = Math.Min(buffer.Channels, _dryDelay.Length);
        _driveGain.SetTarget((float)Decibels.ToGain(_driveDb));
        _mix.SetTarget((float)_targetMix);
        int delayLength = LatencyFrames + 1;
        Span<float> over = _scratch;
        // Frame-major so the glide advances once per frame for every channel alike.
        for (int i = 0; i < frames; i++)
        {
            float g = _driveGain.Next(), inv = 1f / g, wet = _mix.Next(), dryShare = 1f - wet;
            int readPos = _dryPos + 1 == delayLength ? 0 : _dryPos + 1;
            for (int c = 0; c < channels; c++)
            {
                Span<float> x = buffer.Channel(c, frames);
                float input = x[i];
                _oversampler.Upsample(c, input, over);
                for (int p = 0; p < over.Length; p++) over[p] = MathF.Tanh(g * over[p]) * inv;
                float saturated = _oversampler.Downsample(c, over);
                float[] delay = _dryDelay[c];
                delay[_dryPos] = input;
                x[i] = wet * saturated + dryShare * delay[readPos];
            }
            _dryPos = readPos;
        }
    }
}
