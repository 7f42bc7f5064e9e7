using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using MixConsole.Engine.Tests.Mixer;
using Xunit;

namespace MixConsole.Engine.Tests.Parameters;

public class StripSelectionTests
{
    [Fact]
    public void SelectIndex_IsAnIntOnTheX32Layout_InTheFullConsole()
    {
        var config = ConsoleConfig.Default;
        var store = new ParameterStore(ParameterTable.Create(config));
        int index = store.Table.IndexOf("/-stat/selidx");
        var spec = store.Table[index].Spec;

        Assert.Equal(ParameterKind.Int, spec.Kind);
        Assert.Equal('i', spec.WireTypeTag);
        Assert.Equal(0f, spec.Minimum);
        Assert.Equal(71f, spec.Maximum);
        Assert.Equal(0f, spec.Default);

        // The X32's numbers (as the surface and X32 apps send them).
        Assert.Equal(0, StripSelection.Channel(config, 1));
        Assert.Equal(31, StripSelection.Channel(config, 32));
        Assert.Equal(40, StripSelection.FxReturn(config, 1));
        Assert.Equal(48, StripSelection.Bus(config, 1));
        Assert.Equal(63, StripSelection.Bus(config, 16));

        Assert.True(store.TrySetInt(index, StripSelection.MainMono));
        Assert.Equal("71", ParameterFormatter.FormatCurrent(store, index));
        Assert.True(store.TrySetInt(index, 4));
        Assert.False(store.TrySetInt(index, 72));
        Assert.False(store.TrySetInt(index, -1));
        Assert.False(store.TrySetReal(index, 4.5f));
        Assert.Equal(4f, store.GetReal(index));
    }

    [Fact]
    public void SelectIndex_NumbersStripsPastTheX32From72_ChannelsThenBuses()
    {
        var config = new ConsoleConfig(Channels: 40, Buses: 20);
        var table = ParameterTable.Create(config);

        Assert.Equal(83f, table[table.IndexOf(StripSelection.Path)].Spec.Maximum);
        Assert.Equal(31, StripSelection.Channel(config, 32));
        Assert.Equal(72, StripSelection.Channel(config, 33));
        Assert.Equal(79, StripSelection.Channel(config, 40));
        Assert.Equal(63, StripSelection.Bus(config, 16));
        Assert.Equal(80, StripSelection.Bus(config, 17));
        Assert.Equal(83, StripSelection.Bus(config, 20));
    }

    [Theory]
    [InlineData(6, 4, 2)]
    [InlineData(32, 16, 4)]
    [InlineData(33, 0, 8)]
    [InlineData(99, 99, 8)]
    public void EveryStrip_HasItsOwnIndex_InsideTheParametersRange(int channels, int buses, int fxSlots)
    {
        var config = new ConsoleConfig(Channels: channels, Buses: buses, FxSlots: fxSlots);
        var table = ParameterTable.Create(config);
        int count = (int)table[table.IndexOf(StripSelection.Path)].Spec.Maximum + 1;
        Assert.Equal(StripSelection.Count(config), count);

        var seen = new HashSet<int> { StripSelection.MainStereo, StripSelection.MainMono };
        for (int c = 1; c <= channels; c++)
        {
            Assert.True(seen.Add(StripSelection.Channel(config, c)), $"channel {c}");
        }

        for (int b = 1; b <= buses; b++)
        {
            Assert.True(seen.Add(StripSelection.Bus(config, b)), $"bus {b}");
        }

        for (int r = 1; r <= Math.Min(8, config.FxReturns); r++)
        {
            Assert.True(seen.Add(StripSelection.FxReturn(config, r)), $"fx return {r}");
        }

        Assert.All(seen, i => Assert.InRange(i, 0, count - 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StripSelection.Channel(config, channels + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StripSelection.Bus(config, buses + 1));
    }

    [Fact]
    public void SoloSwitches_AreTheX32s_OneToEighty_AndBeyondFrom81()
    {
        var x32 = ConsoleConfig.Default;
        Assert.Equal(80, StripSelection.SoloSwitchCount(x32));
        Assert.Equal(1, StripSelection.SoloSwitch(StripSelection.Channel(x32, 1)));
        Assert.Equal(32, StripSelection.SoloSwitch(StripSelection.Channel(x32, 32)));
        Assert.Equal(33, StripSelection.SoloSwitch(StripSelection.AuxInput(x32, 1)));
        Assert.Equal(41, StripSelection.SoloSwitch(StripSelection.FxReturn(x32, 1)));
        Assert.Equal(49, StripSelection.SoloSwitch(StripSelection.Bus(x32, 1)));
        Assert.Equal(65, StripSelection.SoloSwitch(StripSelection.FirstMatrix));
        Assert.Equal(71, StripSelection.SoloSwitch(StripSelection.MainStereo));
        Assert.Equal(72, StripSelection.SoloSwitch(StripSelection.MainMono));
        Assert.Equal(73, StripSelection.DcaSoloSwitch(x32, 1));
        Assert.Equal(80, StripSelection.DcaSoloSwitch(x32, 8));

        // Past the X32: channels, buses, effect returns (slots 5-8), then DCAs 9-16; three digits past 99.
        var big = new ConsoleConfig(Channels: 40, Buses: 20, FxSlots: 8, Dcas: 16);
        Assert.Equal(81, StripSelection.SoloSwitch(StripSelection.Channel(big, 33)));
        Assert.Equal(89, StripSelection.SoloSwitch(StripSelection.Bus(big, 17)));
        Assert.Equal(93, StripSelection.SoloSwitch(StripSelection.FxReturn(big, 9)));
        Assert.Equal(100, StripSelection.SoloSwitch(StripSelection.FxReturn(big, 16)));
        Assert.Equal(101, StripSelection.DcaSoloSwitch(big, 9));
        Assert.Equal(108, StripSelection.SoloSwitchCount(big));
        Assert.Equal("/-stat/solosw/100", StripSelection.SoloSwitchPath(100));
        Assert.Equal(StripSelection.Count(big), StripSelection.FxReturn(big, 16) + 1);
    }

    [Theory]
    [InlineData(6, 4, 2, 8)]
    [InlineData(32, 16, 4, 8)]
    [InlineData(40, 20, 8, 16)]
    public void EverySoloSwitch_IsItsStripsSolo_OrKept(int channels, int buses, int fxSlots, int dcas)
    {
        var config = new ConsoleConfig(Channels: channels, Buses: buses, FxSlots: fxSlots, Dcas: dcas);
        var table = ParameterTable.Create(config);
        var owners = new HashSet<ParameterKey>();
        for (int n = 1; n <= StripSelection.SoloSwitchCount(config); n++)
        {
            var parameter = table[table.IndexOf(StripSelection.SoloSwitchPath(n))];
            Assert.False(parameter.InScenes);
            if (parameter.Key.IsDeclared) Assert.True(owners.Add(parameter.Key));
            else Assert.StartsWith(ConsoleAddressSpace.KeptForCompatibility, parameter.Spec.Description, StringComparison.Ordinal);
        }

        Assert.False(table.TryGetIndex(StripSelection.SoloSwitchPath(StripSelection.SoloSwitchCount(config) + 1), out _));
        Assert.Equal(channels + config.AuxInputs + config.FxReturns + buses + dcas, owners.Count);
        Assert.All(owners, k => Assert.Equal(ParameterRole.Solo, k.Role));
    }

    [Fact]
    public void Selecting_ChangesNoOutputSample()
    {
        var x = EngineHarness.Sine(1000, 0.25, 4800);
        var plain = new EngineHarness();
        var selecting = new EngineHarness();
        float[][] before = selecting.Render([x, x, x, x], block: 64);
        plain.Render([x, x, x, x], block: 64);

        // A selection arrives between blocks, as from a controller; the engine must neither throw nor change sound.
        Assert.True(selecting.Store.TrySetInt(selecting.Table.IndexOf(StripSelection.Path), StripSelection.Channel(selecting.Config, 3)));
        float[][] withSelection = selecting.Render([x, x, x, x], block: 64);
        float[][] without = plain.Render([x, x, x, x], block: 64);

        Assert.True(EngineHarness.Rms(before[0], 0) > 0.01, "the test signal reaches the main bus");
        Assert.Equal(without.Length, withSelection.Length);
        for (int o = 0; o < without.Length; o++)
        {
            Assert.Equal(without[o], withSelection[o]);
        }
    }
}
