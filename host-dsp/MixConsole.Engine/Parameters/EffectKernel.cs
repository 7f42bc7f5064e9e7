namespace MixConsole.Engine.Parameters;

/// <summary>What this console runs an X32 effect type on.</summary>
public enum EffectKernel
{
    /// <summary>
    /// Nothing here runs it: as a send effect the slot outputs silence, in an insert point it passes the strip's signal
    /// unchanged; its type and pars are stored, echoed and saved.
    /// </summary>
    None,

    /// <summary>The algorithmic reverb (pre-delay, decay, size, damping, level).</summary>
    Reverb,

    /// <summary>The stereo delay (time and factors per side, feedback, loop filters, ping-pong, mix).</summary>
    Delay,

    /// <summary>The 31-band graphic EQ (third-octave peaks and a master level per side).</summary>
    GraphicEq,
}
