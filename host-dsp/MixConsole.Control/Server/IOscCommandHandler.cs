using MixConsole.Control.Osc;

namespace MixConsole.Control.Server;

/// <summary>
/// Commands that are not parameters of the table (scene slots, shows), served by code the server knows nothing of.
/// Asked only for addresses that are neither a parameter nor a pattern, so the parameter hot path never reaches it.
/// Called on receive threads (and for held bundle messages, the control thread); it may block briefly (a synced save).
/// </summary>
public interface IOscCommandHandler
{
    /// <summary>
    /// Acts on <paramref name="message"/> when its address is one of this handler's; may write one answer for the
    /// sender into <paramref name="reply"/>. False when the address is not its own (the server counts it as unknown).
    /// </summary>
    bool TryHandle(in OscMessage message, Span<byte> reply, out int replyLength);

    /// <summary>
    /// This handler's lines of a <c>/showdump</c> answer, each one X32 node line ending in '\n'
    /// (<c>/-show/showfile/scene/000 "Intro" "" %000000000 1</c>); none unless it holds part of the show.
    /// </summary>
    IEnumerable<string> ShowDumpLines() => [];
}
