using MixConsole.Dsp.Core;
using MixConsole.Dsp.Effects;

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

    /// <summary>Longest delay time of the delay effect, in milliseconds.</summary>
    public const double MaxDelayMs = 2000;

    private readonly Reverb _reverb = new();
    private readonly StereoDelay _delay = new(MaxDelayMs);
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

    /// <summary>Note values of /fx/N/delay/note in beats (the compiler turns tempo and note into a time).</summary>
    public static double NoteInBeats(float note) => NoteBeats[Math.Clamp((int)note, 0, NoteBeats.Length - 1)];

    /// <summary>Audio thread: takes designed settings (no design here); switching type starts the chosen kernel from silence.</summary>
    public void Apply(in EffectSettings settings)
    {
        int type = settings.Type;
        if (type != _type)
        {
            if (type == ReverbType) _reverb.Reset();
            else _delay.Reset();
            _type = type;
        }

        _reverb.Apply(in settings.Reverb);
        _delay.Apply(in settings.Delay);
    }

    public void Process(ReadOnlySpan<float> inLeft, ReadOnlySpan<float> inRight, Span<float> outLeft, Span<float> outRight)
    {
        if (_type == ReverbType) _reverb.Process(inLeft, inRight, outLeft, outRight);
        else _delay.Process(inLeft, inRight, outLeft, outRight);
    }
}
