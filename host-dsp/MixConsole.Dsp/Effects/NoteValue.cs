namespace MixConsole.Dsp.Effects;

/// <summary>Musical note lengths a tempo-synced delay can follow.</summary>
public enum NoteValue
{
    /// <summary>A whole note (4 beats).</summary>
    Whole,

    /// <summary>A half note (2 beats).</summary>
    Half,

    /// <summary>A quarter note (1 beat).</summary>
    Quarter,

    /// <summary>A dotted eighth (3/4 beat), the classic delay rhythm.</summary>
    DottedEighth,

    /// <summary>A quarter-note triplet (2/3 beat).</summary>
    QuarterTriplet,

    /// <summary>An eighth note (1/2 beat).</summary>
    Eighth,

    /// <summary>An eighth-note triplet (1/3 beat).</summary>
    EighthTriplet,

    /// <summary>A sixteenth note (1/4 beat).</summary>
    Sixteenth,
}
