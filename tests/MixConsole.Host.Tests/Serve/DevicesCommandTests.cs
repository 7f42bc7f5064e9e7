namespace MixConsole.Host.Tests.Serve;

/// <summary>mixconsole devices lists what exists, and says so when nothing does.</summary>
public sealed class DevicesCommandTests
{
    [Fact]
    public void Devices_ListsPcmsJackAndProfiles_WithoutACard()
    {
        var (code, stdout, stderr) = CliRun.Run("devices", "--jack-server", "no-such-server-4711");
        Assert.True(code == 0, stderr);
        Assert.Contains("ALSA cards:", stdout);
        Assert.Contains("  null ", stdout);
        Assert.Contains("no JACK server named 'no-such-server-4711' is running", stdout);
        Assert.Contains("pi4-cs42448", stdout);
        Assert.Contains("6 in / 8 out, 64 x 2", stdout);
    }
}
