namespace MixConsole.Dsp.Tests;

/// <summary>Signal generators and measurements shared by the kernel tests.</summary>
internal static class TestSignals
{
    public static float[] Sine(double frequencyHz, double sampleRateHz, int frames, double amplitude = 1.0, double phase = 0)
    {
        var x = new float[frames];
        for (int i = 0; i < frames; i++) x[i] = (float)(amplitude * Math.Sin(2 * Math.PI * frequencyHz * i / sampleRateHz + phase));
        return x;
    }

    public static float[] Noise(int frames, int seed, double amplitude = 0.5)
    {
        var random = new Random(seed);
        var x = new float[frames];
        for (int i = 0; i < frames; i++) x[i] = (float)(amplitude * (random.NextDouble() * 2 - 1));
        return x;
    }

    /// <summary>Amplitude of the <paramref name="frequencyHz"/> component over whole periods of <paramref name="x"/> from <paramref name="start"/>.</summary>
    public static double AmplitudeAt(ReadOnlySpan<float> x, double frequencyHz, double sampleRateHz, int start)
    {
        int periods = (int)((x.Length - start) * frequencyHz / sampleRateHz);
        int n = (int)Math.Round(periods * sampleRateHz / frequencyHz);
        double re = 0, im = 0;
        for (int i = 0; i < n; i++)
        {
            double w = 2 * Math.PI * frequencyHz * (start + i) / sampleRateHz;
            re += x[start + i] * Math.Cos(w);
            im += x[start + i] * Math.Sin(w);
        }
        return 2 * Math.Sqrt(re * re + im * im) / n;
    }

    public static double Rms(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (float v in x) sum += (double)v * v;
        return Math.Sqrt(sum / x.Length);
    }

    public static double Peak(ReadOnlySpan<float> x)
    {
        double peak = 0;
        foreach (float v in x) peak = Math.Max(peak, Math.Abs(v));
        return peak;
    }

    public static double Db(double gain) => 20 * Math.Log10(gain);

    /// <summary>
    /// Bytes allocated on this thread by <paramref name="times"/> calls of <paramref name="action"/> in steady state:
    /// after a warm-up, the least of three rounds. One-off runtime work (tiered JIT promotion) lands in
    /// one round only; an allocation in the code under test shows up in every round.
    /// </summary>
    public static long AllocatedBytes(Action action, int times = 1000)
    {
        for (int i = 0; i < 500; i++) action();
        long least = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            // A collection first: this thread then holds no half-used allocation context, whose unused rest (up to 8 KB) a
            // collection started by another thread can bill to it as "allocated" on a busy machine.
            GC.Collect(0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < times; i++) action();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }
}
