namespace MixConsole.Control.Security;

/// <summary>What a message asks for, which decides the checks it must pass.</summary>
public enum AccessIntent
{
    /// <summary>Queries, subscriptions, meter requests: allowlist and rate limit.</summary>
    Read,

    /// <summary>Parameter changes: allowlist, rate limit and, in paired mode, a current pairing.</summary>
    Write,

    /// <summary>/auth/challenge and /auth/response: allowlist and rate limit.</summary>
    Pairing,
}
