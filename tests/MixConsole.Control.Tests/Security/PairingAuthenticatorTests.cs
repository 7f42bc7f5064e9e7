using System.Text;
using MixConsole.Control.Osc;
using MixConsole.Control.Security;
using MixConsole.Control.Transport;

namespace MixConsole.Control.Tests.Security;

public class PairingAuthenticatorTests
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("front-of-house-shared-key");
    private static readonly OscPeer Tablet = OscPeer.FromIPv4(0xC0A8010A, 50000);

    [Fact]
    public void CorrectHmac_Pairs_ForTheSessionTime()
    {
        var time = new FakeTime();
        var auth = new PairingAuthenticator(Key, TimeSpan.FromMinutes(10), time: time);
        Assert.False(auth.IsPaired(Tablet));
        Span<byte> nonce = stackalloc byte[PairingAuthenticator.NonceBytes];
        auth.CreateChallenge(Tablet, nonce);
        Span<byte> mac = stackalloc byte[PairingAuthenticator.ResponseBytes];
        PairingAuthenticator.ComputeResponse(Key, nonce, mac);

        Assert.Equal(PairingResult.Paired, auth.VerifyResponse(Tablet, mac));
        Assert.True(auth.IsPaired(Tablet));
        Assert.False(auth.IsPaired(Tablet with { Port = 50001 }));
        time.Advance(TimeSpan.FromMinutes(11));
        Assert.False(auth.IsPaired(Tablet));
    }

    [Fact]
    public void WrongKey_IsRefused_AndTheChallengeIsUsedUp()
    {
        var auth = new PairingAuthenticator(Key, TimeSpan.FromMinutes(10), time: new FakeTime());
        Span<byte> nonce = stackalloc byte[PairingAuthenticator.NonceBytes];
        auth.CreateChallenge(Tablet, nonce);
        Span<byte> mac = stackalloc byte[PairingAuthenticator.ResponseBytes];
        PairingAuthenticator.ComputeResponse(Encoding.ASCII.GetBytes("a-guess-at-the-shared-key"), nonce, mac);
        Assert.Equal(PairingResult.WrongResponse, auth.VerifyResponse(Tablet, mac));

        PairingAuthenticator.ComputeResponse(Key, nonce, mac);
        Assert.Equal(PairingResult.NoChallenge, auth.VerifyResponse(Tablet, mac)); // no second try on one nonce
        Assert.False(auth.IsPaired(Tablet));
    }

    [Fact]
    public void LateOrMissingOrMalformedResponses_AreRefused()
    {
        var time = new FakeTime();
        var auth = new PairingAuthenticator(Key, TimeSpan.FromMinutes(10), time: time);
        Span<byte> mac = stackalloc byte[PairingAuthenticator.ResponseBytes];
        Assert.Equal(PairingResult.NoChallenge, auth.VerifyResponse(Tablet, mac));

        Span<byte> nonce = stackalloc byte[PairingAuthenticator.NonceBytes];
        auth.CreateChallenge(Tablet, nonce);
        PairingAuthenticator.ComputeResponse(Key, nonce, mac);
        time.Advance(PairingAuthenticator.ChallengeLifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(PairingResult.ChallengeExpired, auth.VerifyResponse(Tablet, mac));

        auth.CreateChallenge(Tablet, nonce);
        Assert.Equal(PairingResult.MalformedResponse, auth.VerifyResponse(Tablet, mac[..16]));
    }

    [Fact]
    public void NoncesAreFreshEachTime()
    {
        var auth = new PairingAuthenticator(Key, TimeSpan.FromMinutes(10));
        var first = new byte[32];
        var second = new byte[32];
        auth.CreateChallenge(Tablet, first);
        auth.CreateChallenge(Tablet, second);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void OscExchange_ChallengeBlobThenResponseBlob_Pairs()
    {
        var auth = new PairingAuthenticator(Key, TimeSpan.FromMinutes(10));
        var packet = new byte[128];
        var reply = new byte[128];

        Assert.True(OscWriter.TryWriteMessage(packet, "/auth/challenge"u8, out int length));
        Assert.True(OscMessage.TryParse(packet.AsSpan(0, length), out OscMessage ask, out _));
        Assert.True(auth.TryHandle(ask, Tablet, reply, out int replyLength, out _));
        Assert.True(OscMessage.TryParse(reply.AsSpan(0, replyLength), out OscMessage challenge, out _));
        Assert.True(challenge.AddressEquals("/auth/challenge"u8));
        Assert.True(challenge.TryGetBlob(0, out ReadOnlySpan<byte> nonce));
        Assert.Equal(32, nonce.Length);

        Span<byte> mac = stackalloc byte[32];
        PairingAuthenticator.ComputeResponse(Key, nonce, mac);
        var writer = new OscWriter(packet);
        writer.BeginMessage("/auth/response"u8, "b"u8);
        writer.WriteBlob(mac);
        Assert.True(writer.TryComplete(out length));
        Assert.True(OscMessage.TryParse(packet.AsSpan(0, length), out OscMessage response, out _));
        Assert.True(auth.TryHandle(response, Tablet, reply, out replyLength, out PairingResult result));
        Assert.Equal(PairingResult.Paired, result);
        Assert.True(OscMessage.TryParse(reply.AsSpan(0, replyLength), out OscMessage verdict, out _));
        Assert.True(verdict.TryGetInt32(0, out int ok) && ok == 1);
        Assert.True(auth.IsPaired(Tablet));

        Assert.True(OscWriter.TryWriteMessage(packet, "/ch/01/mix/fader"u8, 0.5f, out length));
        Assert.True(OscMessage.TryParse(packet.AsSpan(0, length), out OscMessage other, out _));
        Assert.False(auth.TryHandle(other, Tablet, reply, out _, out _));
    }

    [Fact]
    public void ShortKey_IsRejected() =>
        Assert.Throws<ArgumentException>(() => new PairingAuthenticator(new byte[8], TimeSpan.FromMinutes(1)));
}
