namespace MixConsole.Dsp.Delay;

/// <summary>
/// The input channel's delay (time alignment, 0..500 ms and more): a whole number of
/// frames, changed without a click by crossfading from the old tap to the new one over
/// <see cref="CrossfadeMs"/>. A change that arrives mid-crossfade starts when it ends.
/// </summary>
public sealed class ChannelDelay
{
    /// <summary>Crossfade length for a delay change, in milliseconds.</summary>
    public const double CrossfadeMs = 20;

    private readonly DelayLine _line = new();
    private double _sampleRateHz = 48000;
    private int _currentFrames;
    private int _nextFrames;
    private int _pendingFrames;
    private int _fadeSamples = 1;
    private int _fadePosition = -1;

    /// <summary>Sizes the line for up to <paramref name="maxDelayMs"/> at <paramref name="sampleRateHz"/>.</summary>
    public void Prepare(double sampleRateHz, double maxDelayMs = 500)
    {
        _sampleRateHz = sampleRateHz;
        _line.Prepare(sampleRateHz, maxDelayMs);
        _fadeSamples = Math.Max(1, (int)Math.Round(sampleRateHz * CrossfadeMs / 1000));
        _currentFrames = Math.Min(_currentFrames, _line.MaxDelayFrames);
        _nextFrames = _pendingFrames = _currentFrames;
        _fadePosition = -1;
    }

    /// <summary>The delay being heard (or faded to), in milliseconds.</summary>
    public double DelayMs => _pendingFrames * 1000.0 / _sampleRateHz;

    /// <summary>Sets the delay in milliseconds, rounded to whole frames; the change is crossfaded.</summary>
    public void SetDelayMs(double delayMs) =>
        SetDelayFrames((int)Math.Round(Math.Max(0, delayMs) * _sampleRateHz / 1000));

    /// <summary>Sets the delay in frames (clamped to the prepared maximum); the change is crossfaded.</summary>
    public void SetDelayFrames(int delayFrames) => _pendingFrames = Math.Clamp(delayFrames, 0, _line.MaxDelayFrames);

    /// <summary>Clears the line and finishes any crossfade; the delay setting is kept.</summary>
    public void Reset()
    {
        _line.Reset();
        _currentFrames = _nextFrames = _pendingFrames;
        _fadePosition = -1;
    }

    /// <summary>
    /// While the delay holds still (no change fading or waiting), <paramref name="destination"/> = <paramref name="source"/>
    /// × <paramref name="gain"/> delayed, in one pass: the samples of scaling (a zero gain writing +0) and then
    /// <see cref="Process(Span{float})"/>. Returns false, doing nothing, while the delay moves.
    /// </summary>
    public bool TryProcessScaled(ReadOnlySpan<float> source, float gain, Span<float> destination)
    {
        if (_fadePosition >= 0 || _pendingFrames != _currentFrames) return false;
        _line.Process(source, gain, destination, _currentFrames);
        return true;
    }

    /// <summary>Delays <paramref name="audio"/> in place.</summary>
    public void Process(Span<float> audio)
    {
        if (_fadePosition < 0 && _pendingFrames == _currentFrames)
        {
            _line.Process(audio, _currentFrames);
            return;
        }
        float inverseFade = 1f / _fadeSamples;
        for (int i = 0; i < audio.Length; i++)
        {
            _line.Push(audio[i]);
            if (_fadePosition < 0 && _pendingFrames != _currentFrames)
            {
                _nextFrames = _pendingFrames;
                _fadePosition = 0;
            }
            if (_fadePosition < 0)
            {
                audio[i] = _line.Read(_currentFrames);
                continue;
            }
            float mix = (_fadePosition + 1) * inverseFade;
            audio[i] = (1f - mix) * _line.Read(_currentFrames) + mix * _line.Read(_nextFrames);
            if (++_fadePosition >= _fadeSamples)
            {
                _currentFrames = _nextFrames;
                _fadePosition = -1;
            }
        }
    }
}
