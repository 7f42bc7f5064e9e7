using BenchmarkDotNet.Attributes;
using MixConsole.Control.Osc;
using MixConsole.Control.Security;
using MixConsole.Control.Server;
using MixConsole.Control.Transport;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;

namespace MixConsole.Benchmarks;

/// <summary>
/// Messages decoded AND applied per second on one core by the OSC server's dispatcher: validate the packet,
/// pass access control (allowlist, per-client token bucket), look the path up, snap and write the value to
/// the parameter store, record the change's origin. Messages per second = 1e9 / Mean(ns).
/// Run: dotnet run -c Release --project tools/MixConsole.Benchmarks -- --filter '*OscServer*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class OscServerBenchmarks
{
    private const int BundleSize = 8;
    private static readonly OscPeer Client = OscPeer.FromIPv4(0xC0A80114, 50000);
    private OscServer _open = null!;
    private OscServer _guarded = null!;
    private byte[][] _faderMoves = [];
    private byte[] _bundle = [];
    private byte[] _query = [];
    private byte[] _wildcard = [];
    private int _next;

    /// <summary>Builds the servers and packets once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var table = ParameterTable.Create(ConsoleConfig.Default);
        _open = new OscServer(new ParameterStore(table));
        _open.AddTransport(new DiscardTransport());
        _open.Start(runControlThread: false);

        var access = new AccessController(
            new AccessAllowlist([CidrNetwork.Parse("192.168.1.0/24")]), new ClientRateLimiter(1e12, 1e12, 64));
        _guarded = new OscServer(new ParameterStore(table), access: access);
        _guarded.AddTransport(new DiscardTransport());
        _guarded.Start(runControlThread: false);

        // Alternating values so every set really changes the store.
        _faderMoves = [Message("/ch/17/mix/fader"u8, 0.25f), Message("/ch/17/mix/fader"u8, 0.5f)];
        var buffer = new byte[4096];
        var writer = new OscWriter(buffer);
        writer.BeginBundle(OscTimeTag.Immediate);
        for (int i = 0; i < BundleSize; i++)
        {
            int element = writer.BeginElement();
            writer.BeginMessage("/ch/01/mix/fader"u8, "f"u8);
            writer.WriteFloat32((i + 1) / 9f);
            writer.EndElement(element);
        }

        writer.TryComplete(out int length);
        _bundle = buffer[..length];
        OscWriter.TryWriteMessage(buffer, "/ch/17/mix/fader"u8, out length);
        _query = buffer[..length];
        OscWriter.TryWriteMessage(buffer, "/ch/*/mix/on"u8, 1, out length);
        _wildcard = buffer[..length];
    }

    /// <summary>Stops the servers.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _open.Dispose();
        _guarded.Dispose();
    }

    /// <summary>One fader move in its own packet, with access control: the surface's and apps' common case.</summary>
    [Benchmark(Baseline = true)]
    public void FaderSet_WithAccessControl() => _guarded.HandlePacket(_faderMoves[_next++ & 1], in Client, 0);

    /// <summary>The same with access control off: the dispatcher and store alone.</summary>
    [Benchmark]
    public void FaderSet_Open() => _open.HandlePacket(_faderMoves[_next++ & 1], in Client, 0);

    /// <summary>A bundle of eight fader moves; cost per message.</summary>
    [Benchmark(OperationsPerInvoke = BundleSize)]
    public void BundleOfEightSets_PerMessage() => _guarded.HandlePacket(_bundle, in Client, 0);

    /// <summary>A query: look up, format the answer, hand it to the transport.</summary>
    [Benchmark]
    public void Query_WithAnswer() => _guarded.HandlePacket(_query, in Client, 0);

    /// <summary>A wildcard set over every channel (/ch/*/mix/on): matched against all 3752 paths; cost per packet.</summary>
    [Benchmark]
    public void WildcardSet_AllChannels() => _guarded.HandlePacket(_wildcard, in Client, 0);

    private static byte[] Message(ReadOnlySpan<byte> address, float value)
    {
        var buffer = new byte[256];
        OscWriter.TryWriteMessage(buffer, address, value, out int length);
        return buffer[..length];
    }

    private sealed class DiscardTransport : IOscTransport
    {
        public string Name => "discard";

        public void Start(OscPacketHandler handler)
        {
        }

        public bool Send(ReadOnlySpan<byte> packet, in OscPeer destination) => true;

        public void Dispose()
        {
        }
    }
}
