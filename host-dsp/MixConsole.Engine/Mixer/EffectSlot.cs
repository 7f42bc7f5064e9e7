using MixConsole.Dsp.Core;
using MixConsole.Dsp.Effects;
using MixConsole.Dsp.Smoothing;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// One effect slot: an algorithmic reverb, a stereo delay or a graphic EQ (the kernels), run by the slot's X32 type. A
/// type none of them runs outputs silence as a send effect (<see cref="Process"/>) and its input in an insert point
/// (<see cref="ProcessInsert"/>), which must never mute a strip. Switching kernel starts the newly chosen one from silence.
/// </summary>
internal sealed class EffectSlot
{
    /// <summary>Longest delay time of the delay effect, in milliseconds (the X32 delay's time range).</summary>
    public const double MaxDelayMs = 3000;

    private const double GainRampMs = 20;

    private readonly Reverb _reverb = new();
    private readonly StereoDelay _delay = new(MaxDelayMs);
    private readonly GraphicEq _graphicEq = new();
    private readonly LinearSmoother _gainLeft = new(1f), _gainRight = new(1f);
    private EffectKernel _kernel = EffectKernel.None;

    public EffectKernel Kernel => _kernel;

    public void Prepare(double sampleRateHz, int maxBlockFrames)
    {
        var spec = new ProcessSpec(sampleRateHz, maxBlockFrames, 2);
        _reverb.Prepare(spec);
        _delay.Prepare(spec);
        _reverb.Mix = 1f;
        _delay.Mix = 1f;
        _gainLeft.Prepare(sampleRateHz, GainRampMs);
        _gainRight.Prepare(sampleRateHz, GainRampMs);
    }

    public void Reset()
    {
        _reverb.Reset();
        _delay.Reset();
        _graphicEq.Reset();
        _gainLeft.Reset();
        _gainRight.Reset();
    }

    /// <summary>Audio thread: takes designed settings (no design here); switching kernel starts the chosen one from silence.</summary>
    public void Apply(in EffectSettings settings)
    {
        var kernel = settings.Kernel;
        if (kernel != _kernel)
        {
            if (kernel == EffectKernel.Reverb) _reverb.Reset();
            else if (kernel == EffectKernel.Delay) _delay.Reset();
            else if (kernel == EffectKernel.GraphicEq) _graphicEq.Reset();
            _kernel = kernel;
        }

        _reverb.Apply(in settings.Reverb);
        _delay.Apply(in settings.Delay);
        _delay.Mix = settings.DelayMix;
        _graphicEq.Apply(in settings.GraphicEq);
        bool eq = kernel == EffectKernel.GraphicEq;
        _gainLeft.SetTarget(eq ? settings.GraphicEq.MasterLeft : settings.ReverbGain);
        _gainRight.SetTarget(eq ? settings.GraphicEq.MasterRight : settings.ReverbGain);
    }

    public void Process(ReadOnlySpan<float> inLeft, ReadOnlySpan<float> inRight, Span<float> outLeft, Span<float> outRight)
    {
        switch (_kernel)
        {
            case EffectKernel.Reverb:
                _reverb.Process(inLeft, inRight, outLeft, outRight);
                _gainLeft.ApplyGain(outLeft[..inLeft.Length]);
                _gainRight.ApplyGain(outRight[..inRight.Length]);
                break;
            case EffectKernel.Delay:
                _delay.Process(inLeft, inRight, outLeft, outRight);
                break;
            case EffectKernel.GraphicEq:
                ProcessGraphicEq(inLeft, inRight, outLeft, outRight);
                break;
            default:
                outLeft[..inLeft.Length].Clear();
                outRight[..inRight.Length].Clear();
                break;
        }
    }

    /// <summary>
    /// As <see cref="Process"/> in an insert point: a type no kernel runs passes its input unchanged. A side no strip
    /// uses (<paramref name="leftUsed"/>, <paramref name="rightUsed"/>) is skipped where the kernel's sides are apart (the graphic EQ).
    /// </summary>
    public void ProcessInsert(ReadOnlySpan<float> inLeft, ReadOnlySpan<float> inRight, Span<float> outLeft, Span<float> outRight, bool leftUsed, bool rightUsed)
    {
        switch (_kernel)
        {
            case EffectKernel.None:
                inLeft.CopyTo(outLeft);
                inRight.CopyTo(outRight);
                break;
            case EffectKernel.GraphicEq:
                if (leftUsed) ProcessGraphicEqSide(0, inLeft, outLeft, _gainLeft);
                if (rightUsed) ProcessGraphicEqSide(1, inRight, outRight, _gainRight);
                break;
            default:
                Process(inLeft, inRight, outLeft, outRight);
                break;
        }
    }

    private void ProcessGraphicEq(ReadOnlySpan<float> inLeft, ReadOnlySpan<float> inRight, Span<float> outLeft, Span<float> outRight)
    {
        ProcessGraphicEqSide(0, inLeft, outLeft, _gainLeft);
        ProcessGraphicEqSide(1, inRight, outRight, _gainRight);
    }

    private void ProcessGraphicEqSide(int side, ReadOnlySpan<float> input, Span<float> output, LinearSmoother master)
    {
        Span<float> audio = output[..input.Length];
        input.CopyTo(audio);
        _graphicEq.Process(side, audio);
        master.ApplyGain(audio);
    }
}
