using MixConsole.Dsp.Core;
using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Preview;

/// <summary>
/// A master as it would sound on one playback system (<see cref="PreviewCurves"/>): the stereo fold-down of the
/// system's <see cref="PreviewMatrix"/>, then its biquad sections per channel, then its level. Stereo; with another
/// channel count the fold-down is skipped and every channel is filtered. Every system's sections are designed in
/// <see cref="Prepare"/>, so choosing a system (<see cref="System"/>) only copies coefficients: allocation-free, and
/// safe between blocks on the audio thread. <see cref="PreviewSystem.Off"/> leaves the audio untouched.
/// </summary>
public sealed class PreviewProcessor : IAudioProcessor
{
    private BiquadCoefficients[][] _designs = [];
    private Biquad[][] _sections = [];
    private PreviewSystem _system;
    private PreviewMatrix _matrix = PreviewMatrix.Stereo;
    private float _level = 1f;
    private bool _prepared;

    /// <summary>Creates a processor for <paramref name="system"/>.</summary>
    public PreviewProcessor(PreviewSystem system = PreviewSystem.Off) => _system = system;

    /// <summary>The system heard. Setting it retunes at once and clears the filters' history (a switch the owner makes click-free, e.g. by fading through the dry signal).</summary>
    public PreviewSystem System
    {
        get => _system;
        set
        {
            if (value != PreviewSystem.Off) PreviewCurves.Of(value); // validates
            _system = value;
            if (_prepared) Load();
        }
    }

    /// <inheritdoc />
    public int LatencyFrames => 0;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        spec.Validate();
        _designs = new BiquadCoefficients[PreviewCurves.All.Count][];
        for (int i = 0; i < _designs.Length; i++) _designs[i] = PreviewCurves.All[i].Design(spec.SampleRateHz);
        _sections = new Biquad[spec.Channels][];
        for (int c = 0; c < spec.Channels; c++)
        {
            _sections[c] = new Biquad[PreviewCurve.MaxSections];
            for (int s = 0; s < PreviewCurve.MaxSections; s++) _sections[c][s] = new Biquad();
        }

        _prepared = true;
        Load();
    }

    /// <inheritdoc />
    public void Reset()
    {
        foreach (Biquad[] channel in _sections)
            foreach (Biquad section in channel) section.Reset();
    }

    /// <inheritdoc />
    public void Process(AudioBuffer buffer, int frames)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (_system == PreviewSystem.Off) return;
        int channels = Math.Min(buffer.Channels, _sections.Length);
        bool stereo = channels == 2;
        bool mono = stereo && (_matrix.SideGain == 0 || _matrix.SideOnBothSides);
        if (stereo) Fold(buffer.Channel(0, frames), buffer.Channel(1, frames));
        // A folded-to-mono pair is filtered once and copied: both sides are the same signal.
        int filtered = mono ? 1 : channels;
        for (int c = 0; c < filtered; c++)
        {
            Span<float> x = buffer.Channel(c, frames);
            Biquad[] s = _sections[c];
            Biquad.ProcessCascade(s[0], s[1], x);
            Biquad.ProcessCascade(s[2], s[3], x);
            if (_level != 1f)
                for (int i = 0; i < x.Length; i++) x[i] *= _level;
        }

        if (mono) buffer.Channel(0, frames).CopyTo(buffer.Channel(1, frames));
    }

    private void Fold(Span<float> left, Span<float> right)
    {
        if (_matrix == PreviewMatrix.Stereo) return;
        float mid = (float)(0.5 * _matrix.MidGain), side = (float)(0.5 * _matrix.SideGain);
        float sideRight = _matrix.SideOnBothSides ? side : -side;
        for (int i = 0; i < left.Length; i++)
        {
            float m = mid * (left[i] + right[i]), d = left[i] - right[i];
            left[i] = m + side * d;
            right[i] = m + sideRight * d;
        }
    }

    private void Load()
    {
        Reset();
        if (_system == PreviewSystem.Off) return;
        PreviewCurve curve = PreviewCurves.Of(_system);
        BiquadCoefficients[] design = _designs[(int)_system - 1];
        foreach (Biquad[] channel in _sections)
            for (int s = 0; s < channel.Length; s++) channel[s].Update(design[s]);
        _matrix = curve.Matrix;
        _level = (float)Math.Pow(10, curve.LevelDb / 20);
    }
}
