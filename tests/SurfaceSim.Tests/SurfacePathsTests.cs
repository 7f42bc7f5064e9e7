using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Engine;
using MixConsole.ControlSurface.Hardware;
using MixConsole.ControlSurface.Mapping;
using MixConsole.ControlSurface.Virtual;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using SurfaceKind = MixConsole.ControlSurface.Mapping.ParameterKind;

namespace MixConsole.SurfaceSim.Tests;

public class SurfacePathsTests
{
    // X32 paths the surface speaks that are commands, not parameters: /info (answered, not stored) and, on the desk's
    // scenes page, the scene commands the host serves from its store (Host/Scenes/SceneOscCommands), with their wire types.
    private static readonly string[] NotParameters = ["/info"];
    private static readonly Dictionary<string, char> SceneCommands = new()
    {
        ["/-show/prepos/current"] = 'i',
        ["/-show/showfile/scene/000/name"] = 's',
        ["/-action/goscene"] = 'i',
    };

    // The mastering panel's presets page asks for the names the host serves from its presets (Host/Serve/MasterOscCommands).
    private const string PresetList = "/master/preset/list";

    [Theory]
    [InlineData("fader-desk")]
    [InlineData("mastering-panel")]
    public void EveryAddressTheSurfaceSpeaks_IsInTheHostsParameterTable(string profile)
    {
        var table = ParameterTable.Create(ConsoleConfig.FromProfile(ConsoleConfig.DefaultProfileName));
        var surface = new VirtualSurface(SurfaceConfig.Create(profile));
        var book = surface.Engine.Parameters;

        var missing = new List<string>();
        for (int id = 0; id < book.Count; id++)
        {
            byte[] bytes = book.Address(id);
            int length = Array.IndexOf(bytes, (byte)0);
            string path = System.Text.Encoding.ASCII.GetString(bytes, 0, length < 0 ? bytes.Length : length);
            if (path.Contains('*', StringComparison.Ordinal))
            {
                // A size probe: it must name the host's faders of one kind, one answer per channel, bus or DCA.
                var matches = table.Parameters.Where(p => MixConsole.Control.Osc.OscAddressPattern.IsMatch(path, p.Path)).ToList();
                Assert.Equal(path.StartsWith("/ch/", StringComparison.Ordinal) ? 32 : path.StartsWith("/bus/", StringComparison.Ordinal) ? 16 : 8, matches.Count);
                Assert.All(matches, p => Assert.EndsWith("fader", p.Path, StringComparison.Ordinal));
            }
            else if (!table.TryGetIndex(path, out _))
            {
                missing.Add(path);
            }
        }

        Assert.Equal(profile == "fader-desk" ? [.. NotParameters, .. SceneCommands.Keys] : [.. NotParameters, PresetList], missing.ToArray());
    }

    [Fact]
    public void EverySurfaceParameter_TravelsAsTheHostsWireType()
    {
        var table = ParameterTable.Create(ConsoleConfig.FromProfile(ConsoleConfig.DefaultProfileName));
        var book = new VirtualSurface(SurfaceConfig.Create("fader-desk")).Engine.Parameters;
        for (int id = 0; id < book.Count; id++)
        {
            byte[] bytes = book.Address(id);
            string path = System.Text.Encoding.ASCII.GetString(bytes, 0, Array.IndexOf(bytes, (byte)0));
            if (book.Kind(id) == SurfaceKind.Link)
            {
                continue;
            }

            char expected = book.Kind(id) switch { SurfaceKind.Level => 'f', SurfaceKind.Name => 's', _ => 'i' };
            if (SceneCommands.TryGetValue(path, out char command))
            {
                Assert.Equal(command, expected);
                continue;
            }

            Assert.True(expected == table[table.IndexOf(path)].Spec.WireTypeTag, $"{path} travels as '{table[table.IndexOf(path)].Spec.WireTypeTag}' on the host, '{expected}' on the surface");
        }
    }

    [Fact]
    public void SurfaceParameterKinds_MatchTheHostsWireTypes()
    {
        var table = ParameterTable.Create(ConsoleConfig.FromProfile(ConsoleConfig.DefaultProfileName));
        foreach (string path in new[] { "/ch/01/mix/fader", "/ch/01/mix/pan", "/bus/16/mix/fader", "/dca/8/fader", "/main/st/mix/fader", "/master/limiter/ceiling" })
        {
            Assert.Equal('f', table[table.IndexOf(path)].Spec.WireTypeTag);
        }

        foreach (string path in new[] { "/ch/32/mix/on", "/-stat/solosw/01", "/-stat/solosw/49", "/-stat/solosw/73", "/dca/1/on", "/master/bypass", "/master/ab" })
        {
            Assert.Equal('i', table[table.IndexOf(path)].Spec.WireTypeTag);
        }

        Assert.Equal(1024, table[table.IndexOf("/ch/01/mix/fader")].Spec.StepCount);
        Assert.Equal('i', table[table.IndexOf(OscPaths.SelectIndex)].Spec.WireTypeTag);
    }

    [Fact]
    public void SoloSwitches_TheSurfaceSends_SoloTheSameStripsOnTheHost()
    {
        var config = ConsoleConfig.FromProfile(ConsoleConfig.DefaultProfileName);
        var table = ParameterTable.Create(config);
        ParameterKey KeyOf(int soloBase, int number) => table[table.IndexOf(OscPaths.Expand(OscPaths.SoloSwitch, soloBase + number))].Key;

        for (int channel = 1; channel <= 32; channel++)
        {
            Assert.Equal(new ParameterKey(ParameterOwner.Channel, channel, ParameterRole.Solo), KeyOf(OscPaths.ChannelSoloBase, channel));
        }

        for (int bus = 1; bus <= 16; bus++)
        {
            Assert.Equal(new ParameterKey(ParameterOwner.Bus, bus, ParameterRole.Solo), KeyOf(OscPaths.BusSoloBase, bus));
        }

        for (int dca = 1; dca <= 8; dca++)
        {
            Assert.Equal(new ParameterKey(ParameterOwner.Dca, dca, ParameterRole.Solo), KeyOf(OscPaths.DcaSoloBase, dca));
        }
    }

    [Fact]
    public void SelectIndices_TheSurfaceSends_NameTheSameStripsOnTheHost()
    {
        var config = ConsoleConfig.FromProfile(ConsoleConfig.DefaultProfileName);
        var table = ParameterTable.Create(config);
        var spec = table[table.IndexOf(OscPaths.SelectIndex)].Spec;

        Assert.Equal(StripSelection.Path, OscPaths.SelectIndex);
        for (int channel = 1; channel <= 32; channel++)
        {
            Assert.Equal(StripSelection.Channel(config, channel), OscPaths.ChannelSelectBase + channel - 1);
        }

        for (int bus = 1; bus <= 16; bus++)
        {
            int index = OscPaths.BusSelectBase + bus - 1;
            Assert.Equal(StripSelection.Bus(config, bus), index);
            Assert.InRange(index, (int)spec.Minimum, (int)spec.Maximum);
        }
    }
}
