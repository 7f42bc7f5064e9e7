namespace MixConsole.Host.Tests.Serve;

/// <summary>mixconsole latency: prints the software's share and says in one line when no impulse came back.</summary>
public sealed class LatencyCommandTests
{
    [Fact]
    public void WithoutACable_TheSoftwareShareIsPrinted_AndTheMissingImpulseIsOneLine()
    {
        var (code, stdout, stderr) = CliRun.Run("latency", "--audio", "null", "--impulses", "2", "--period", "64", "--rt-priority", "0", "--no-mlock");
        Assert.Equal(1, code);
        Assert.Contains("period 64 x 2", stdout);
        Assert.Contains("software: 0 frames (0.00 ms) = no converters, no queue", stdout);
        Assert.Equal("no impulse came back on input 1 from output 1 (2 sent): check the loopback cable, its levels and the channel numbers", stderr.Trim());
    }

    [Fact]
    public void AProfileWithoutItsCard_FailsInOneLine()
    {
        var (code, _, stderr) = CliRun.Run("latency", "--profile", "pi5-hifiberry-dac8x-adc8x", "--rt-priority", "0", "--no-mlock");
        Assert.Equal(1, code);
        Assert.Contains("profile pi5-hifiberry-dac8x-adc8x: no sound card 'sndrpihifiberry'", stderr);
    }
}
