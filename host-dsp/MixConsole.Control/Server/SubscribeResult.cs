namespace MixConsole.Control.Server;

/// <summary>What happened to a subscription request.</summary>
public enum SubscribeResult
{
    /// <summary>A new subscription was registered.</summary>
    Added,

    /// <summary>An existing subscription was extended.</summary>
    Renewed,

    /// <summary>The registry is at its bound; nothing was registered.</summary>
    Full,
}
