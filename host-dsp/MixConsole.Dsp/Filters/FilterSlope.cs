namespace MixConsole.Dsp.Filters;

/// <summary>Roll-off of a Butterworth low cut or high cut; the value is the filter order.</summary>
public enum FilterSlope
{
    /// <summary>6 dB/oct: one first-order section.</summary>
    Db6PerOctave = 1,

    /// <summary>12 dB/oct: one second-order section (Q 0.7071).</summary>
    Db12PerOctave = 2,

    /// <summary>18 dB/oct: a first-order section and a second-order section (Q 1.0).</summary>
    Db18PerOctave = 3,

    /// <summary>24 dB/oct: two second-order sections (Q 0.5412 and 1.3066).</summary>
    Db24PerOctave = 4,
}
