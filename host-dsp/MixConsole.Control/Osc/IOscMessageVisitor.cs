namespace MixConsole.Control.Osc;

/// <summary>Receives each message of a validated packet; implement it on a struct to visit without allocating.</summary>
public interface IOscMessageVisitor
{
    /// <summary>Called once per message, in packet order.</summary>
    /// <param name="message">The message; valid only during the call.</param>
    /// <param name="timeTag">The time tag of the innermost enclosing bundle, or <see cref="OscTimeTag.Immediate"/> for a bare message.</param>
    void OnMessage(in OscMessage message, OscTimeTag timeTag);
}
