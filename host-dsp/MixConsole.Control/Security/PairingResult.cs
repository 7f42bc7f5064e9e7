namespace MixConsole.Control.Security;

/// <summary>Outcome of a pairing response.</summary>
public enum PairingResult
{
    /// <summary>The response proved the shared key; the client is paired for the session time.</summary>
    Paired,

    /// <summary>The client never asked for a challenge (or its challenge was already used).</summary>
    NoChallenge,

    /// <summary>The challenge is older than <see cref="PairingAuthenticator.ChallengeLifetime"/>.</summary>
    ChallengeExpired,

    /// <summary>The response is not HMAC-SHA256(key, nonce).</summary>
    WrongResponse,

    /// <summary>The response is not a 32-byte blob.</summary>
    MalformedResponse,
}
