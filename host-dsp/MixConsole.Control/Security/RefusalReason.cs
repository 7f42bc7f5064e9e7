namespace MixConsole.Control.Security;

/// <summary>Why a packet from a client was not acted on.</summary>
public enum RefusalReason
{
    /// <summary>Not refused.</summary>
    None = 0,

    /// <summary>The sender is outside every allowed network.</summary>
    NotAllowed,

    /// <summary>The sender exceeded its message rate.</summary>
    RateLimited,

    /// <summary>Paired mode is on and the sender tried to change something without pairing.</summary>
    NotPaired,

    /// <summary>The packet failed OSC validation.</summary>
    Malformed,

    /// <summary>A pairing response was wrong, late or malformed.</summary>
    PairingFailed,
}
