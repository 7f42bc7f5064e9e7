using MixConsole.Dsp.Core;
using MixConsole.Dsp.Effects;
using MixConsole.Engine.Mixer.Binding;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// One send/return effect slot: an algorithmic reverb or a stereo delay (the kernels), fully wet.
/// Switching type starts the newly chosen effect from silence.
/// </summary>
internal sealed class EffectSlot
{
    public const int ReverbType = 0;
    public const int DelayType = 1;

    // Note values of /fx/N/delay/note in beats: 1/2, 1/4., 1/4, 1/4T, 1/8., 1/8, 1/8T, 1/16.
    private static readonly double[] NoteBeats = [2.0, 1.5, 1.0, 2.0 / 3.0, 0.75, 0.5, 1.0 / 3.0, 0.25];

    private readonly Reverb _reverb = new();
    private readonly StereoDelay _delay = new(2000);
    private int _type = ReverbType;

    public int Type => _type;

    public void Prepare(double sampleRateHz, int maxBlockFrames)
    {
        var spec = new ProcessSpec(sampleRateHz, maxBlockFrames, 2);
        _reverb.Prepare(spec);
        _delay.Prepare(spec);
        _reverb.Mix = 1f;
        _delay.Mix = 1f;
    }

    public void Reset()
    {
        _reverb.Reset();
        _delay.Reset();
    }

    public void Apply(ReadOnlySpan<float> values, EffectParameters p)
    {
        int type = (int)values[p.Type.Index];
        if (type != _type)
        {
            if (type == ReverbType) _reverb.Reset();
            else _delay.Reset();
            _type = type;
        }

        _reverb.PreDelayMs = values[p.PreDelay.Index];
        _reverb.DecayTimeSeconds = values[p.Decay.Index];
        _reverb.Size = values[p.Size.Index] / 100f;
        _reverb.Damping = values[p.Damping.Index] / 100f;

        float timeMs = values[p.DelayMode.Index] == 0
            ? values[p.DelayTime.Index]
            : (float)(60000.0 / values[p.Tempo.Index] * NoteBeats[Math.Clamp((int)values[p.Note.Index], 0, NoteBeats.Length - 1)]);
        _delay.SetTimesMs(timeMs, timeMs);
        _delay.Feedback = values[p.Feedback.Index] / 100f;
        _delay.LowCutHz = values[p.LowCut.Index];
        _delay.HighCutHz = values[p.HighCut.Index];
        _delay.PingPong = values[p.PingPong.Index] != 0;
    }

    public void Process(ReadOnlySpan<float> inLeft, ReadOnlySpan<float> inRight, Span<float> outLeft, Span<float> outRight)
    {
        if (_type == ReverbType) _reverb.Process(inLeft, inRight, outLeft, outRight);
        else _delay.Process(inLeft, inRight, outLeft, outRight);
    }
}
