using MixConsole.Control.Meters;
using MixConsole.Control.Security;
using MixConsole.Control.Server;
using MixConsole.Control.Transport;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;

namespace MixConsole.Control.Tests.Server;

/// <summary>A server over a fresh store, a recording transport as link 0 and a hand-moved clock; the test calls Tick.</summary>
internal sealed class ServerHarness : IDisposable
{
    private static readonly ParameterTable SharedTable = ParameterTable.Create(ConsoleConfig.Default);

    public ServerHarness(OscServerOptions? options = null, AccessController? access = null, IMeterSource? meters = null, ConsoleConfig? config = null)
    {
        Store = new ParameterStore(config is null ? SharedTable : ParameterTable.Create(config));
        Server = new OscServer(Store, options, access, meters, Clock, Log.Add);
        Server.AddTransport(Link);
        Server.Start(runControlThread: false);
    }

    public static OscPeer A { get; } = OscPeer.FromIPv4(0x7F000001, 9001);

    public static OscPeer B { get; } = OscPeer.FromIPv4(0x7F000001, 9002);

    public static OscPeer C { get; } = OscPeer.FromIPv4(0x7F000001, 9003);

    public ManualClock Clock { get; } = new();

    public RecordingTransport Link { get; } = new();

    public ParameterStore Store { get; }

    public OscServer Server { get; }

    public List<string> Log { get; } = [];

    public int Index(string path) => Store.Table.IndexOf(path);

    public void Send(OscPeer from, byte[] packet) => Server.HandlePacket(packet, in from, 0);

    /// <summary>Sends a query and returns the one answer addressed to <paramref name="from"/>.</summary>
    public (string Address, object[] Arguments) Query(OscPeer from, string path)
    {
        Link.Clear();
        Send(from, Osc.Message(path));
        byte[] answer = Assert.Single(Link.SentTo(from));
        return Osc.Read(answer);
    }

    public void Dispose() => Server.Dispose();
}
