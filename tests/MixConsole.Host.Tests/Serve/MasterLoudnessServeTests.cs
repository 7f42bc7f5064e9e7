using System.Globalization;
using MixConsole.Host.Tests.Scenes;
using Xunit.Abstractions;

namespace MixConsole.Host.Tests.Serve;

/// <summary>
/// The mastering box's live loudness over OSC (<c>/master/loudness</c>), judged by libebur128 over the very samples
/// serve wrote: a programme with hits (the limiter works), a silent gap where the meter is reset, a steady quieter
/// second programme, silence. Paced in real time, so the answers are those a client sees while the music plays.
/// </summary>
public sealed class MasterLoudnessServeTests(ITestOutputHelper log)
{
    private const int Rate = 48_000;
    private const int SubBlock = Rate / 100;
    private const double Silent = -70;
    private const double FirstEnd = 6, SecondStart = 10, SecondEnd = 15, Length = 18;

    [Fact]
    public void LoudnessAnswers_MatchLibEbur128OverTheOutput_AndResetRestartsTheIntegration()
    {
        using var signals = new TestSignals();
        string input = WriteProgramme(signals);
        string output = signals.Path("out.wav");
        using var serve = ServeProcess.StartServe("--audio", "wav", "--mode", "mastering", "--input", input, "--output", output,
            "--osc-port", "0", "--http-port", "0", "--bind", "127.0.0.1", "--allow", "127.0.0.0/8", "--status", "0",
            "--rt-priority", "0", "--no-mlock", "--rate-limit", "100000");
        using var client = new OscTestClient(serve.Port);

        var beforeReset = new List<float[]>();
        float[]? gap = null, afterReset = null, tail = null;
        bool heardSecond = false;
        while (!serve.HasExited)
        {
            float[]? v = Ask(client, "/master/loudness");
            if (v is null) continue;
            if (afterReset is null)
            {
                beforeReset.Add(v);
                // Momentary silent with something integrated: the first programme has passed the meter whole.
                if (v[0] < Silent && v[2] > Silent)
                {
                    gap = v;
                    afterReset = Ask(client, "/master/loudness/reset");
                    Assert.NotNull(afterReset);
                }
            }
            else if (v[0] > Silent) heardSecond = true;
            else if (heardSecond) tail = v;

            Thread.Sleep(40);
        }

        Assert.Equal(0, serve.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Contains("frames metered, 0 lost", serve.Out);
        Assert.NotNull(gap);
        Assert.NotNull(tail);

        float[][] wet = ReferenceWav.Read(output).Channels;
        int gapEnd = (int)(SecondStart * Rate);

        // Every answer before the reset is libebur128 at one point of the output, and the points move forward.
        var refs = new List<double[]>();
        using (var reference = new LibEbur128.Stereo(Rate))
        {
            for (int b = 0; b + SubBlock <= gapEnd; b += SubBlock)
            {
                refs.Add([reference.MomentaryLufs, reference.ShortTermLufs, reference.IntegratedLufs, reference.TruePeakDbtp]);
                reference.Add(wet[0], wet[1], b, SubBlock);
            }
        }

        int at = 0, matched = 0;
        double worstS = 0, worstI = 0;
        foreach (float[] v in beforeReset)
        {
            int start = at;
            while (at + 2 < refs.Count && !Matches(v, refs[at], refs[at + 1])) at++;
            if (!Matches(v, refs[at], refs[at + 1]))
            {
                int near = start;
                for (int k = start; k < refs.Count; k++) if (Math.Abs(refs[k][2] - v[2]) + Math.Abs(refs[k][1] - v[1]) < Math.Abs(refs[near][2] - v[2]) + Math.Abs(refs[near][1] - v[1])) near = k;
                for (int k = start; k < Math.Min(refs.Count, start + 60); k += 2) log.WriteLine(Invariant($"{k * 10} ms: M {refs[k][0]:0.00} S {refs[k][1]:0.00} I {refs[k][2]:0.00} {refs[k][3]:0.00} dBTP"));
                Assert.Fail(Invariant($"answer {Show(v)} matches libebur128 nowhere after {start * 10} ms of output; nearest at {near * 10} ms: M {refs[near][0]:0.00} S {refs[near][1]:0.00} I {refs[near][2]:0.00} {refs[near][3]:0.00} dBTP"));
            }
            if (v[1] > Silent) worstS = Math.Max(worstS, Math.Abs(v[1] - refs[at][1]));
            if (v[2] > Silent) worstI = Math.Max(worstI, Math.Abs(v[2] - refs[at][2]));
            matched++;
        }

        var first = LibEbur128.Measure([wet[0][..gapEnd], wet[1][..gapEnd]], Rate);
        double firstTp = 20 * Math.Log10(first.TruePeak.Max());
        log.WriteLine(Invariant($"{matched} answers before the reset each match libebur128 at a point of the output (the earliest point within tolerance: short-term off by up to {worstS:0.000} LU, integrated {worstI:0.000} LU there)"));
        log.WriteLine(Invariant($"gap: {Show(gap!)}; libebur128 {first.IntegratedLufs:0.00} LUFS, LRA {first.RangeLu:0.00} LU, {firstTp:0.00} dBTP"));
        Assert.True(Math.Abs(gap![2] - first.IntegratedLufs) <= 0.1, "integrated after the first programme");
        Assert.True(Math.Abs(gap[4] - firstTp) <= 0.2, "true peak after the first programme");
        Assert.Contains(beforeReset, v => v[1] > Silent);
        Assert.Contains(beforeReset, v => v[5] > 0.5f);

        // The reset: nothing integrated, no peak, until the second programme arrives.
        log.WriteLine($"after the reset: {Show(afterReset!)}");
        Assert.True(afterReset![2] < Silent && afterReset[4] < Silent && afterReset[0] < Silent && afterReset[3] == 0f);

        // At the end: the second programme alone (from the middle of the gap, where the output is silent).
        int from = (int)((FirstEnd + SecondStart) / 2 * Rate);
        var second = LibEbur128.Measure([wet[0][from..], wet[1][from..]], Rate);
        var whole = LibEbur128.Measure(wet, Rate);
        double secondTp = 20 * Math.Log10(second.TruePeak.Max());
        log.WriteLine(Invariant($"tail: {Show(tail!)}; libebur128 over the second programme {second.IntegratedLufs:0.00} LUFS, LRA {second.RangeLu:0.00} LU, {secondTp:0.00} dBTP; over the whole output {whole.IntegratedLufs:0.00} LUFS, {20 * Math.Log10(whole.TruePeak.Max()):0.00} dBTP"));
        Assert.True(Math.Abs(tail![2] - second.IntegratedLufs) <= 0.1, "integrated since the reset");
        Assert.True(Math.Abs(tail[4] - secondTp) <= 0.2, "true peak since the reset");
        Assert.True(Math.Abs(tail[2] - whole.IntegratedLufs) > 1 && Math.Abs(tail[4] - 20 * Math.Log10(whole.TruePeak.Max())) > 1,
            "the readings since the reset are not the whole output's");
        Assert.True(tail[5] < 0.1f, "the limiter has let go in the silence");
    }

    private static float[]? Ask(OscTestClient client, string address)
    {
        client.Send(address);
        object[]? values = client.WaitFor("/master/loudness", TimeSpan.FromSeconds(10)); // a loaded machine answers late, not never
        if (values is null) return null;
        Assert.Equal(6, values.Length);
        return [.. values.Select(o => (float)o)];
    }

    // Loudness at the sub-block the meter last completed; the true peak counts the samples since then too.
    private static bool Matches(float[] v, double[] at, double[] next) =>
        Close(v[0], at[0], 0.1) && Close(v[1], at[1], 0.1) && Close(v[2], at[2], 0.1)
        && (v[4] < Silent ? at[3] < Silent : v[4] >= at[3] - 0.2 && v[4] <= next[3] + 0.2);

    private static bool Close(double value, double reference, double tolerance) =>
        (value < Silent && reference < Silent) || Math.Abs(value - reference) <= tolerance;

    private static string Show(float[] v) =>
        Invariant($"M {v[0]:0.00} S {v[1]:0.00} I {v[2]:0.00} LUFS, LRA {v[3]:0.00} LU, {v[4]:0.00} dBTP, GR {v[5]:0.00} dB");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string WriteProgramme(TestSignals signals)
    {
        var random = new Random(5);
        var noise = new double[(int)(Length * Rate) * 2];
        // Noise low-passed (two poles near 3 kHz) like a drum's: full-band noise is where libebur128's 4x true peak
        // under-reads (0.4 dB under our 8x on such hits), and music has little of it.
        double a = Math.Exp(-2 * Math.PI * 3000.0 / Rate), y1L = 0, y2L = 0, y1R = 0, y2R = 0;
        for (int i = 0; i < noise.Length; i += 2)
        {
            y1L = (1 - a) * (random.NextDouble() * 2 - 1) + a * y1L;
            y2L = (1 - a) * y1L + a * y2L;
            y1R = (1 - a) * (random.NextDouble() * 2 - 1) + a * y1R;
            y2R = (1 - a) * y1R + a * y2R;
            noise[i] = 3 * y2L;
            noise[i + 1] = 3 * y2R;
        }
        return signals.Write("programme.wav", Rate, 2, Length, (c, i) =>
        {
            double t = (double)i / Rate;
            double pad = 0.15 * (Math.Sin(2 * Math.PI * 440 * t) + Math.Sin(2 * Math.PI * 554.37 * t + c) + Math.Sin(2 * Math.PI * 659.25 * t + 2));
            double bass = 0.5 * Math.Sin(2 * Math.PI * 55 * t);
            if (t < FirstEnd)
            {
                // Hits four times a second, louder towards the end: the limiter works and the range is wide.
                double hit = Math.Exp(-(i % (Rate / 4)) / (0.03 * Rate)) * noise[2 * i + c];
                return (0.2 + 0.6 * t / FirstEnd) * (bass + pad + 1.2 * hit);
            }

            return t >= SecondStart && t < SecondEnd ? 0.08 * (bass + pad) : 0;
        });
    }
}
