using MixConsole.Control.Osc;
using MixConsole.Control.Transport;

namespace MixConsole.Control.Tests.Server;

/// <summary>A transport that keeps every packet the server sends, with its destination.</summary>
internal sealed class RecordingTransport : IOscTransport
{
    private readonly List<(byte[] Packet, OscPeer To)> _sent = [];

    public string Name => "recording";

    public IReadOnlyList<(byte[] Packet, OscPeer To)> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public void Start(OscPacketHandler handler)
    {
    }

    public bool Send(ReadOnlySpan<byte> packet, in OscPeer destination)
    {
        lock (_sent)
        {
            _sent.Add((packet.ToArray(), destination));
        }

        return true;
    }

    public List<byte[]> SentTo(OscPeer peer) => [.. Sent.Where(s => s.To == peer).Select(s => s.Packet)];

    public void Clear()
    {
        lock (_sent)
        {
            _sent.Clear();
        }
    }

    public void Dispose()
    {
    }
}
