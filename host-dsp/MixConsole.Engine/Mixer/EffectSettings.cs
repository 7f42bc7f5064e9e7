namespace MixConsole.Engine.Mixer;

/// <summary>One effect slot's settings in the kernels' units, derived on the control side (tempo and note already turned into a time).</summary>
internal struct EffectSettings
{
    /// <summary><see cref="EffectSlot.ReverbType"/> or <see cref="EffectSlot.DelayType"/>.</summary>
    public int Type;

    /// <summary>Reverb pre-delay, in milliseconds.</summary>
    public float PreDelayMs;

    /// <summary>Reverb decay time (RT60), in seconds.</summary>
    public float DecaySeconds;

    /// <summary>Reverb size 0..1.</summary>
    public float Size;

    /// <summary>Reverb damping 0..1.</summary>
    public float Damping;

    /// <summary>Delay time of both sides, in milliseconds.</summary>
    public float DelayTimeMs;

    /// <summary>Delay feedback 0..1.</summary>
    public float Feedback;

    /// <summary>Delay loop low cut, in Hz.</summary>
    public float LowCutHz;

    /// <summary>Delay loop high cut, in Hz.</summary>
    public float HighCutHz;

    /// <summary>Delay repeats alternate sides.</summary>
    public bool PingPong;
}
