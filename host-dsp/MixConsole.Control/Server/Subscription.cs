using MixConsole.Control.Transport;

namespace MixConsole.Control.Server;

/// <summary>One client's subscription: where to send, what to, until when.</summary>
/// <param name="Link">The transport the client talks through (index in the server's link list).</param>
/// <param name="Peer">The client's address on that link.</param>
/// <param name="Topic">What it subscribed to: 0 for <c>/xremote</c>, the bank number for <c>/meters/N</c>.</param>
/// <param name="ExpiresAt">Timestamp (of the registry's clock) at which it lapses unless renewed.</param>
/// <param name="IntervalTicks">Send interval in timestamp ticks (meters), 0 when changes are pushed as they happen.</param>
/// <param name="NextDueAt">Timestamp of the next periodic send (meters).</param>
/// <param name="SubscribedAt">Timestamp of the request that began it (renewals keep it).</param>
public readonly record struct Subscription(int Link, OscPeer Peer, int Topic, long ExpiresAt, long IntervalTicks, long NextDueAt, long SubscribedAt = 0);
