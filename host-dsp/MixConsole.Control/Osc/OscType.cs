namespace MixConsole.Control.Osc;

/// <summary>The OSC 1.0 argument types this codec reads and writes; each value is its type-tag character.</summary>
public enum OscType : byte
{
    /// <summary>No such argument (index out of range).</summary>
    None = 0,

    /// <summary>'i': 32-bit big-endian two's complement integer.</summary>
    Int32 = (byte)'i',

    /// <summary>'f': 32-bit big-endian IEEE 754 float.</summary>
    Float32 = (byte)'f',

    /// <summary>'s': NUL-terminated string padded to 4 bytes.</summary>
    String = (byte)'s',

    /// <summary>'b': int32 byte count, then the bytes padded to 4 bytes.</summary>
    Blob = (byte)'b',

    /// <summary>'h': 64-bit big-endian two's complement integer.</summary>
    Int64 = (byte)'h',

    /// <summary>'d': 64-bit big-endian IEEE 754 double.</summary>
    Float64 = (byte)'d',

    /// <summary>'t': 64-bit NTP time tag.</summary>
    TimeTag = (byte)'t',

    /// <summary>'T': true; no payload bytes.</summary>
    True = (byte)'T',

    /// <summary>'F': false; no payload bytes.</summary>
    False = (byte)'F',

    /// <summary>'N': nil; no payload bytes.</summary>
    Nil = (byte)'N',

    /// <summary>'I': impulse ("infinitum" in OSC 1.0); no payload bytes.</summary>
    Impulse = (byte)'I',
}
