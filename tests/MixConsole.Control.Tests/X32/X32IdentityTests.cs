using MixConsole.Control.Server;
using MixConsole.Control.Tests.Server;

namespace MixConsole.Control.Tests.X32;

using Osc = MixConsole.Control.Tests.Server.Osc;

/// <summary>
/// The connect handshake as the public X32 protocol document gives it: /info ,ssss server version, server
/// name, model, console version; /xinfo ,ssss address, network name, model, console version; /status ,sss
/// state, address, name. Expected strings come from the document (fw 4.06), not from the server code.
/// </summary>
public sealed class X32IdentityTests
{
    public static TheoryData<string> Models => ["X32", "M32"];

    [Theory]
    [MemberData(nameof(Models))]
    public void IdentifyingAsAnX32Model_AnswersInfoXinfoAndStatus_AsFirmware406Does(string model)
    {
        Assert.True(ConsoleIdentity.TryParse(model.ToLowerInvariant(), "9.9.9", out ConsoleIdentity identity));
        using var h = new ServerHarness(new OscServerOptions { AdvertisedAddress = "192.168.1.40", Identity = identity });
        h.Send(ServerHarness.A, Osc.Message("/config/name", "X32-02-4A-53"));

        var info = h.Query(ServerHarness.A, "/info");
        Assert.Equal("/info", info.Address);
        Assert.Equal(["V2.07", "osc-server", model, "4.06"], info.Arguments);

        var xinfo = h.Query(ServerHarness.A, "/xinfo");
        Assert.Equal("/xinfo", xinfo.Address);
        Assert.Equal(["192.168.1.40", "X32-02-4A-53", model, "4.06"], xinfo.Arguments);

        var status = h.Query(ServerHarness.A, "/status");
        Assert.Equal(["active", "192.168.1.40", "X32-02-4A-53"], status.Arguments);
    }

    [Fact]
    public void ByDefault_TheConsoleKeepsItsOwnName_InTheX32FieldOrder()
    {
        using var h = new ServerHarness(new OscServerOptions { AdvertisedAddress = "10.0.0.2", Version = "1.2.3" });
        Assert.Equal(["V1.2.3", "MixConsole", "MixConsole", "1.2.3"], h.Query(ServerHarness.A, "/info").Arguments);
        Assert.Equal(["10.0.0.2", "MixConsole", "MixConsole", "1.2.3"], h.Query(ServerHarness.A, "/xinfo").Arguments);
    }

    [Fact]
    public void AnUnknownModel_IsNotAnIdentity()
    {
        Assert.False(ConsoleIdentity.TryParse("XR18", "1.0.0", out _));
    }
}
