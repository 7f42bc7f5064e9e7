using MixConsole.Dsp.Core;

namespace MixConsole.Dsp.Preview;

/// <summary>
/// The preview on a monitor path, switched click-free: a change of system fades to the master as it is (a
/// <see cref="BypassCrossfade"/> of <see cref="BypassCrossfade.DefaultFadeMs"/>), swaps the curve while only the
/// master is heard, then fades the new system in; from or to <see cref="PreviewSystem.Off"/> it is one fade. The
/// control side writes <see cref="Target"/> (an atomic int); the audio thread reads it once per block. Stereo, no
/// latency, allocation-free after <see cref="Prepare"/>.
/// </summary>
public sealed class PreviewMonitor : IAudioProcessor
{
    private readonly PreviewProcessor _preview = new();
    private readonly BypassCrossfade _fade = new();
    private int _target;

    /// <summary>The system the monitor heads for (any thread); the switch starts at the next block.</summary>
    public PreviewSystem Target
    {
        get => (PreviewSystem)Volatile.Read(ref _target);
        set => Volatile.Write(ref _target, (int)value);
    }

    /// <summary>The system whose curve is loaded (heard once the fade in is over).</summary>
    public PreviewSystem Loaded => _preview.System;

    /// <summary>True while a fade is under way.</summary>
    public bool IsSwitching => _fade.IsFading;

    /// <inheritdoc />
    public int LatencyFrames => 0;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        _preview.Prepare(spec);
        _fade.Prepare(spec, latencyFrames: 0);
        Reset();
    }

    /// <summary>Clears history and lands on <see cref="Target"/> at once, without a fade.</summary>
    public void Reset()
    {
        _preview.System = Target;
        _fade.Bypassed = Target == PreviewSystem.Off;
        _fade.Reset();
    }

    /// <inheritdoc />
    public void Process(AudioBuffer buffer, int frames)
    {
        PreviewSystem target = Target;
        // A new curve is loaded only while the master alone is heard; until then the fade heads there.
        if (target != _preview.System && _fade.IsDrySettled) _preview.System = target;
        _fade.Bypassed = target != _preview.System || target == PreviewSystem.Off;
        _fade.Capture(buffer, frames);
        if (!_fade.IsDrySettled) _preview.Process(buffer, frames);
        _fade.Apply(buffer, frames);
    }
}
