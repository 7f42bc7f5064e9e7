using System.Globalization;
using MixConsole.ControlSurface.Osc;
using MixConsole.ControlSurface.Virtual;

namespace MixConsole.SurfaceSim.Tests;

/// <summary>An X32-style host at the other end of a loopback link: answers /info and queries, keeps what is set.</summary>
internal sealed class InMemoryHost : IOscMessageSink
{
    private readonly LoopbackTransport _link;
    private readonly OscPacketReader _reader = new();
    private readonly byte[] _rx = new byte[1536];
    private readonly byte[] _tx = new byte[512];

    public InMemoryHost(LoopbackTransport link)
    {
        _link = link;
    }

    public Dictionary<string, object> Values { get; } = new();

    public List<(string Address, object Value)> Sets { get; } = new();

    public void Pump()
    {
        int n;
        while ((n = _link.HostReceive(_rx)) > 0)
        {
            _reader.Read(_rx, 0, n, this);
        }
    }

    /// <summary>Another client's change, echoed to the surface as /xremote would.</summary>
    public void Push(string address, float value)
    {
        Values[address] = value;
        _link.HostSend(_tx, OscWriter.WriteFloat(_tx, OscWriter.EncodeString(address), value));
    }

    public void OnMessage(OscMessage message)
    {
        string address = System.Text.Encoding.ASCII.GetString(message.Buffer, message.AddressOffset, message.AddressLength);
        if (message.ArgumentCount > 0)
        {
            object? value = message.TypeTag(0) switch
            {
                'f' => message.TryGetFloat(0, out float f) ? f : null,
                'i' => message.TryGetInt(0, out int i) ? i : null,
                _ => null,
            };
            if (value is not null)
            {
                Values[address] = value;
                Sets.Add((address, value));
            }

            return;
        }

        byte[] a = OscWriter.EncodeString(address);
        if (address == "/info")
        {
            _link.HostSend(_tx, OscWriter.WriteQuery(_tx, a));
        }
        else if (address.Contains('*', StringComparison.Ordinal))
        {
            // A size probe: one answer per channel, bus or DCA of a full-size console, as serve answers wildcards.
            int count = address.StartsWith("/ch/", StringComparison.Ordinal) ? 32 : address.StartsWith("/bus/", StringComparison.Ordinal) ? 16 : 8;
            for (int n = 1; n <= count; n++)
            {
                string one = address.Replace("*", count == 8 ? n.ToString(CultureInfo.InvariantCulture) : n.ToString("00", CultureInfo.InvariantCulture), StringComparison.Ordinal);
                float value = Values.TryGetValue(one, out object? set) && set is float f ? f : 0f;
                _link.HostSend(_tx, OscWriter.WriteFloat(_tx, OscWriter.EncodeString(one), value));
            }
        }
        else if (Values.TryGetValue(address, out object? v))
        {
            _link.HostSend(_tx, v is float f ? OscWriter.WriteFloat(_tx, a, f) : OscWriter.WriteInt(_tx, a, (int)v));
        }
    }
}
