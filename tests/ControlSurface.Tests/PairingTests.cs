using System.Security.Cryptography;
using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Security;

namespace MixConsole.ControlSurface.Tests;

public class PairingTests
{
    private static readonly byte[] ConsoleKey = Enumerable.Range(0, 32).Select(i => (byte)(i * 37 + 11)).ToArray();

    [Theory]
    [InlineData(16, 0)]
    [InlineData(16, 32)]
    [InlineData(32, 55)]
    [InlineData(32, 56)]
    [InlineData(64, 63)]
    [InlineData(64, 64)]
    [InlineData(65, 65)]
    [InlineData(100, 1000)]
    public void Hmac_MatchesDotNetsHmacSha256(int keyBytes, int messageBytes)
    {
        var random = new Random(keyBytes * 1000 + messageBytes);
        byte[] key = new byte[keyBytes];
        byte[] message = new byte[messageBytes + 3];
        random.NextBytes(key);
        random.NextBytes(message);
        byte[] mac = new byte[Sha256.HashBytes + 1];

        new HmacSha256(key).Compute(message, 3, messageBytes, mac, 1);

        Assert.Equal(HMACSHA256.HashData(key, message.AsSpan(3, messageBytes)), mac.AsSpan(1).ToArray());
    }

    [Fact]
    public void Hmac_AllocatesNothingPerMac()
    {
        var hmac = new HmacSha256(ConsoleKey);
        byte[] nonce = new byte[32];
        byte[] mac = new byte[32];

        Allocations.AssertNone(() => hmac.Compute(nonce, 0, nonce.Length, mac, 0), 1000, "an HMAC of a 32-byte nonce");
    }

    [Fact]
    public void WithTheConsolesKey_TheSurfacePairs_AndItsFaderMovesCount()
    {
        var h = Harness(ConsoleKey, ConsoleKey).Connect();

        h.Surface.MoveFader(0, 0.75f, 100, 50);
        h.Run(300);

        Assert.Equal(1, h.Engine.Link.PairingsAccepted);
        Assert.True(h.Host.Paired);
        Assert.Equal(0, h.Host.RefusedChanges);
        Assert.InRange((float)h.Host.Values["/ch/01/mix/fader"], 0.74f, 0.76f);
        Assert.Equal("/auth/challenge", h.Host.Received[0].Address);
    }

    [Fact]
    public void WithoutTheKey_TheSurfaceConnects_ButThePairedHostRefusesItsChanges()
    {
        var h = Harness(surfaceKey: null, ConsoleKey).Connect();

        h.Surface.MoveFader(0, 0.75f, 100, 50);
        h.Run(300);

        Assert.False(h.Host.Paired);
        Assert.True(h.Host.RefusedChanges > 0);
        Assert.False(h.Host.Values.ContainsKey("/ch/01/mix/fader"));
        Assert.DoesNotContain(h.Host.Received, r => r.Address.StartsWith("/auth/", StringComparison.Ordinal));
    }

    [Fact]
    public void WithAWrongKey_TheLinkStaysDown_RetryingWithBackoff()
    {
        byte[] wrong = ConsoleKey.Select(b => (byte)(b ^ 1)).ToArray();
        var h = Harness(wrong, ConsoleKey);

        h.Surface.Start();
        h.Run(5000);

        Assert.False(h.Engine.Link.IsConnected);
        Assert.True(h.Engine.Link.PairingsRefused >= 2, $"refused {h.Engine.Link.PairingsRefused} times");
        Assert.Equal(0, h.Engine.Link.PairingsAccepted);
        Assert.DoesNotContain(h.Host.Received, r => r.Address == "/xremote");
    }

    [Fact]
    public void ShortKey_IsAConfigurationError()
    {
        var config = SurfaceConfig.CreateFaderDesk(true);
        config.Network.PairKey = new byte[8];

        var e = Assert.Throws<SurfaceConfigException>(() => new Virtual.VirtualSurface(config));

        Assert.Contains("pairing key has 8 bytes; the host needs at least 16", e.Message);
    }

    private static SurfaceHarness Harness(byte[]? surfaceKey, byte[]? hostKey)
    {
        var config = SurfaceConfig.CreateFaderDesk(true);
        config.Network.PairKey = surfaceKey;
        var h = new SurfaceHarness(config);
        h.Host.PairKey = hostKey;
        return h;
    }
}
