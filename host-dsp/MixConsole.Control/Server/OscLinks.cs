using MixConsole.Control.Transport;

namespace MixConsole.Control.Server;

/// <summary>The transports a server serves, by link number; sends count their failures.</summary>
internal sealed class OscLinks(OscServerCounters counters)
{
    private IOscTransport[] _transports = [];

    public int Count => Volatile.Read(ref _transports).Length;

    public IReadOnlyList<IOscTransport> All => Volatile.Read(ref _transports);

    public int Add(IOscTransport transport)
    {
        IOscTransport[] current = _transports;
        _transports = [.. current, transport];
        return current.Length;
    }

    public bool Send(int link, ReadOnlySpan<byte> packet, in OscPeer destination)
    {
        IOscTransport[] transports = Volatile.Read(ref _transports);
        if ((uint)link >= (uint)transports.Length || !transports[link].Send(packet, in destination))
        {
            counters.AddSendFailure();
            return false;
        }

        return true;
    }
}
