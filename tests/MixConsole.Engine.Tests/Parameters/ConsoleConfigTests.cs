using MixConsole.Engine.Configuration;
using Xunit;

namespace MixConsole.Engine.Tests.Parameters;

public class ConsoleConfigTests
{
    [Fact]
    public void Default_Is32Channels16Buses4Fx8Dcas6MuteGroups()
    {
        Assert.Equal(new ConsoleConfig(32, 16, 4, 8, 6), ConsoleConfig.Default);
        Assert.Empty(ConsoleConfig.Default.Validate());
    }

    [Fact]
    public void Pi4Profile_FitsA6In8OutCodec()
    {
        var pi = ConsoleConfig.FromProfile("pi4-cs42448");
        Assert.Equal(6, pi.Channels);
        Assert.Equal(4, pi.Buses);
        Assert.Equal(2, pi.FxSlots);
        Assert.Empty(pi.Validate());
        Assert.Same(ConsoleConfig.Pi4Cs42448, ConsoleConfig.FromProfile("PI4-CS42448"));
    }

    [Fact]
    public void UnknownProfile_ErrorListsKnownProfiles()
    {
        var e = Assert.Throws<ConsoleConfigException>(() => ConsoleConfig.FromProfile("x32-full"));
        Assert.Contains("x32-full", e.Message, StringComparison.Ordinal);
        Assert.Contains("pi4-cs42448", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamesEveryBadCount()
    {
        var bad = new ConsoleConfig(Channels: 0, Buses: 100, FxSlots: 9, Dcas: 17, MuteGroups: -1);
        var errors = bad.Validate();
        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Channels must be between 1 and 99", StringComparison.Ordinal) && e.EndsWith("got 0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Buses", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("FxSlots", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Dcas", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("MuteGroups", StringComparison.Ordinal));
        var thrown = Assert.Throws<ConsoleConfigException>(bad.EnsureValid);
        Assert.Equal(5, thrown.Errors.Count);
    }

    [Fact]
    public void FromJson_ReadsProfileAndOverrides()
    {
        var config = ConsoleConfig.FromJson("""{"profile": "pi4-cs42448", "buses": 6}""");
        Assert.Equal(ConsoleConfig.Pi4Cs42448 with { Buses = 6 }, config);
        Assert.Equal(new ConsoleConfig(Channels: 16), ConsoleConfig.FromJson("""{"channels": 16}"""));
    }

    [Theory]
    [InlineData("""{"chanels": 16}""", "chanels")]
    [InlineData("""{"channels": 1.5}""", "channels")]
    [InlineData("""{"channels": 120}""", "Channels must be between 1 and 99")]
    [InlineData("""[1]""", "JSON object")]
    [InlineData("""{"channels": """, "not valid JSON")]
    public void FromJson_RejectsBadInput_WithAClearMessage(string json, string expected)
    {
        var e = Assert.Throws<ConsoleConfigException>(() => ConsoleConfig.FromJson(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
