using System.Buffers.Binary;
using System.Text;
using MixConsole.Control.Osc;

namespace MixConsole.Control.Tests.Server;

/// <summary>Builds and reads test packets with our codec, spelling values the way a test reads best.</summary>
internal static class Osc
{
    public static byte[] Message(string address, params object[] arguments)
    {
        var tags = new StringBuilder();
        foreach (object a in arguments)
        {
            tags.Append(a switch
            {
                int => 'i',
                float => 'f',
                string => 's',
                byte[] => 'b',
                long => 'h',
                double => 'd',
                bool b => b ? 'T' : 'F',
                _ => throw new ArgumentException(a.GetType().Name),
            });
        }

        var buffer = new byte[4096];
        var writer = new OscWriter(buffer);
        writer.BeginMessage(address.AsSpan(), tags.ToString().AsSpan());
        foreach (object a in arguments)
        {
            switch (a)
            {
                case int i: writer.WriteInt32(i); break;
                case float f: writer.WriteFloat32(f); break;
                case string s: writer.WriteString(s.AsSpan()); break;
                case byte[] b: writer.WriteBlob(b); break;
                case long h: writer.WriteInt64(h); break;
                case double d: writer.WriteFloat64(d); break;
            }
        }

        Assert.True(writer.TryComplete(out int length));
        return buffer[..length];
    }

    public static byte[] Bundle(OscTimeTag timeTag, params byte[][] elements)
    {
        var buffer = new byte[65536];
        var writer = new OscWriter(buffer);
        writer.BeginBundle(timeTag);
        Assert.True(writer.TryComplete(out int length));
        var result = new List<byte>(buffer[..length]);
        foreach (byte[] element in elements)
        {
            var size = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(size, element.Length);
            result.AddRange(size);
            result.AddRange(element);
        }

        return [.. result];
    }

    /// <summary>Address and arguments of a packet our server sent, as strings/ints/floats/blobs.</summary>
    public static (string Address, object[] Arguments) Read(byte[] packet)
    {
        Assert.True(OscMessage.TryParse(packet, out OscMessage m, out OscParseError error), error.ToString());
        var arguments = new object[m.ArgumentCount];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = m.GetArgumentType(i) switch
            {
                OscType.Int32 when m.TryGetInt32(i, out int v) => v,
                OscType.Float32 when m.TryGetFloat32(i, out float v) => v,
                OscType.String when m.TryGetString(i, out ReadOnlySpan<byte> v) => Encoding.UTF8.GetString(v),
                OscType.Blob when m.TryGetBlob(i, out ReadOnlySpan<byte> v) => v.ToArray(),
                _ => throw new InvalidOperationException("unexpected argument"),
            };
        }

        return (Encoding.ASCII.GetString(m.Address), arguments);
    }

    /// <summary>Decodes an X32 meter blob: little-endian int count, then little-endian floats.</summary>
    public static float[] MeterValues(byte[] blob)
    {
        int count = BinaryPrimitives.ReadInt32LittleEndian(blob);
        Assert.Equal(4 + 4 * count, blob.Length);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(blob.AsSpan(4 + 4 * i));
        }

        return values;
    }
}
