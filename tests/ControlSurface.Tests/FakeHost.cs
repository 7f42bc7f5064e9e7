using MixConsole.ControlSurface.Osc;
using MixConsole.ControlSurface.Virtual;

namespace MixConsole.ControlSurface.Tests;

/// <summary>A minimal X32-style host on the other end of a loopback link: answers queries, records what arrives.</summary>
internal sealed class FakeHost : IOscMessageSink
{
    private readonly LoopbackTransport _link;
    private readonly OscPacketReader _reader = new();
    private readonly byte[] _rx = new byte[1536];
    private readonly byte[] _tx = new byte[512];
    private readonly Dictionary<string, object> _values = new();

    public FakeHost(LoopbackTransport link)
    {
        _link = link;
    }

    public bool Answers { get; set; } = true;

    /// <summary>Channels, buses and DCAs this console has: serve answers a wildcard query once per existing parameter.</summary>
    public int[] Size { get; set; } = [32, 16, 8];

    /// <summary>When set, the host pairs as serve --pair-key does: changes count only from a paired surface.</summary>
    public byte[]? PairKey { get; set; }

    public bool Paired { get; private set; }

    /// <summary>Changes dropped because the surface was not paired.</summary>
    public int RefusedChanges { get; private set; }

    private byte[]? _nonce;

    public List<(string Address, object? Value)> Received { get; } = new();

    public Dictionary<string, object> Values => _values;

    public void Set(string address, float value) => _values[address] = value;

    public void Set(string address, int value) => _values[address] = value;

    public void Set(string address, string value) => _values[address] = value;

    /// <summary>An answer of many strings (the mastering preset list).</summary>
    public void Set(string address, string[] values) => _values[address] = values;

    /// <summary>Reads everything the surface sent; answers queries and /info when <see cref="Answers"/>.</summary>
    public void Pump()
    {
        int n;
        while ((n = _link.HostReceive(_rx)) > 0)
        {
            _reader.Read(_rx, 0, n, this);
        }
    }

    /// <summary>Sends a value change to the surface, as another client's change echoed by /xremote.</summary>
    public void Push(string address, object value)
    {
        _values[address] = value;
        Reply(address, value);
    }

    public IEnumerable<string> Queries => Received.Where(r => r.Value is null && !Commands.Any(c => c.Address == r.Address)).Select(r => r.Address);

    /// <summary>Messages whose first argument is a string (the X32's /save), with every argument.</summary>
    public List<(string Address, object[] Arguments)> Commands { get; } = new();

    public void OnMessage(OscMessage message)
    {
        string address = System.Text.Encoding.ASCII.GetString(message.Buffer, message.AddressOffset, message.AddressLength);
        object? value = null;
        if (message.ArgumentCount > 0)
        {
            value = message.TypeTag(0) switch
            {
                'f' => message.TryGetFloat(0, out float f) ? f : null,
                'i' => message.TryGetInt(0, out int i) ? i : null,
                _ => null,
            };
        }

        Received.Add((address, value));
        if (message.ArgumentCount > 0 && message.TypeTag(0) == 's')
        {
            Commands.Add((address, Arguments(message)));
        }

        if (!Answers)
        {
            return;
        }

        if (address.StartsWith("/auth/", StringComparison.Ordinal))
        {
            AnswerPairing(address, message);
            return;
        }

        if (value is not null)
        {
            if (PairKey is not null && !Paired)
            {
                RefusedChanges++;
                return;
            }

            _values[address] = value;
            return;
        }

        if (address == "/info")
        {
            Reply("/info", "V2.07");
        }
        else if (address.Contains('*', StringComparison.Ordinal))
        {
            AnswerWildcard(address);
        }
        else if (address != "/xremote" && _values.TryGetValue(address, out object? v))
        {
            Reply(address, v);
        }
    }

    private static object[] Arguments(OscMessage message)
    {
        var values = new object[message.ArgumentCount];
        var text = new char[64];
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = message.TypeTag(k) switch
            {
                'i' => message.TryGetInt(k, out int i) ? i : "?",
                'f' => message.TryGetFloat(k, out float f) ? f : "?",
                's' => message.TryGetString(k, text, out int n) ? new string(text, 0, n) : "?",
                _ => "?",
            };
        }

        return values;
    }

    // "/ch/*/mix/fader": one answer per channel the console has, with its value (0 when never set).
    private void AnswerWildcard(string pattern)
    {
        int layer = pattern.StartsWith("/ch/", StringComparison.Ordinal) ? 0 : pattern.StartsWith("/bus/", StringComparison.Ordinal) ? 1 : 2;
        for (int n = 1; n <= Size[layer]; n++)
        {
            string address = pattern.Replace("*", layer == 2 ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : n.ToString("00", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            Reply(address, _values.TryGetValue(address, out object? v) ? v : 0f);
        }
    }

    // The host's side of PairingAuthenticator: a fresh nonce per challenge, HMAC-SHA256(key, nonce) expected back.
    private void AnswerPairing(string address, OscMessage message)
    {
        if (PairKey is null)
        {
            return;
        }

        if (address == "/auth/challenge")
        {
            _nonce = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            int n = OscWriter.WriteBlob(_tx, OscWriter.EncodeString(address), _nonce, _nonce.Length);
            _link.HostSend(_tx, n);
            return;
        }

        bool ok = _nonce is not null && message.TryGetBlob(0, out int offset, out int length)
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Security.Cryptography.HMACSHA256.HashData(PairKey, _nonce), message.Buffer.AsSpan(offset, length));
        _nonce = null;
        Paired = ok;
        Reply(address, ok ? 1 : 0);
    }

    private void Reply(string address, object value)
    {
        byte[] a = OscWriter.EncodeString(address);
        int n = value switch
        {
            float f => OscWriter.WriteFloat(_tx, a, f),
            int i => OscWriter.WriteInt(_tx, a, i),
            string s => WriteStrings(a, [s]),
            string[] list => WriteStrings(a, list),
            _ => throw new ArgumentException("unsupported value"),
        };
        _link.HostSend(_tx, n);
    }

    private int WriteStrings(byte[] address, string[] strings)
    {
        Array.Copy(address, _tx, address.Length);
        int p = address.Length;
        byte[] tags = OscWriter.EncodeString("," + new string('s', strings.Length));
        Array.Copy(tags, 0, _tx, p, tags.Length);
        p += tags.Length;
        foreach (string s in strings)
        {
            byte[] text = OscWriter.EncodeString(s);
            Array.Copy(text, 0, _tx, p, text.Length);
            p += text.Length;
        }

        return p;
    }
}
