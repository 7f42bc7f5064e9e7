using MixConsole.Dsp.Core;
using MixConsole.Dsp.Loudness;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Tests.LiveMastering;

/// <summary>The live master chain: parameters reach the stages (compiled on either side), the loudness gain walks to the target, the A/B switch fades, and nothing allocates.</summary>
public sealed class LiveMasterChainTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private const int Rate = 48_000;
    private const int Block = 256;

    private static ParameterStore NewStore() => new(ParameterTable.Create(ConsoleConfig.Default));

    private static void Set(ParameterStore store, string path, float value) =>
        Assert.True(store.TrySetReal(store.Table.IndexOf(path), value), path);

    /// <summary>Runs <paramref name="input"/> through <paramref name="chain"/> in blocks, calling <paramref name="atBlock"/> before each.</summary>
    private static float[][] Run(LiveMasterChain chain, float[][] input, Action<int>? atBlock = null)
    {
        int frames = input[0].Length;
        var output = new[] { new float[frames], new float[frames] };
        var buffer = new AudioBuffer(2, Block);
        for (int start = 0, block = 0; start < frames; start += Block, block++)
        {
            atBlock?.Invoke(start);
            int n = Math.Min(Block, frames - start);
            for (int c = 0; c < 2; c++) input[c].AsSpan(start, n).CopyTo(buffer.Channel(c, n));
            chain.Process(buffer, n);
            for (int c = 0; c < 2; c++) buffer.Channel(c, n).CopyTo(output[c].AsSpan(start, n));
        }
        return output;
    }

    /// <summary>Short-term loudness of <paramref name="audio"/> read every 100 ms (index k = after (k+1) x 100 ms).</summary>
    private static double[] ShortTermEvery100Ms(float[][] audio)
    {
        var meter = new LoudnessMeter();
        int hop = Rate / 10;
        meter.Prepare(new ProcessSpec(Rate, hop, 2), null, LoudnessMeterOptions.LoudnessOnly);
        var buffer = new AudioBuffer(2, hop);
        var readings = new double[audio[0].Length / hop];
        for (int k = 0; k < readings.Length; k++)
        {
            for (int c = 0; c < 2; c++) audio[c].AsSpan(k * hop, hop).CopyTo(buffer.Channel(c, hop));
            meter.Process(buffer, hop);
            readings[k] = meter.ShortTermLufs;
        }
        return readings;
    }

    [Fact]
    public void Parameters_ReachTheChainStages_AtTheNextBlock_AndArriveWithinTheGlide()
    {
        var store = NewStore();
        var live = new LiveMasterChain(store);
        live.Prepare(new ProcessSpec(Rate, Block, 2));
        Set(store, "/master/eq/highshelf/g", 6f);
        Set(store, "/master/width", 150f);
        Set(store, "/master/limiter/ceiling", -3f);
        Set(store, "/master/comp/amount", 100f);
        Set(store, "/master/input/gain", -6f);
        var buffer = new AudioBuffer(2, Block);
        live.Process(buffer, Block);

        // Targets land whole in the next block ...
        Assert.Equal(store.Version, live.AppliedVersion);
        Assert.Equal(6.0, live.Chain.Eq.MagnitudeDb(20_000), 0.5);
        Assert.Equal(0.0, live.Chain.Eq.MagnitudeDb(100), 0.5);
        Assert.Equal(150.0, live.Chain.Imager.GetWidthPercent(0), 3);
        Assert.Equal(-6.0, live.Chain.InputTrim.GainDb, 3);
        Assert.True(live.Chain.Limiter.CeilingDbtp > -3.0, "the ceiling glides: not there after one block");
        Assert.True(live.Chain.Eq.IsGliding);

        // ... and every stage is there once the glide is over.
        for (int b = 0; b * Block < Rate * LiveMasterChain.GlideMs / 1000; b++) live.Process(buffer, Block);
        Assert.False(live.Chain.Eq.IsGliding);
        Assert.Equal(-3.0, live.Chain.Limiter.CeilingDbtp, 3);
        Assert.Equal(4f, live.Chain.Multiband.Band(0).Ratio);
        Assert.Equal(-30f, live.Chain.Multiband.Band(2).ThresholdDb);
    }

    [Fact]
    public void ControlSideCompile_DrivesTheChain_TheAudioThreadOnlyTakesTheSnapshot()
    {
        var store = NewStore();
        var live = new LiveMasterChain(store) { CompileOnAudioThread = false };
        live.Prepare(new ProcessSpec(Rate, Block, 2));
        var buffer = new AudioBuffer(2, Block);
        long before = live.AppliedVersion;
        Set(store, "/master/eq/tilt", 4f);
        Set(store, "/master/input/gain", 3f);
        live.Process(buffer, Block);
        Assert.Equal(before, live.AppliedVersion); // nobody compiled: nothing changed on the audio side
        Assert.Equal(0.0, live.Chain.InputTrim.GainDb);

        Assert.True(live.Compile());
        Assert.False(live.Compile()); // nothing new
        live.Process(buffer, Block);
        Assert.Equal(store.Version, live.AppliedVersion);
        Assert.Equal(3.0, live.Chain.InputTrim.GainDb, 3);
        Assert.Equal(2.0, live.Chain.Eq.MagnitudeDb(20_000), 0.2);
    }

    [Fact]
    public void Compile_DesignsTheEq_OnlyWhenAnEqParameterMoved()
    {
        var store = NewStore();
        var live = new LiveMasterChain(store) { CompileOnAudioThread = false };
        live.Prepare(new ProcessSpec(Rate, Block, 2));
        long designs = live.Compiler.EqDesignCount;
        Set(store, "/ch/01/mix/fader", -10f);
        Set(store, "/master/width", 120f);
        Assert.True(live.Compile());
        Assert.Equal(designs, live.Compiler.EqDesignCount);
        Set(store, "/master/eq/highshelf/f", 8000f);
        Assert.True(live.Compile());
        Assert.Equal(designs + 1, live.Compiler.EqDesignCount);
    }

    [Fact]
    public void Compile_PublishesNothing_ForAChannelMove_AndAnOpenBatchLandsWholeAfterItCloses()
    {
        var store = NewStore();
        var live = new LiveMasterChain(store) { CompileOnAudioThread = false };
        live.Prepare(new ProcessSpec(Rate, Block, 2));
        long published = live.Compiler.Exchange.Published;
        Set(store, "/ch/01/mix/fader", -10f);
        Assert.False(live.Compile());
        Assert.Equal(published, live.Compiler.Exchange.Published);

        var buffer = new AudioBuffer(2, Block);
        using (store.BeginBatch())
        {
            Set(store, "/master/input/gain", -4f);
            Assert.False(live.Compile()); // half a scene is never published
            Set(store, "/master/width", 140f);
        }

        Assert.True(live.Compile());
        live.Process(buffer, Block);
        Assert.Equal(-4.0, live.Chain.InputTrim.GainDb, 3);
        Assert.Equal(140.0, live.Chain.Imager.GetWidthPercent(0), 3);
    }

    [Fact]
    public void Compile_OnTheControlSide_AllocatesNothing()
    {
        var store = NewStore();
        var live = new LiveMasterChain(store) { CompileOnAudioThread = false };
        live.Prepare(new ProcessSpec(Rate, Block, 2));
        int tilt = store.Table.IndexOf("/master/eq/tilt"), shelf = store.Table.IndexOf("/master/eq/lowshelf/f");
        int i = 0;
        void Move()
        {
            store.TrySetReal(tilt, i % 2 == 0 ? 2f : -3f);
            store.TrySetReal(shelf, i % 3 == 0 ? 80f : 200f);
            i++;
        }

        Allocations.AssertNone(() => Assert.True(live.Compile()), calls: 3000, unmeasured: Move,
            what: "LiveMasterChain.Compile after master EQ moves");
    }

    [Fact]
    public void LoudnessGain_WalksTheOutputToTheTarget_NoFasterThanOneDbPerSecond()
    {
        var store = NewStore();
        Set(store, "/master/loudness/target", -14f);
        var live = new LiveMasterChain(store);
        live.Prepare(new ProcessSpec(Rate, Block, 2));
        float[][] input = Programme.Create(Rate, 16, 0.12);
        double previous = 0, fastest = 0;
        float[][] output = Run(live, input, _ =>
        {
            fastest = Math.Max(fastest, Math.Abs(live.LoudnessGainDb - previous));
            previous = live.LoudnessGainDb;
        });

        double[] st = ShortTermEvery100Ms(output);
        double[] inSt = ShortTermEvery100Ms(input);
        log.WriteLine($"input {inSt[^1]:0.00} LUFS; output short-term over the last 3 s {st[^30..].Min():0.00}..{st[^30..].Max():0.00} LUFS; loudness gain {live.LoudnessGainDb:0.00} dB; fastest step {fastest:0.00000} dB/block");
        Assert.True(inSt[^1] < -18, $"the programme must start well below the target, is {inSt[^1]:0.0} LUFS");
        for (int k = st.Length - 30; k < st.Length; k++)
            Assert.True(Math.Abs(st[k] - -14.0) <= 1.0, $"short-term {st[k]:0.00} LUFS at {(k + 1) / 10.0:0.0} s");
        Assert.True(fastest <= 1.0 * Block / Rate + 1e-9, $"gain moved {fastest:0.0000} dB in one {Block}-frame block");
    }

    [Fact]
    public void AbSwitch_IsACrossfade_NotAStep()
    {
        var store = NewStore();
        var live = new LiveMasterChain(store);
        live.Prepare(new ProcessSpec(Rate, Block, 2));
        // Mastered A is a sine about 10 dB louder than the dry B; half a second in, the match gain has not caught up, so a step would show.
        Set(store, "/master/input/gain", 10f);
        Set(store, "/master/limiter/ceiling", 0f);
        var input = new[] { new float[Rate], new float[Rate] };
        for (int i = 0; i < Rate; i++) input[0][i] = input[1][i] = (float)(0.05 * Math.Sin(2 * Math.PI * 100 * i / Rate));
        int switchAt = Rate / 2;
        float[][] output = Run(live, input, start => { if (start == switchAt) store.TrySetInt(store.Table.IndexOf("/master/ab"), 1); });
        double largestJump = 0;
        for (int i = switchAt - 1000; i < switchAt + 2000; i++) largestJump = Math.Max(largestJump, Math.Abs(output[0][i + 1] - output[0][i]));
        double sineSlope = 0.05 * Decibels.ToGain(10) * 2 * Math.PI * 100 / Rate;
        log.WriteLine($"largest step {largestJump:0.00000}, sine slope {sineSlope:0.00000}");
        Assert.True(largestJump <= 1.5 * sineSlope, $"largest sample step {largestJump:0.00000} against the sine's own {sineSlope:0.00000}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Process_AllocatesNothing_WhileParametersAbAndBypassChange(bool compileOnAudioThread)
    {
        var store = NewStore();
        var live = new LiveMasterChain(store) { CompileOnAudioThread = compileOnAudioThread };
        live.Prepare(new ProcessSpec(Rate, Block, 2));
        float[][] input = Programme.Create(Rate, 1, 0.2);
        var buffer = new AudioBuffer(2, Block);
        int ab = store.Table.IndexOf("/master/ab"), tilt = store.Table.IndexOf("/master/eq/tilt"), bypass = store.Table.IndexOf("/master/bypass");
        int mode = store.Table.IndexOf("/master/loudness/mode"), crossover = store.Table.IndexOf("/master/b/comp/xover/1");
        int saturation = store.Table.IndexOf("/master/sat/on"), dither = store.Table.IndexOf("/master/b/dither/on"), attack = store.Table.IndexOf("/master/comp/2/attack");
        int b = 0;
        void NextBlockAndParameters()
        {
            int start = (b * Block) % (input[0].Length - Block);
            input[0].AsSpan(start, Block).CopyTo(buffer.Channel(0, Block));
            input[1].AsSpan(start, Block).CopyTo(buffer.Channel(1, Block));
            if (b % 10 == 0) store.TrySetReal(tilt, (b / 10) % 2 == 0 ? 1f : -1f);
            if (b % 37 == 0) store.TrySetInt(ab, (b / 37) % 2);
            if (b % 53 == 0) store.TrySetInt(bypass, (b / 53) % 2);
            if (b % 41 == 0) store.TrySetInt(mode, (b / 41) % 3); // LEARN restarts the meter, leaving it sets the gain
            if (b % 29 == 0) store.TrySetReal(crossover, (b / 29) % 2 == 0 ? 300f : 120f);
            if (b % 47 == 0) store.TrySetInt(saturation, (b / 47) % 2);
            if (b % 43 == 0) store.TrySetInt(dither, (b / 43) % 2);
            if (b % 31 == 0) store.TrySetReal(attack, (b / 31) % 2 == 0 ? 5f : 50f);
            if (!compileOnAudioThread) live.Compile();
            b++;
        }

        // TrySet* and a control-side Compile stay outside the count; measure only Process.
        Allocations.AssertNone(() => live.Process(buffer, Block), calls: 2000, warmupCalls: 400, unmeasured: NextBlockAndParameters,
            what: "LiveMasterChain.Process while tilt, A/B, bypass, loudness mode, a crossover, saturation, dither and an attack change");
    }
}
