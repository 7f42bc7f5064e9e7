namespace MixConsole.Engine.Parameters;

/// <summary>What a parameter holds, and so how it travels on the wire.</summary>
public enum ParameterKind
{
    /// <summary>A continuous value on a step grid; on the wire an OSC float 0..1 through its mapping.</summary>
    Float,

    /// <summary>A whole number (the /grp bitmaps); on the wire an OSC int.</summary>
    Int,

    /// <summary>One of a list of named choices; on the wire an OSC int (the choice's position) or its label.</summary>
    Enum,

    /// <summary>A switch; on the wire an OSC int 0 or 1 (X32 semantics: /mix/on 1 = unmuted).</summary>
    Bool,

    /// <summary>Text (names); on the wire an OSC string. Never read by the audio thread.</summary>
    String,
}
