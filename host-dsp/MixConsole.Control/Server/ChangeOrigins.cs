using MixConsole.Control.Transport;
using MixConsole.Engine.Parameters;

namespace MixConsole.Control.Server;

/// <summary>
/// Who last set each parameter through OSC and to what, so an echo can skip a client exactly when the value
/// being echoed is the one that client sent (it already shows it). Compares values, not sequence numbers,
/// so a change by anyone else in between is never withheld. Thread-safe (a short lock, control side only).
/// </summary>
internal sealed class ChangeOrigins
{
    private readonly Origin[] _origins;
    private readonly object _gate = new();

    public ChangeOrigins(int parameterCount) => _origins = new Origin[parameterCount];

    public void Record(int index, int link, in OscPeer peer, float real)
    {
        lock (_gate)
        {
            _origins[index] = new Origin(link, peer, BitConverter.SingleToInt32Bits(real), null, true);
        }
    }

    public void RecordText(int index, int link, in OscPeer peer, string text)
    {
        lock (_gate)
        {
            _origins[index] = new Origin(link, peer, 0, text, true);
        }
    }

    /// <summary>True when <paramref name="peer"/> on <paramref name="link"/> set this parameter to exactly its current value.</summary>
    public bool IsOriginatorOfCurrentValue(int index, int link, in OscPeer peer, ParameterStore store)
    {
        Origin origin;
        lock (_gate)
        {
            origin = _origins[index];
        }

        if (!origin.Set || origin.Link != link || origin.Peer != peer)
        {
            return false;
        }

        return origin.Text is not null
            ? string.Equals(origin.Text, store.GetText(index), StringComparison.Ordinal)
            : origin.RealBits == BitConverter.SingleToInt32Bits(store.GetReal(index));
    }

    private readonly record struct Origin(int Link, OscPeer Peer, int RealBits, string? Text, bool Set);
}
