namespace MixConsole.Engine.Parameters;

/// <summary>How a value is written for people (surface displays, /node text, documents).</summary>
public enum DisplayStyle
{
    /// <summary>A number with its unit, precision chosen by the unit ("-3.0 dB", "1.25k Hz", "12.5 ms").</summary>
    Number,

    /// <summary>Pan position: "L50", "C", "R100".</summary>
    Pan,

    /// <summary>The label of an enum or switch ("PEQ", "ON").</summary>
    Label,

    /// <summary>A bitmap as binary digits, highest member first ("%00000101": members 1 and 3).</summary>
    Bitmap,

    /// <summary>Quoted text.</summary>
    Text,
}
