using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MixConsole.Control.Tests.X32;

/// <summary>
/// A remote app's side of the wire, written from the OSC 1.0 spec and the X32 document alone (none of the
/// server's codec): builds messages of strings and ints, sends them over UDP and reads string answers.
/// </summary>
internal sealed class X32WireClient : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint _console;
    private readonly byte[] _buffer = new byte[65536];

    public X32WireClient(IPEndPoint console)
    {
        _console = console;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    /// <summary>Answers that did not come within the patience given.</summary>
    public int Timeouts { get; private set; }

    /// <summary>An OSC message: address, then ",s..i.." tags and the arguments, each padded to 4 bytes.</summary>
    public static byte[] Message(string address, params object[] arguments)
    {
        var bytes = new List<byte>();
        AddString(bytes, address);
        AddString(bytes, "," + string.Concat(arguments.Select(a => a is int ? "i" : "s")));
        foreach (object argument in arguments)
        {
            if (argument is int i)
            {
                var word = new byte[4];
                BinaryPrimitives.WriteInt32BigEndian(word, i);
                bytes.AddRange(word);
            }
            else
            {
                AddString(bytes, (string)argument);
            }
        }

        return [.. bytes];
    }

    /// <summary>The address and string arguments of a message (null when it is not one of strings).</summary>
    public static (string Address, string[] Strings)? ReadStrings(ReadOnlySpan<byte> packet)
    {
        int at = 0;
        string address = ReadString(packet, ref at);
        string tags = ReadString(packet, ref at);
        if (!tags.StartsWith(',') || tags.AsSpan(1).ContainsAnyExcept('s'))
        {
            return null;
        }

        var strings = new string[tags.Length - 1];
        for (int i = 0; i < strings.Length; i++)
        {
            strings[i] = ReadString(packet, ref at);
        }

        return (address, strings);
    }

    /// <summary>Sends <paramref name="request"/> and returns the first string answer at <paramref name="address"/>, or null.</summary>
    public string[]? Ask(byte[] request, string address, int patienceMs)
    {
        _socket.SendTo(request, _console);
        _socket.ReceiveTimeout = patienceMs;
        try
        {
            while (true)
            {
                int length = _socket.Receive(_buffer);
                if (ReadStrings(_buffer.AsSpan(0, length)) is { } answer && answer.Address == address)
                {
                    return answer.Strings;
                }
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
        {
            Timeouts++;
            return null;
        }
    }

    public void Dispose() => _socket.Dispose();

    private static void AddString(List<byte> bytes, string text)
    {
        bytes.AddRange(Encoding.ASCII.GetBytes(text));
        int pad = 4 - text.Length % 4;
        bytes.AddRange(new byte[pad]);
    }

    private static string ReadString(ReadOnlySpan<byte> packet, ref int at)
    {
        int end = packet.Slice(at).IndexOf((byte)0);
        string text = Encoding.ASCII.GetString(packet.Slice(at, end));
        at += (end / 4 + 1) * 4;
        return text;
    }
}
