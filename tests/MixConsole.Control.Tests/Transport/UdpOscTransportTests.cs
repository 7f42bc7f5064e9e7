using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MixConsole.Control.Osc;
using MixConsole.Control.Transport;

namespace MixConsole.Control.Tests.Transport;

public class UdpOscTransportTests
{
    [Fact]
    public void Oscsend_FaderMove_IsDecodedFromOurUdpEndpoint()
    {
        using var transport = new UdpOscTransport(new IPEndPoint(IPAddress.Loopback, 0));
        var received = new BlockingCollection<(byte[] Packet, OscPeer Sender)>();
        transport.Start((ReadOnlySpan<byte> packet, in OscPeer sender) => received.Add((packet.ToArray(), sender)));

        LibloTools.Send(transport.LocalEndPoint.Port, "/ch/01/mix/fader", "f", "0.75");

        Assert.True(received.TryTake(out var item, 5000), "nothing arrived");
        Assert.True(OscMessage.TryParse(item.Packet, out OscMessage message, out OscParseError error), error.ToString());
        Assert.True(message.AddressEquals("/ch/01/mix/fader"u8));
        Assert.True(message.TryGetFloat32(0, out float value));
        Assert.Equal(0.75f, value);
        Assert.True(item.Sender.IsIPv4);
        Assert.Equal(IPAddress.Loopback, item.Sender.ToIPEndPoint().Address);
        Assert.NotEqual(0, item.Sender.Port);
    }

    [Fact]
    public void Oscsend_EveryTypeItSupports_DecodesToTheSameValues()
    {
        using var transport = new UdpOscTransport(new IPEndPoint(IPAddress.Loopback, 0));
        var received = new BlockingCollection<byte[]>();
        transport.Start((ReadOnlySpan<byte> packet, in OscPeer _) => received.Add(packet.ToArray()));

        LibloTools.Send(transport.LocalEndPoint.Port, "/ch/05/config/name", "ifshdTFNIs", "-42", "0.125", "Snare top", "-9000000000", "2.5", "Über");

        Assert.True(received.TryTake(out byte[]? packet, 5000), "nothing arrived");
        Assert.True(OscMessage.TryParse(packet, out OscMessage m, out OscParseError error), error.ToString());
        Assert.Equal("ifshdTFNIs", Encoding.ASCII.GetString(m.TypeTags));
        Assert.True(m.TryGetInt32(0, out int i) && i == -42);
        Assert.True(m.TryGetFloat32(1, out float f) && f == 0.125f);
        Assert.True(m.TryGetString(2, out ReadOnlySpan<byte> s) && s.SequenceEqual("Snare top"u8));
        Assert.True(m.TryGetInt64(3, out long h) && h == -9_000_000_000);
        Assert.True(m.TryGetFloat64(4, out double d) && d == 2.5);
        Assert.True(m.TryGetBoolean(5, out bool t) && t);
        Assert.True(m.TryGetBoolean(6, out bool fa) && !fa);
        Assert.Equal(OscType.Nil, m.GetArgumentType(7));
        Assert.Equal(OscType.Impulse, m.GetArgumentType(8));
        Span<char> text = stackalloc char[16];
        Assert.True(m.TryGetString(9, text, out int chars));
        Assert.Equal("Über", text[..chars].ToString());
    }

    [Fact]
    public void OurWriter_MessagesAndBundles_AreReadByOscdump()
    {
        int port = LibloTools.FreeUdpPort();
        using var dump = new OscDump(port);
        using var sender = new UdpOscTransport(new IPEndPoint(IPAddress.Loopback, 0));
        OscPeer to = OscPeer.FromIPEndPoint(new IPEndPoint(IPAddress.Loopback, port));
        var buffer = new byte[256];
        dump.WaitUntilListening(() =>
            OscWriter.TryWriteMessage(buffer, "/probe"u8, out int n) && sender.Send(buffer.AsSpan(0, n), in to));

        var writer = new OscWriter(buffer);
        writer.BeginMessage("/ch/01/mix/fader"u8, "f"u8);
        writer.WriteFloat32(0.75f);
        Assert.True(writer.TryComplete(out int length));
        Assert.True(sender.Send(buffer.AsSpan(0, length), in to));

        writer = new OscWriter(buffer);
        writer.BeginMessage("/types"u8, "ihdsTFNI"u8);
        writer.WriteInt32(-7);
        writer.WriteInt64(1L << 40);
        writer.WriteFloat64(0.5);
        writer.WriteString("Lead vox"u8);
        Assert.True(writer.TryComplete(out length));
        Assert.True(sender.Send(buffer.AsSpan(0, length), in to));

        writer = new OscWriter(buffer);
        writer.BeginBundle(OscTimeTag.Immediate);
        int a = writer.BeginElement();
        writer.BeginMessage("/bundled/one"u8, "i"u8);
        writer.WriteInt32(1);
        writer.EndElement(a);
        int b = writer.BeginElement();
        writer.BeginMessage("/bundled/two"u8, "s"u8);
        writer.WriteString("two"u8);
        writer.EndElement(b);
        Assert.True(writer.TryComplete(out length));
        Assert.True(sender.Send(buffer.AsSpan(0, length), in to));

        string[] lines = dump.WaitForLines(line => !line.Contains("/probe", StringComparison.Ordinal), 4);
        Assert.Contains(lines, line => line.EndsWith("/ch/01/mix/fader f 0.750000", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.EndsWith("/types ihdsTFNI -7 1099511627776 0.500000 \"Lead vox\" #T #F Nil Infinitum", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.EndsWith("/bundled/one i 1", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.EndsWith("/bundled/two s \"two\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Reply_ToTheSendersHandle_ReachesTheSender()
    {
        using var server = new UdpOscTransport(new IPEndPoint(IPAddress.Loopback, 0));
        server.Start((ReadOnlySpan<byte> packet, in OscPeer sender) =>
        {
            Span<byte> reply = stackalloc byte[64];
            if (OscMessage.TryParse(packet, out OscMessage query, out _) && query.ArgumentCount == 0 &&
                OscWriter.TryWriteMessage(reply, query.Address, 0.5f, out int length))
            {
                server.Send(reply[..length], in sender);
            }
        });

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        client.ReceiveTimeout = 5000;
        var buffer = new byte[64];
        Assert.True(OscWriter.TryWriteMessage(buffer, "/ch/03/mix/pan"u8, out int queryLength));
        client.SendTo(buffer.AsSpan(0, queryLength), server.LocalEndPoint);
        int received = client.Receive(buffer);

        Assert.True(OscMessage.TryParse(buffer.AsSpan(0, received), out OscMessage answer, out _));
        Assert.True(answer.AddressEquals("/ch/03/mix/pan"u8));
        Assert.True(answer.TryGetFloat32(0, out float pan) && pan == 0.5f);
    }

    [Fact]
    public void DualModeSocket_ServesIPv4AndIPv6Clients()
    {
        using var server = new UdpOscTransport(new IPEndPoint(IPAddress.IPv6Any, 0));
        var senders = new BlockingCollection<OscPeer>();
        server.Start((ReadOnlySpan<byte> _, in OscPeer sender) => senders.Add(sender));
        byte[] query = "/info\0\0\0,\0\0\0"u8.ToArray();

        using var v4 = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        v4.SendTo(query, new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint.Port));
        Assert.True(senders.TryTake(out OscPeer fromV4, 5000));
        Assert.True(fromV4.IsIPv4);

        using var v6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        v6.SendTo(query, new IPEndPoint(IPAddress.IPv6Loopback, server.LocalEndPoint.Port));
        Assert.True(senders.TryTake(out OscPeer fromV6, 5000));
        Assert.False(fromV6.IsIPv4);
        Assert.Equal(IPAddress.IPv6Loopback, fromV6.ToIPEndPoint().Address);
    }

    [Fact]
    public void ReceiveLoop_AllocatesNothingPerPacket_AndSurvivesAThrowingHandler()
    {
        const int Packets = 2_050;
        using var server = new UdpOscTransport(new IPEndPoint(IPAddress.Loopback, 0));
        var allocations = new AllocationProbe(warmupCalls: 50);
        int count = 0;
        server.Start((ReadOnlySpan<byte> packet, in OscPeer _) =>
        {
            if (Interlocked.Increment(ref count) == 5)
            {
                throw new InvalidOperationException("handler bug");
            }

            allocations.Tick();
        });

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        byte[] packet = "/ch/01/mix/fader\0\0\0\0,f\0\0\x3f\x40\0\0"u8.ToArray();
        for (int i = 0; i < Packets; i++)
        {
            client.SendTo(packet, server.LocalEndPoint);
            if (i % 20 == 0)
            {
                Thread.Sleep(2);
            }
        }

        // Every packet but the one whose handler threw reaches the probe.
        Assert.True(SpinWait.SpinUntil(() => allocations.Calls == Packets - 1, 30_000), $"{Volatile.Read(ref count)} of {Packets} packets arrived");
        allocations.AssertNone("the UDP receive loop handing packets to the handler");
        Assert.Equal(1, server.HandlerFaults);
    }

    [Fact]
    public void Dispose_StopsTheReceiveThreadPromptly()
    {
        var server = new UdpOscTransport(new IPEndPoint(IPAddress.Loopback, 0));
        server.Start((ReadOnlySpan<byte> _, in OscPeer _) => { });
        server.Dispose();
        // Closing the socket woke the blocked receive: the thread ends with no packet and no receive timeout to wait out.
        Assert.True(SpinWait.SpinUntil(() => server.ReceiveThreadEnded, 30_000), "the receive thread is still running");
        Assert.False(server.Send("/x\0\0,\0\0\0"u8, OscPeer.FromIPv4(0x7F000001, 9)));
    }
}
