namespace MixConsole.Dsp.Effects;

/// <summary>Converts tempo and note values to times.</summary>
public static class TempoSync
{
    /// <summary>Length of <paramref name="note"/> in milliseconds at <paramref name="beatsPerMinute"/> (a beat is a quarter note).</summary>
    public static double NoteMs(double beatsPerMinute, NoteValue note)
    {
        if (!(beatsPerMinute > 0)) throw new ArgumentOutOfRangeException(nameof(beatsPerMinute), beatsPerMinute, "tempo must be positive");
        double beats = note switch
        {
            NoteValue.Whole => 4,
            NoteValue.Half => 2,
            NoteValue.Quarter => 1,
            NoteValue.DottedEighth => 0.75,
            NoteValue.QuarterTriplet => 2.0 / 3,
            NoteValue.Eighth => 0.5,
            NoteValue.EighthTriplet => 1.0 / 3,
            NoteValue.Sixteenth => 0.25,
            _ => throw new ArgumentOutOfRangeException(nameof(note), note, "unknown note value"),
        };
        return beats * 60000.0 / beatsPerMinute;
    }
}
