using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MixConsole.Control.Osc;

namespace MixConsole.Host.Tests.Serve;

/// <summary>
/// A busy control surface: sends serve a steady stream of parameter changes over UDP (faders, pans, EQ gains, sends,
/// mutes on channels 2..32, optionally the main bus EQ), one packet in ten a bundle of five changes. Channel 1 and
/// the main fader, pan and mute are never touched, so a signal on input 1 reaches main at a level the load leaves alone.
/// </summary>
internal sealed class OscControlLoad : IDisposable
{
    private const int BundleEvery = 10;
    private const int BundleSize = 5;

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint _serve;
    private readonly int _perSecond;
    private readonly byte[][] _faders, _pans, _mutes, _sends;
    private readonly byte[][] _eqGains; // 4 bands per channel
    private readonly byte[][] _mainEqGains;
    private readonly bool _mainEq;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private long _changes;
    private long _bundles;
    private int _disposed;

    /// <summary>Sends <paramref name="changesPerSecond"/> changes a second to serve on <paramref name="port"/> once started.</summary>
    public OscControlLoad(int port, int changesPerSecond, bool mainEq)
    {
        _serve = new IPEndPoint(IPAddress.Loopback, port);
        _perSecond = changesPerSecond;
        _mainEq = mainEq;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        static byte[] Utf8(string s) => Encoding.ASCII.GetBytes(s);
        var channels = Enumerable.Range(2, 31).ToArray();
        _faders = [.. channels.Select(c => Utf8($"/ch/{c:00}/mix/fader"))];
        _pans = [.. channels.Select(c => Utf8($"/ch/{c:00}/mix/pan"))];
        _mutes = [.. channels.Select(c => Utf8($"/ch/{c:00}/mix/on"))];
        _sends = [.. channels.Select(c => Utf8($"/ch/{c:00}/mix/{1 + c % 16:00}/level"))];
        _eqGains = [.. channels.SelectMany(c => Enumerable.Range(1, 4).Select(b => Utf8($"/ch/{c:00}/eq/{b}/g")))];
        _mainEqGains = [.. Enumerable.Range(1, 4).Select(b => Utf8($"/main/st/eq/{b}/g"))];
        _thread = new Thread(Run) { IsBackground = true, Name = "osc control load" };
    }

    /// <summary>Changes sent so far (each message of a bundle counts).</summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>Bundles sent so far.</summary>
    public long Bundles => Interlocked.Read(ref _bundles);

    public void Start() => _thread.Start();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stop.Cancel();
        if (_thread.IsAlive) _thread.Join();
        _socket.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        var random = new Random(15);
        var buffer = new byte[1024];
        var clock = Stopwatch.StartNew();
        long packets = 0;
        while (!_stop.IsCancellationRequested)
        {
            long due = (long)(clock.Elapsed.TotalSeconds * _perSecond);
            while (Changes < due && !_stop.IsCancellationRequested)
            {
                int length;
                int changes = 1;
                if (++packets % BundleEvery == 0)
                {
                    var writer = new OscWriter(buffer);
                    writer.BeginBundle(OscTimeTag.Immediate);
                    for (int i = 0; i < BundleSize; i++)
                    {
                        int element = writer.BeginElement();
                        WriteChange(ref writer, random);
                        writer.EndElement(element);
                    }

                    writer.TryComplete(out length);
                    changes = BundleSize;
                    Interlocked.Increment(ref _bundles);
                }
                else
                {
                    var writer = new OscWriter(buffer);
                    WriteChange(ref writer, random);
                    writer.TryComplete(out length);
                }

                _socket.SendTo(buffer.AsSpan(0, length), SocketFlags.None, _serve);
                Interlocked.Add(ref _changes, changes);
            }

            Thread.Sleep(1);
        }
    }

    private void WriteChange(ref OscWriter writer, Random random)
    {
        int ch = random.Next(_faders.Length);
        float value = random.NextSingle();
        switch (random.Next(_mainEq ? 6 : 5))
        {
            case 0: Float(ref writer, _faders[ch], value); break;
            case 1: Float(ref writer, _pans[ch], value); break;
            case 2: Float(ref writer, _eqGains[4 * ch + random.Next(4)], value); break;
            case 3: Float(ref writer, _sends[ch], value); break;
            case 4:
                writer.BeginMessage(_mutes[ch], "i"u8);
                writer.WriteInt32(random.Next(2));
                break;
            default: Float(ref writer, _mainEqGains[random.Next(4)], 0.25f + value * 0.5f); break;
        }
    }

    private static void Float(ref OscWriter writer, byte[] address, float value)
    {
        writer.BeginMessage(address, "f"u8);
        writer.WriteFloat32(value);
    }
}
