using System.Net;
using MixConsole.Control.Security;
using MixConsole.Control.Transport;

namespace MixConsole.Control.Tests.Security;

public class AccessAllowlistTests
{
    private static OscPeer Peer(string address) => OscPeer.FromIPAddress(IPAddress.Parse(address), 10023);

    [Theory]
    [InlineData("192.168.1.0/24", "192.168.1.77", true)]
    [InlineData("192.168.1.0/24", "192.168.2.1", false)]
    [InlineData("192.168.1.55/24", "192.168.1.1", true)] // host bits are cleared
    [InlineData("10.0.0.0/8", "10.255.0.9", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("0.0.0.0/0", "2001:db8::1", false)] // an IPv4 "everything" is still IPv4 only
    [InlineData("192.168.1.10", "192.168.1.10", true)] // a bare address is one host
    [InlineData("192.168.1.10", "192.168.1.11", false)]
    [InlineData("fd00::/8", "fd12:3456::1", true)]
    [InlineData("fd00::/8", "fe80::1", false)]
    [InlineData("2001:db8:1::/48", "2001:db8:1:ffff::2", true)]
    [InlineData("2001:db8:1::/48", "2001:db8:2::2", false)]
    [InlineData("::ffff:192.168.0.0/112", "192.168.3.4", true)] // IPv4-mapped form parses as IPv4
    public void Cidr_Contains_MatchesTheNetwork(string network, string address, bool expected) =>
        Assert.Equal(expected, CidrNetwork.Parse(network).Contains(Peer(address)));

    [Theory]
    [InlineData("")]
    [InlineData("192.168.1.0/33")]
    [InlineData("fd00::/129")]
    [InlineData("192.168.1.0/-1")]
    [InlineData("not-an-address/8")]
    [InlineData("192.168.1.0/")]
    public void Cidr_InvalidText_IsRejected(string text) => Assert.False(CidrNetwork.TryParse(text, out _));

    [Theory]
    [InlineData("192.168.1.55/24", "192.168.1.0/24")]
    [InlineData("fd00:1::5/32", "fd00:1::/32")]
    public void Cidr_ToString_IsCanonical(string text, string expected) =>
        Assert.Equal(expected, CidrNetwork.Parse(text).ToString());

    [Fact]
    public void Default_AllowsLoopbackAndOwnSubnets_RefusesOutsiders()
    {
        AccessAllowlist allowlist = AccessAllowlist.CreateDefault();
        Assert.True(allowlist.IsAllowed(Peer("127.0.0.1")));
        Assert.True(allowlist.IsAllowed(Peer("127.3.2.1")));
        Assert.True(allowlist.IsAllowed(Peer("::1")));
        Assert.True(allowlist.IsAllowed(OscPeer.SerialLine));
        foreach (CidrNetwork subnet in AccessAllowlist.LocalSubnets())
        {
            Assert.True(allowlist.Networks.Contains(subnet), $"{subnet} missing");
        }

        // TEST-NET-3 (RFC 5737) and the documentation IPv6 prefix are never a host's own subnet.
        Assert.False(allowlist.IsAllowed(Peer("203.0.113.50")));
        Assert.False(allowlist.IsAllowed(Peer("2001:db8::50")));
    }

    [Fact]
    public void Allowlist_OnlyListedNetworks()
    {
        var allowlist = new AccessAllowlist([CidrNetwork.Parse("192.168.10.0/24")]);
        Assert.True(allowlist.IsAllowed(Peer("192.168.10.20")));
        Assert.False(allowlist.IsAllowed(Peer("127.0.0.1")));
    }
}
