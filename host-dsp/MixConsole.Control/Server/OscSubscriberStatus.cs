using MixConsole.Control.Transport;

namespace MixConsole.Control.Server;

/// <summary>One live subscription as a status page shows it: who, to what, for how long, and when last renewed.</summary>
/// <param name="Link">The transport the client talks through (index in <see cref="OscServer.Transports"/>).</param>
/// <param name="Peer">The client.</param>
/// <param name="Address">What it subscribed to: <c>/xremote</c> or <c>/meters/N</c>.</param>
/// <param name="Age">Time since the request that began it.</param>
/// <param name="SinceRenewal">Time since its latest request (the client was last heard from then, at the latest).</param>
public readonly record struct OscSubscriberStatus(int Link, OscPeer Peer, string Address, TimeSpan Age, TimeSpan SinceRenewal);
