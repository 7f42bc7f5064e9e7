using MixConsole.Control.Security;
using MixConsole.Control.Transport;

namespace MixConsole.Control.Tests.Security;

public class AccessControllerTests
{
    private static readonly OscPeer Inside = OscPeer.FromIPv4(0xC0A80105, 10023);
    private static readonly OscPeer Outside = OscPeer.FromIPv4(0xCB007101, 10023);

    private static AccessController Create(FakeTime time, List<string> log, PairingAuthenticator? pairing = null, Action<string>? logger = null) =>
        new(new AccessAllowlist([CidrNetwork.Parse("192.168.1.0/24")]),
            new ClientRateLimiter(100, 5, 64, time),
            pairing,
            logger ?? log.Add,
            time: time);

    [Fact]
    public void Outsider_IsRefused_CountedEachTime_LoggedOnce()
    {
        var log = new List<string>();
        AccessController gate = Create(new FakeTime(), log);
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(RefusalReason.NotAllowed, gate.Check(Outside with { Port = (ushort)(4000 + i) }, AccessIntent.Read));
        }

        Assert.Equal(10, gate.GetRefusalCount(RefusalReason.NotAllowed));
        Assert.Single(log);
        Assert.Contains("203.0.113.1", log[0], StringComparison.Ordinal);
        Assert.Contains("NotAllowed", log[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Flooder_IsRateLimited_OthersAreNot()
    {
        var log = new List<string>();
        AccessController gate = Create(new FakeTime(), log);
        int refused = 0;
        for (int i = 0; i < 50; i++)
        {
            refused += gate.Check(Inside, AccessIntent.Write) == RefusalReason.RateLimited ? 1 : 0;
        }

        Assert.Equal(45, refused);
        Assert.Equal(RefusalReason.None, gate.Check(Inside with { Address = Inside.Address + 1 }, AccessIntent.Write));
        Assert.Single(log);
    }

    [Fact]
    public void PairedMode_RefusesChangesFromUnpairedClients_ButNotQueries()
    {
        var time = new FakeTime();
        var log = new List<string>();
        byte[] key = new byte[32];
        key[0] = 7;
        var pairing = new PairingAuthenticator(key, TimeSpan.FromMinutes(5), time: time);
        AccessController gate = Create(time, log, pairing);

        Assert.Equal(RefusalReason.None, gate.Check(Inside, AccessIntent.Read));
        Assert.Equal(RefusalReason.None, gate.Check(Inside, AccessIntent.Pairing));
        Assert.Equal(RefusalReason.NotPaired, gate.Check(Inside, AccessIntent.Write));

        Span<byte> nonce = stackalloc byte[32];
        Span<byte> mac = stackalloc byte[32];
        pairing.CreateChallenge(Inside, nonce);
        PairingAuthenticator.ComputeResponse(key, nonce, mac);
        Assert.Equal(PairingResult.Paired, pairing.VerifyResponse(Inside, mac));
        Assert.Equal(RefusalReason.None, gate.Check(Inside, AccessIntent.Write));
    }

    [Fact]
    public void ThrowingLogger_NeverEscapes()
    {
        var log = new List<string>();
        AccessController gate = Create(new FakeTime(), log, logger: _ => throw new IOException("disk full"));
        Assert.Equal(RefusalReason.NotAllowed, gate.Check(Outside, AccessIntent.Read));
        gate.Refuse(Inside, RefusalReason.Malformed);
        Assert.Equal(2, gate.TotalRefusals);
    }

    [Fact]
    public void SpoofedSourceFlood_LogsWithinTheLineBudget_AndCountsEverything()
    {
        var time = new FakeTime();
        var log = new List<string>();
        AccessController gate = Create(time, log);
        for (uint source = 0; source < 10_000; source++)
        {
            gate.Check(OscPeer.FromIPv4(0xCB007100 + source, 1), AccessIntent.Read);
        }

        Assert.Equal(AccessController.MaxLogLinesPerMinute, log.Count);
        Assert.Equal(10_000, gate.GetRefusalCount(RefusalReason.NotAllowed));

        time.Advance(TimeSpan.FromMinutes(1));
        gate.Check(OscPeer.FromIPv4(0xCB00FF00, 1), AccessIntent.Read);
        Assert.Equal(AccessController.MaxLogLinesPerMinute + 1, log.Count);
        Assert.Contains("not logged", log[^1], StringComparison.Ordinal);
    }
}
