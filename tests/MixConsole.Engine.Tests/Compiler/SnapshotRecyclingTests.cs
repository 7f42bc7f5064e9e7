using MixConsole.Engine.Compiler;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Tests.Compiler;

/// <summary>
/// A recycled snapshot is brought up to date by copying only the parts changed since its own compile: after any
/// run of changes, compiled into snapshots the reader took or skipped, the newest snapshot holds exactly the
/// compiler's own state (effect settings, copied whole per slot, aside: they hold inline arrays, which have no
/// built-in equality).
/// </summary>
public sealed class SnapshotRecyclingTests
{
    [Fact]
    public void RecycledSnapshots_AfterRandomChangesToEveryPart_HoldTheCompilersState()
    {
        var store = new ParameterStore(ParameterTable.Create(ConsoleConfig.Default));
        var compiler = new ConsoleCompiler(store);
        compiler.Prepare(48000);
        int[] strips = StripParameters(store.Table);
        var random = new Random(15);
        for (int round = 0; round < 60; round++)
        {
            // Some compiles are taken at once, some pile up in the exchange (the reader skips them).
            int compiles = 1 + random.Next(3);
            for (int c = 0; c < compiles; c++)
            {
                // Mostly every part of a few strips (links, inputs, filters, dynamics, mixes, sends), now and then anything.
                for (int change = random.Next(1, 40); change > 0; change--)
                {
                    int index = random.Next(8) == 0 ? random.Next(store.Count) : strips[random.Next(strips.Length)];
                    store.TrySetNormalized(index, (float)random.NextDouble());
                }

                compiler.Compile();
            }

            // Nothing new when every change wrote the value already there: the reader keeps the snapshot it holds.
            compiler.Exchange.TryTakeNewest(out _);
            AssertSameTargets(compiler.Compiled, compiler.Exchange.Front, round);
        }
    }

    private static int[] StripParameters(ParameterTable table)
    {
        ParameterRole[] roles =
        [
            ParameterRole.Link, ParameterRole.Trim, ParameterRole.Invert, ParameterRole.DelayOn, ParameterRole.DelayTime,
            ParameterRole.HighPassOn, ParameterRole.HighPassFrequency, ParameterRole.HighPassSlope, ParameterRole.GateOn, ParameterRole.GateThreshold,
            ParameterRole.GateKeyFilterOn, ParameterRole.GateKeyFrequency, ParameterRole.DynamicsOn, ParameterRole.DynamicsThreshold,
            ParameterRole.DynamicsKeyFilterOn, ParameterRole.DynamicsKeyFrequency, ParameterRole.DynamicsPosition, ParameterRole.EqOn,
            ParameterRole.EqGain, ParameterRole.EqFrequency, ParameterRole.On, ParameterRole.Fader, ParameterRole.Pan,
            ParameterRole.ToMain, ParameterRole.ToMono, ParameterRole.MonoLevel, ParameterRole.Solo,
            ParameterRole.SendLevel, ParameterRole.SendOn, ParameterRole.SendTap, ParameterRole.FxSendLevel, ParameterRole.FxSendTap,
        ];
        var found = new List<int>();
        foreach (var (owner, numbers) in (ReadOnlySpan<(ParameterOwner, int)>)[(ParameterOwner.Channel, 4), (ParameterOwner.FxReturn, 2), (ParameterOwner.Bus, 2)])
            for (int number = 1; number <= numbers; number++)
                foreach (var role in roles)
                    for (int slot = 0; slot < 6; slot++)
                        if (table.TryBind(new ParameterKey(owner, number, role, slot), out var handle)) found.Add(handle.Index);
        return [.. found];
    }

    private static void AssertSameTargets(ConsoleSnapshot expected, ConsoleSnapshot actual, int round)
    {
        Assert.Equal(expected.Generation, actual.Generation);
        Assert.Equal(expected.PartGeneration, actual.PartGeneration);
        Assert.Equal(expected.KeyGeneration, actual.KeyGeneration);
        for (int c = 0; c < expected.Channels.Length; c++)
            Assert.True(expected.Channels[c].Equals(actual.Channels[c]), $"round {round}: channel strip {c + 1} differs");
        for (int b = 0; b < expected.Buses.Length; b++)
            Assert.True(expected.Buses[b].Equals(actual.Buses[b]), $"round {round}: bus {b + 1} differs");
        Assert.True(expected.Main.Equals(actual.Main), $"round {round}: main differs");
        Assert.Equal(expected.ChannelSections, actual.ChannelSections);
        Assert.Equal(expected.BusSections, actual.BusSections);
        Assert.Equal(expected.MainSections, actual.MainSections);
        Assert.Equal(expected.MonoSections, actual.MonoSections);
        Assert.Equal(expected.SendLevels, actual.SendLevels);
        Assert.Equal(expected.SendTaps, actual.SendTaps);
        Assert.Equal(expected.FxSendLeft, actual.FxSendLeft);
        Assert.Equal(expected.FxSendRight, actual.FxSendRight);
        Assert.Equal(expected.FxTaps, actual.FxTaps);
        Assert.Equal(expected.Inserts, actual.Inserts);
        Assert.Equal(expected.Matrices, actual.Matrices);
        Assert.Equal(expected.MatrixSections, actual.MatrixSections);
        Assert.Equal(expected.MatrixSends, actual.MatrixSends);
        Assert.Equal(expected.MatrixPostFader, actual.MatrixPostFader);
    }
}
