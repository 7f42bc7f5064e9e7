using MixConsole.Host.Tests.Scenes;
using Xunit.Abstractions;

namespace MixConsole.Host.Tests.Serve;

/// <summary>
/// The mastering box's translation preview (<c>/master/preview</c>) on <c>serve --mode mastering --audio wav
/// --channels-out 4</c>: the print (outputs 1-2) is bit-identical with and without a preview, the monitor (outputs
/// 3-4) carries it, and switching moves the monitor by bounded sample-to-sample steps. Paced in real time, so the
/// switch arrives while the music plays.
/// </summary>
public sealed class PreviewServeTests(ITestOutputHelper log)
{
    private const int Rate = 48_000;
    private const double Seconds = 8;

    private static string[] Serve(string input, string output) =>
        ["--audio", "wav", "--mode", "mastering", "--input", input, "--output", output, "--channels-out", "4",
         "--osc-port", "0", "--http-port", "0", "--bind", "127.0.0.1", "--allow", "127.0.0.0/8", "--status", "0",
         "--rt-priority", "0", "--no-mlock", "--rate-limit", "100000"];

    [Fact]
    public void Preview_ChangesTheMonitorOnly_PrintIsBitIdentical()
    {
        using var signals = new TestSignals();
        // Bass in the middle, a pad wider on the right, so the side is neither empty nor the whole.
        string input = signals.Write("programme.wav", Rate, 2, Seconds, (c, i) =>
        {
            double t = (double)i / Rate;
            return 0.3 * Math.Sin(2 * Math.PI * 55 * t) + 0.1 * Math.Sin(2 * Math.PI * 440 * t + 1.3 * c) + 0.05 * Math.Sin(2 * Math.PI * 3000 * t * (1 + 0.01 * c));
        });

        string plain = signals.Path("plain.wav");
        using (var serve = ServeProcess.StartServe(Serve(input, plain)))
        {
            Assert.Equal(0, serve.WaitForExit(TimeSpan.FromSeconds(120)));
            Assert.Contains("3-4 (monitor, /master/preview)", serve.Out);
        }

        string previewed = signals.Path("previewed.wav");
        using (var serve = ServeProcess.StartServe(Serve(input, previewed)))
        using (var client = new OscTestClient(serve.Port))
        {
            // Phone first, then the side: the monitor switches twice while the music plays.
            client.Send("/master/preview", "phone");
            client.Send("/master/preview");
            Assert.Equal(1, client.WaitFor("/master/preview", TimeSpan.FromSeconds(10))?[0]);
            Thread.Sleep(500);
            client.Send("/master/preview", "side");
            client.Send("/master/preview");
            Assert.Equal(7, client.WaitFor("/master/preview", TimeSpan.FromSeconds(10))?[0]);
            Assert.Equal(0, serve.WaitForExit(TimeSpan.FromSeconds(120)));
        }

        float[][] a = ReferenceWav.Read(plain).Channels, b = ReferenceWav.Read(previewed).Channels;
        Assert.Equal(4, a.Length);
        Assert.Equal(4, b.Length);
        int frames = a[0].Length;
        Assert.Equal(frames, b[0].Length);

        // The print: bit for bit the same, preview or not; without a preview the monitor is the print.
        for (int c = 0; c < 2; c++)
        {
            for (int i = 0; i < frames; i++)
            {
                if (BitConverter.SingleToInt32Bits(a[c][i]) != BitConverter.SingleToInt32Bits(b[c][i])) Assert.Fail($"print channel {c + 1} differs at frame {i}");
                if (BitConverter.SingleToInt32Bits(a[c][i]) != BitConverter.SingleToInt32Bits(a[c + 2][i])) Assert.Fail($"monitor channel {c + 3} without a preview differs from the print at frame {i}");
            }
        }

        // The monitor carries the side preview from some frame to the end, exactly (L-R)/2 of the print on both sides.
        int since = frames;
        while (since > 0 && IsSide(b, since - 1)) since--;
        log.WriteLine($"monitor is the side of the print from frame {since} of {frames}");
        Assert.True(since < frames - 2 * Rate, $"the monitor carries the side only from frame {since} of {frames}");
        Assert.True(since > 0, "the monitor was the side before any preview was asked for");

        // Switching: the monitor never steps further between samples than the print itself does, with a margin.
        double printStep = 0, monitorStep = 0;
        for (int i = 1; i < frames; i++)
        {
            printStep = Math.Max(printStep, Math.Max(Math.Abs(b[0][i] - b[0][i - 1]), Math.Abs(b[1][i] - b[1][i - 1])));
            monitorStep = Math.Max(monitorStep, Math.Max(Math.Abs(b[2][i] - b[2][i - 1]), Math.Abs(b[3][i] - b[3][i - 1])));
        }

        log.WriteLine($"largest step: print {printStep:0.0000}, monitor {monitorStep:0.0000}");
        Assert.True(monitorStep <= 1.25 * printStep, $"the monitor steps {monitorStep:0.0000} between samples, the print at most {printStep:0.0000}");
    }

    private static bool IsSide(float[][] y, int i)
    {
        float side = 0.5f * (y[0][i] - y[1][i]);
        return y[2][i] == side && y[3][i] == side;
    }
}
