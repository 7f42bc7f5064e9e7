using MixConsole.Dsp.Tests.Loudness;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Parameters;
using static MixConsole.Engine.Tests.LiveMastering.MasterSound;

namespace MixConsole.Engine.Tests.LiveMastering;

/// <summary>
/// A/B between two complete chain settings (slot A at /master/..., slot B at /master/b/...): B is loudness-matched to A
/// (measured by libebur128 on the output), both chains are latency-aligned (a copy switched to is bit-identical), and a
/// copy moves every leaf of a setting. Click-freedom of the switch is in <see cref="LiveMasterGlideTests"/> and
/// <see cref="LiveMasterChainTests"/>.
/// </summary>
public sealed class LiveMasterAbTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private static double IntegratedLufs(float[][] audio, int fromSeconds, int toSeconds)
    {
        int from = fromSeconds * Rate, count = (toSeconds - fromSeconds) * Rate;
        return LibEbur128.Measure([audio[0].AsSpan(from, count).ToArray(), audio[1].AsSpan(from, count).ToArray()], Rate).IntegratedLufs;
    }

    [Fact]
    public void AbSwitch_PlaysSlotB_LoudnessMatchedToA_WithinATenthOfAnLu()
    {
        var store = new ParameterStore(ParameterTable.Create(Configuration.ConsoleConfig.Default));
        Set(store, "/master/comp/amount", 60f);
        Set(store, "/master/eq/tilt", 2f);
        Set(store, "/master/loudness/target", -14f);
        // B sounds different and aims 6 LU lower on its own: the match has to bring it up.
        Set(store, "/master/b/eq/tilt", -3f);
        Set(store, "/master/b/eq/lowshelf/g", 4f);
        Set(store, "/master/b/comp/amount", 20f);
        Set(store, "/master/b/loudness/target", -20f);
        Set(store, "/master/b/limiter/ceiling", -2f);
        LiveMasterChain live = Prepared(store);
        float[][] input = Programme.Create(Rate, 30, 0.2);
        int switchAt = 15 * Rate / Block * Block;
        float[][] output = Run(live, input, start => { if (start == switchAt) Set(store, "/master/ab", 1f); });

        double a = IntegratedLufs(output, 10, 15), b = IntegratedLufs(output, 25, 30);
        double bassA = Amplitude(output[0], 12 * Rate, Rate, 55) / Amplitude(output[0], 12 * Rate, Rate, 440);
        double bassB = Amplitude(output[0], 27 * Rate, Rate, 55) / Amplitude(output[0], 27 * Rate, Rate, 440);
        log.WriteLine($"libebur128: A {a:0.000} LUFS (10-15 s), B {b:0.000} LUFS (25-30 s), difference {b - a:+0.000;-0.000} LU; " +
            $"B's own loudness {live.OutputBShortTermLufs:0.00} LUFS, match gain {live.MatchGainDb:+0.00} dB; bass over pad A {Db(bassA):0.0} dB, B {Db(bassB):0.0} dB");
        Assert.True(Math.Abs(b - a) <= 0.1, $"A {a:0.000} LUFS, B {b:0.000} LUFS");
        Assert.True(live.MatchGainDb > 3, $"B aims 6 LU lower: the match gain must lift it, is {live.MatchGainDb:0.00} dB");
        Assert.True(Db(bassB) - Db(bassA) > 4, $"B is B: its bass shelf and tilt must be heard (A {Db(bassA):0.0} dB, B {Db(bassB):0.0} dB)");
        Assert.Equal(live.Chain.LatencyFrames, live.ChainB.LatencyFrames);
    }

    [Fact]
    public void AbSwitch_ToACopyOfA_IsBitIdentical_BothChainsLatencyAligned()
    {
        var store = HeldStore();
        Set(store, "/master/comp/amount", 70f);
        Set(store, "/master/eq/1/g", 4f);
        Set(store, "/master/imager/bassmono", 1f);
        Set(store, "/master/sat/on", 1f);
        Set(store, "/master/limiter/ceiling", -3f);
        Assert.True(MasterSlots.Copy(store, MasterSlots.A, MasterSlots.B) > 40);
        float[][] input = Programme.Create(Rate, 3, 0.3);
        float[][] onA = Run(Prepared(store), input);
        var switching = HeldStore();
        foreach (ParameterDescriptor p in store.Table.Parameters)
            if (p.Key.Owner == ParameterOwner.Master) Assert.True(switching.TrySetReal(p.Index, store.GetReal(p.Index)));
        float[][] abab = Run(Prepared(switching), input, start => { if (start % (Rate / 2) < Block) Set(switching, "/master/ab", start / (Rate / 2) % 2); });
        for (int c = 0; c < 2; c++) Assert.Equal(onA[c], abab[c]);
    }

    [Fact]
    public void Copy_MovesEveryLeafOfTheSetting_AndNoSwitch()
    {
        var store = HeldStore();
        Set(store, "/master/b/eq/2/g", -5f);
        Set(store, "/master/b/comp/3/release", 500f);
        Set(store, "/master/b/dither/on", 1f);
        Set(store, "/master/b/imager/xover/2", 6000f);
        Set(store, "/master/ab", 1f);
        int copied = MasterSlots.Copy(store, MasterSlots.B, MasterSlots.A);
        int leaves = 0;
        foreach (ParameterDescriptor p in store.Table.Parameters)
        {
            if (!MasterSlots.IsSettingOf(p, MasterSlots.A)) continue;
            leaves++;
            int b = store.Table.IndexOf(ConsoleAddressSpace.MasterSlotBPrefix + p.Path[ParameterPaths.Master.Length..]);
            Assert.Equal(store.GetReal(b), store.GetReal(p.Index));
        }
        log.WriteLine($"{leaves} leaves per setting, {copied} copied");
        Assert.Equal(leaves, copied);
        Assert.Equal(-5f, Get(store, "/master/eq/2/g"));
        Assert.Equal(1f, Get(store, "/master/ab")); // switches are not part of a setting
        Assert.Equal((float)LoudnessMode.Hold, Get(store, "/master/loudness/mode"));
    }
}
