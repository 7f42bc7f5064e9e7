using MixConsole.Dsp.Core;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Parameters;

namespace MixConsole.Store.Tests;

/// <summary>
/// A recall with a fade: faders, sends and pans travel over the time, heard as a monotonic, click-free level
/// change that lands exactly on the scene; everything else lands at once; safes and other clients' moves hold.
/// </summary>
public sealed class SceneFadeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Rate = 48000;
    private const int Block = 32;
    private const int TickFrames = Rate / 100; // the serve thread steps the glide every 10 ms
    private static readonly ConsoleConfig Config = ConsoleConfig.Default;

    [Fact]
    public void TwoSecondFade_IsHeardMonotonicWithBoundedSteps_AndLandsOnTheScene()
    {
        using var folder = new TempFolder();
        using var store = ConsoleStore.Open(folder.Path);
        var slots = new SceneSlots(store);
        var console = new ParameterStore(ParameterTable.Create(Config));
        var table = console.Table;
        int fader = table.IndexOf("/ch/01/mix/fader"), eq = table.IndexOf("/ch/01/eq/on"), trim = table.IndexOf("/ch/01/preamp/trim");
        console.TrySetReal(fader, 0f);
        console.TrySetReal(trim, 6f);
        slots.Save(1, "Verse", "", console);

        console.TrySetReal(fader, -30f);
        console.TrySetReal(trim, 0f);
        console.TrySetReal(eq, 1f);
        var engine = new MixerEngine(console);
        engine.Prepare(Rate, Block, Config.Channels, MixerOutputs.Total(Config.Buses));
        var input = new AudioBuffer(Config.Channels, Block);
        var outputs = new AudioBuffer(MixerOutputs.Total(Config.Buses), Block);
        input.Channel(0).Fill(0.01f); // DC: the level is the gain itself
        for (int b = 0; b < 200; b++) engine.Process(input, outputs, Block); // settled at -30 dB

        var glide = new ParameterGlide(console);
        Assert.True(slots.Recall(1, console, glide, fadeSeconds: 2));
        Assert.Equal(0f, console.GetReal(eq)); // not a travelling parameter: landed with the recall
        Assert.Equal(6f, console.GetReal(trim));
        Assert.True(console.GetReal(fader) < -29f, "the fader jumped instead of travelling");

        var heard = new List<float>();
        int frames = 0;
        while (frames < (int)(2.3 * Rate))
        {
            if (frames % TickFrames == 0) glide.Step((double)frames / Rate);
            engine.Process(input, outputs, Block);
            heard.AddRange(outputs.Channel(0, Block).ToArray());
            frames += Block;
        }

        Assert.False(glide.IsRunning);
        Assert.Equal(table[fader].Spec.SnapReal(0f), console.GetReal(fader));
        // Trim +6 dB landed at once, the fader travelled 30 dB: every sample after the first ramp at or above the one before it.
        int start = Rate / 20;
        double worstStepDb = 0, worstFall = 0;
        for (int n = start + 1; n < heard.Count; n++)
        {
            worstFall = Math.Max(worstFall, heard[n - 1] - heard[n]);
            worstStepDb = Math.Max(worstStepDb, 20 * Math.Log10(heard[n] / heard[n - 1]));
        }

        double quarter = heard[start + Rate / 2], half = heard[start + Rate];
        output.WriteLine($"level at 0.05 s {Db(heard[start]):F2} dB, 0.55 s {Db(quarter):F2}, 1.05 s {Db(half):F2}, end {Db(heard[^1]):F2}; worst step {worstStepDb:F5} dB/sample, worst fall {worstFall:E2}");
        Assert.True(worstFall <= 1e-7, $"the level fell by {worstFall} on the way up");
        Assert.True(worstStepDb < 0.01, $"a step of {worstStepDb:F4} dB in one sample (a click)");
        Assert.True(Db(heard[start]) < Db(quarter) - 2 && Db(quarter) < Db(half) - 2 && Db(half) < Db(heard[^1]) - 2, "the level did not travel over the fade");
        Assert.Equal(Db(heard[^1]), Db(0.01 * Math.Pow(10, 6 / 20.0)) + Db(CentreGain(input, table)), 2);
    }

    [Fact]
    public void Fade_LeavesSafesBitIdentical_AndAnotherClientsMove_AndUndoStopsIt()
    {
        using var folder = new TempFolder();
        using var store = ConsoleStore.Open(folder.Path);
        var slots = new SceneSlots(store);
        var console = new ParameterStore(ParameterTable.Create(Config));
        var table = console.Table;
        int f1 = table.IndexOf("/ch/01/mix/fader"), f2 = table.IndexOf("/ch/02/mix/fader"), f3 = table.IndexOf("/ch/03/mix/fader");
        int pan = table.IndexOf("/ch/04/mix/pan"), send = table.IndexOf("/ch/05/mix/01/level");
        foreach (int i in new[] { f1, f2, f3 }) console.TrySetReal(i, 0f);
        console.TrySetReal(pan, 100f);
        console.TrySetReal(send, 0f);
        slots.Save(7, "Chorus", "", console);

        foreach (int i in new[] { f1, f2, f3 }) console.TrySetReal(i, -40f);
        console.TrySetReal(pan, -100f);
        console.TrySetReal(send, -40f);
        float protectedBefore = console.GetReal(f3);
        Assert.True(RecallSafes.TryParse("ch 3", out var safes, out _));
        slots.Safes = safes;
        var glide = new ParameterGlide(console);
        Assert.True(slots.Recall(7, console, glide, fadeSeconds: 1));

        float previousPan = console.GetReal(pan), previousSend = console.GetReal(send);
        for (int tick = 1; tick <= 110; tick++)
        {
            if (tick == 30) console.TrySetReal(f2, -10f); // another client takes channel 2's fader
            glide.Step(tick / 100.0);
            Assert.True(console.GetReal(pan) >= previousPan && console.GetReal(send) >= previousSend, $"tick {tick}: a travelling value went back");
            (previousPan, previousSend) = (console.GetReal(pan), console.GetReal(send));
        }

        Assert.Equal(table[f1].Spec.SnapReal(0f), console.GetReal(f1));
        Assert.Equal(table[f2].Spec.SnapReal(-10f), console.GetReal(f2));
        Assert.Equal(BitConverter.SingleToInt32Bits(protectedBefore), BitConverter.SingleToInt32Bits(console.GetReal(f3)));
        Assert.Equal(100f, console.GetReal(pan));
        Assert.Equal(table[send].Spec.SnapReal(0f), console.GetReal(send));

        // Undo during a second fade stops it and puts back the mix exactly as it was before that recall.
        slots.Safes = RecallSafes.None;
        console.TrySetReal(f1, -60f);
        string before = SceneFile.Save(console, onlyChanged: true, SceneScope.Mix);
        Assert.True(slots.Recall(7, console, glide, fadeSeconds: 1));
        glide.Step(0.5);
        Assert.True(slots.UndoRecall(console, glide));
        Assert.False(glide.IsRunning);
        glide.Step(0.9);
        Assert.Equal(before, SceneFile.Save(console, onlyChanged: true, SceneScope.Mix));
    }

    [Fact]
    public void GlideSteps_AllocateNothing()
    {
        var console = new ParameterStore(ParameterTable.Create(Config));
        var glide = new ParameterGlide(console);
        glide.Begin(3600);
        for (int ch = 1; ch <= Config.Channels; ch++) Assert.True(glide.Add(console.Table.IndexOf($"/ch/{ch:00}/mix/fader"), 10f));
        double t = 0;
        Allocations.AssertNone(() => glide.Step(t += 0.01), 2000, "a glide step over 32 faders");
        Assert.True(glide.IsRunning);
    }

    [Fact]
    public void FadeTime_IsKeptInTheStore_AndOutOfRangeIsRefused()
    {
        using var folder = new TempFolder();
        using (var store = ConsoleStore.Open(folder.Path))
        {
            var slots = new SceneSlots(store);
            Assert.Equal(0, slots.FadeSeconds);
            slots.FadeSeconds = 2.5;
            Assert.Throws<ArgumentOutOfRangeException>(() => slots.FadeSeconds = 61);
            Assert.Throws<ArgumentOutOfRangeException>(() => slots.FadeSeconds = double.NaN);
        }

        using (var store = ConsoleStore.Open(folder.Path))
        {
            Assert.Equal(2.5, new SceneSlots(store).FadeSeconds);
        }
    }

    private static double Db(double x) => 20 * Math.Log10(x);

    // The main left gain of a centred channel at 0 dB, heard on a fresh console: what the pan law leaves.
    private static double CentreGain(AudioBuffer input, ParameterTable table)
    {
        var fresh = new ParameterStore(table);
        fresh.TrySetReal(fresh.Table.IndexOf("/ch/01/mix/fader"), 0f);
        var engine = new MixerEngine(fresh);
        engine.Prepare(Rate, Block, Config.Channels, MixerOutputs.Total(Config.Buses));
        var outputs = new AudioBuffer(MixerOutputs.Total(Config.Buses), Block);
        for (int b = 0; b < 200; b++) engine.Process(input, outputs, Block);
        return outputs.Channel(0, Block)[Block - 1] / 0.01;
    }
}
