using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Engine;
using MixConsole.ControlSurface.Hardware;
using MixConsole.ControlSurface.Virtual;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;

namespace MixConsole.SurfaceSim.Tests;

public class SurfacePathsTests
{
    // X32 paths the surface speaks that the MixConsole host does not serve: /info is a command (answered, not a
    // parameter); /-stat/selidx is the X32 selection, which the host lacks (select LEDs show the surface's own choice).
    private static readonly string[] NotParameters = ["/info", "/-stat/selidx"];

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
            if (!table.TryGetIndex(path, out _))
            {
                missing.Add(path);
            }
        }

        Assert.Equal(profile == "fader-desk" ? NotParameters : ["/info"], missing.ToArray());
    }

    [Fact]
    public void SurfaceParameterKinds_MatchTheHostsWireTypes()
    {
        var table = ParameterTable.Create(ConsoleConfig.FromProfile(ConsoleConfig.DefaultProfileName));
        foreach (string path in new[] { "/ch/01/mix/fader", "/ch/01/mix/pan", "/bus/16/mix/fader", "/dca/8/fader", "/main/st/mix/fader", "/master/limiter/ceiling" })
        {
            Assert.Equal('f', table[table.IndexOf(path)].Spec.WireTypeTag);
        }

        foreach (string path in new[] { "/ch/32/mix/on", "/ch/01/solo", "/bus/01/solo", "/dca/1/on", "/master/bypass", "/master/ab" })
        {
            Assert.Equal('i', table[table.IndexOf(path)].Spec.WireTypeTag);
        }

        Assert.Equal(1024, table[table.IndexOf("/ch/01/mix/fader")].Spec.StepCount);
    }
}
