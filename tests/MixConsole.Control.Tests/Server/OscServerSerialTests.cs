using System.Diagnostics;
using System.Net;
using MixConsole.Control.Osc;
using MixConsole.Control.Server;
using MixConsole.Control.Transport;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;

namespace MixConsole.Control.Tests.Server;

public class OscServerSerialTests
{
    [Fact]
    public void SlipSerialAt921600_SetsQueriesAndReceivesEchoesOfUdpChanges_ThroughTheSameDispatcher()
    {
        var store = new ParameterStore(ParameterTable.Create(ConsoleConfig.Default));
        using PseudoTerminal pty = PseudoTerminal.Open();
        using var server = new OscServer(store);
        var udp = new UdpOscTransport(new IPEndPoint(IPAddress.Loopback, 0));
        server.AddTransport(udp);
        server.AddTransport(new SerialOscTransport(pty.SubordinatePath, 921600));
        server.Start();
        var line = new SurfaceLine(pty);

        line.Send(Osc.Message("/ch/01/mix/fader", 0.25f));
        line.Send(Osc.Message("/ch/01/mix/fader"));
        var (_, arguments) = Osc.Read(line.Receive("/ch/01/mix/fader"));
        Assert.Equal(256f / 1023f, Assert.Single(arguments));
        Assert.Equal(256, store.GetGridIndex(store.Table.IndexOf("/ch/01/mix/fader")));

        line.Send(Osc.Message("/xremote"));
        Assert.True(LiveServer.WaitUntil(() => server.SubscriberCount == 1));
        using var app = new UdpTestClient(udp.LocalEndPoint);
        app.Send(Osc.Message("/ch/02/mix/on", 0));
        Assert.Equal(0, Assert.Single(Osc.Read(line.Receive("/ch/02/mix/on")).Arguments));
    }

    /// <summary>The surface's end of the pseudo-terminal: SLIP frames out, SLIP frames in.</summary>
    private sealed class SurfaceLine(PseudoTerminal pty)
    {
        private readonly SlipDecoder _decoder = new(4096);
        private readonly Queue<byte[]> _frames = new();

        public void Send(byte[] packet)
        {
            var frame = new byte[Slip.MaxEncodedLength(packet.Length)];
            Assert.True(Slip.TryEncode(packet, frame, out int length));
            Assert.True(pty.Write(frame.AsSpan(0, length)));
        }

        public byte[] Receive(string address)
        {
            var chunk = new byte[4096];
            var clock = Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < 30_000)
            {
                while (_frames.Count > 0)
                {
                    byte[] frame = _frames.Dequeue();
                    if (Osc.Read(frame).Address == address)
                    {
                        return frame;
                    }
                }

                int n = pty.Read(chunk, 100);
                ReadOnlySpan<byte> input = chunk.AsSpan(0, n);
                while (_decoder.TryReadFrame(ref input, out ReadOnlySpan<byte> frame))
                {
                    _frames.Enqueue(frame.ToArray());
                }
            }

            Assert.Fail($"no {address} frame on the line");
            return [];
        }
    }
}
