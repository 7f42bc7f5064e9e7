using MixConsole.Control.Osc;

namespace MixConsole.Control.Tests.Osc;

public class OscAddressPatternTests
{
    [Theory]
    [InlineData("/ch/01/mix/fader", "/ch/01/mix/fader", true)]
    [InlineData("/ch/01/mix/fader", "/ch/02/mix/fader", false)]
    [InlineData("/ch/01/mix", "/ch/01/mix/fader", false)]
    [InlineData("/ch/01/mix/fader/x", "/ch/01/mix/fader", false)]
    [InlineData("/ch/0?/mix/fader", "/ch/07/mix/fader", true)]
    [InlineData("/ch/0?/mix/fader", "/ch/10/mix/fader", false)]
    [InlineData("/ch/?/mix", "/ch/01/mix", false)]
    [InlineData("/ch/*/mix/fader", "/ch/32/mix/fader", true)]
    [InlineData("/ch/*/fader", "/ch/01/mix/fader", false)] // '*' never crosses '/'
    [InlineData("/ch/*", "/ch/", true)] // '*' matches an empty run
    [InlineData("/ch/0*", "/ch/05", true)]
    [InlineData("/ch/*5", "/ch/15", true)]
    [InlineData("/ch/*5", "/ch/16", false)]
    [InlineData("/ch/**/mix", "/ch/01/mix", true)]
    [InlineData("/*/*/*/*", "/ch/01/mix/fader", true)]
    [InlineData("/ch/[0-1][0-9]/mix/on", "/ch/19/mix/on", true)]
    [InlineData("/ch/[0-1][0-9]/mix/on", "/ch/20/mix/on", false)]
    [InlineData("/ch/0[!1-4]/mix/on", "/ch/05/mix/on", true)]
    [InlineData("/ch/0[!1-4]/mix/on", "/ch/03/mix/on", false)]
    [InlineData("/ch/0[13579]/mix/on", "/ch/07/mix/on", true)]
    [InlineData("/ch/0[13579]/mix/on", "/ch/08/mix/on", false)]
    [InlineData("/eq/[-a]", "/eq/-", true)] // a leading '-' is literal
    [InlineData("/eq/[a-]", "/eq/-", true)] // so is a trailing one
    [InlineData("/eq/[a-]", "/eq/b", false)]
    [InlineData("/ch/01/mix/{fader,pan}", "/ch/01/mix/pan", true)]
    [InlineData("/ch/01/mix/{fader,pan}", "/ch/01/mix/fader", true)]
    [InlineData("/ch/01/mix/{fader,pan}", "/ch/01/mix/on", false)]
    [InlineData("/ch/01/{mix,eq}/{on,fader}", "/ch/01/eq/on", true)]
    [InlineData("/ch/01/mix/{fade,fader}r", "/ch/01/mix/faderr", true)] // backtracks into the second choice
    [InlineData("/ch/01/mix/{,x}on", "/ch/01/mix/on", true)] // empty choice
    [InlineData("/ch/{01,02}*/mix", "/ch/02b/mix", true)]
    [InlineData("/ch/[01/mix", "/ch/0/mix", false)] // unclosed '[' matches nothing
    [InlineData("/ch/{01/mix", "/ch/01/mix", false)] // unclosed '{' matches nothing
    public void Pattern_MatchesAsOsc10Specifies(string pattern, string address, bool expected)
    {
        Assert.Equal(expected, OscAddressPattern.IsMatch(pattern, address));
    }

    [Theory]
    [InlineData("/ch/01/mix/fader", false)]
    [InlineData("/ch/*/mix/fader", true)]
    [InlineData("/ch/0?/mix", true)]
    [InlineData("/ch/[0-9]1", true)]
    [InlineData("/ch/{01,02}", true)]
    public void HasWildcards_SpotsEveryWildcard(string pattern, bool expected) =>
        Assert.Equal(expected, OscAddressPattern.HasWildcards(System.Text.Encoding.ASCII.GetBytes(pattern)));

    [Fact]
    public void HostilePattern_IsBoundedByTheStepBudget()
    {
        byte[] pattern = System.Text.Encoding.ASCII.GetBytes("/" + string.Concat(Enumerable.Repeat("*a", 30)) + "b");
        byte[] address = System.Text.Encoding.ASCII.GetBytes("/" + new string('a', 3000));
        Assert.False(OscAddressPattern.IsMatch(pattern, address, out int steps));
        // The work itself, counted: a clock would measure the machine's load as well.
        Assert.True(steps <= OscAddressPattern.StepBudget + 1, $"took {steps} matching steps");
    }

    [Fact]
    public void Matching_AllocatesNothing()
    {
        bool any = false;
        Allocations.AssertNone(
            () =>
            {
                any |= OscAddressPattern.IsMatch("/ch/[0-3]?/mix/{fader,pan}"u8, "/ch/17/mix/pan"u8);
                any |= OscAddressPattern.IsMatch("/ch/*/mix/*"u8, "/ch/01/eq/on"u8);
            },
            calls: 10_000,
            what: "OscAddressPattern.IsMatch with a character class, alternatives and wildcards");

        Assert.True(any);
    }
}
