using MixConsole.Dsp.Core;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Tests.LiveMastering;

/// <summary>Rendering through a live master chain and measuring the result: the shared bench of the control and A/B tests.</summary>
internal static class MasterSound
{
    public const int Rate = 48_000;
    public const int Block = 128;

    /// <summary>A console table with the loudness gain held at 0 dB, so levels measure the chain's controls alone.</summary>
    public static ParameterStore HeldStore()
    {
        var store = new ParameterStore(ParameterTable.Create(ConsoleConfig.Default));
        Set(store, "/master/loudness/mode", (float)LoudnessMode.Hold);
        return store;
    }

    public static void Set(ParameterStore store, string path, float value) =>
        Assert.True(store.TrySetReal(store.Table.IndexOf(path), value), path);

    /// <summary>The value <paramref name="path"/> holds (snapped to its grid).</summary>
    public static float Get(ParameterStore store, string path) => store.GetReal(store.Table.IndexOf(path));

    /// <summary>Plays <paramref name="input"/> through <paramref name="live"/> in blocks, calling <paramref name="atFrame"/> with each block's first frame before it.</summary>
    public static float[][] Run(LiveMasterChain live, float[][] input, Action<int>? atFrame = null)
    {
        int frames = input[0].Length;
        var output = new[] { new float[frames], new float[frames] };
        var buffer = new AudioBuffer(2, Block);
        for (int start = 0; start < frames; start += Block)
        {
            atFrame?.Invoke(start);
            int n = Math.Min(Block, frames - start);
            for (int c = 0; c < 2; c++) input[c].AsSpan(start, n).CopyTo(buffer.Channel(c, n));
            live.Process(buffer, n);
            for (int c = 0; c < 2; c++) buffer.Channel(c, n).CopyTo(output[c].AsSpan(start, n));
        }
        return output;
    }

    /// <summary>A prepared live chain over <paramref name="store"/>.</summary>
    public static LiveMasterChain Prepared(ParameterStore store)
    {
        var live = new LiveMasterChain(store);
        live.Prepare(new ProcessSpec(Rate, Block, 2));
        return live;
    }

    /// <summary>Stereo sines: left at phase 0, right at <paramref name="rightPhaseRad"/>.</summary>
    public static float[][] Sines(double frequencyHz, double amplitude, double seconds, double rightPhaseRad = 0)
    {
        int frames = (int)(seconds * Rate);
        var l = new float[frames];
        var r = new float[frames];
        double w = 2 * Math.PI * frequencyHz / Rate;
        for (int i = 0; i < frames; i++)
        {
            l[i] = (float)(amplitude * Math.Sin(w * i));
            r[i] = (float)(amplitude * Math.Sin(w * i + rightPhaseRad));
        }
        return [l, r];
    }

    /// <summary>Amplitude of the <paramref name="frequencyHz"/> component of <paramref name="x"/>[from..from+count) (Hann-windowed DFT bin).</summary>
    public static double Amplitude(ReadOnlySpan<float> x, int from, int count, double frequencyHz)
    {
        double re = 0, im = 0, windowSum = 0, w = 2 * Math.PI * frequencyHz / Rate;
        for (int i = 0; i < count; i++)
        {
            double hann = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (count - 1));
            double v = hann * x[from + i];
            re += v * Math.Cos(w * (from + i));
            im -= v * Math.Sin(w * (from + i));
            windowSum += hann;
        }
        return 2 * Math.Sqrt(re * re + im * im) / windowSum;
    }

    /// <summary>Mid (L+R)/2 or side (L-R)/2 of a stereo signal.</summary>
    public static float[] MidOrSide(float[][] stereo, bool side)
    {
        var m = new float[stereo[0].Length];
        for (int i = 0; i < m.Length; i++) m[i] = 0.5f * (stereo[0][i] + (side ? -stereo[1][i] : stereo[1][i]));
        return m;
    }

    /// <summary>Largest sample-to-sample step of either channel within [from, to).</summary>
    public static double MaxStep(float[][] audio, int from, int to)
    {
        double worst = 0;
        foreach (float[] x in audio)
            for (int i = Math.Max(from, 1); i < to; i++) worst = Math.Max(worst, Math.Abs(x[i] - x[i - 1]));
        return worst;
    }

    public static double Db(double ratio) => 20 * Math.Log10(ratio);
}
