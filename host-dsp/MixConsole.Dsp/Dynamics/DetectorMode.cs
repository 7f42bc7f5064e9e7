namespace MixConsole.Dsp.Dynamics;

/// <summary>What a level detector measures.</summary>
public enum DetectorMode
{
    /// <summary>Instantaneous absolute value: reacts to transients.</summary>
    Peak,

    /// <summary>Running mean square (its root): follows loudness more than transients.</summary>
    Rms,
}
