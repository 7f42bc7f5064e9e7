using System.Globalization;
using MixConsole.Control.Tests.Server;
using MixConsole.Host.Tests.Scenes;
using Xunit.Abstractions;

namespace MixConsole.Host.Tests.Serve;

/// <summary>
/// The mastering box's meter bank (<c>/meters/20</c>) as a remote app sees it while the music plays: judged against the
/// very samples serve read and wrote. The programme is the same tone on both sides (correlation +1) at a known peak,
/// then the right side turned over (correlation -1).
/// </summary>
public sealed class MasteringMeterServeTests(ITestOutputHelper log)
{
    private const int Rate = 48_000;
    private const double InPhaseSeconds = 3, Length = 6;
    private const double Peak = 0.7;

    [Fact]
    public void Bank20_CarriesInputAndOutputPeaks_GainsAndCorrelation_OfTheAudioServeProcessed()
    {
        using var signals = new TestSignals();
        string input = signals.Write("tone.wav", Rate, 2, Length, (c, i) =>
        {
            double x = Peak * Math.Sin(2 * Math.PI * 220 * i / Rate);
            return c == 1 && i >= InPhaseSeconds * Rate ? -x : x;
        });
        string output = signals.Path("out.wav");
        using var serve = ServeProcess.StartServe("--audio", "wav", "--mode", "mastering", "--input", input, "--output", output,
            "--osc-port", "0", "--http-port", "0", "--bind", "127.0.0.1", "--allow", "127.0.0.0/8", "--status", "0",
            "--rt-priority", "0", "--no-mlock", "--rate-limit", "100000");
        using var client = new OscTestClient(serve.Port);

        var blobs = new List<float[]>();
        var renew = System.Diagnostics.Stopwatch.StartNew();
        client.Send("/meters/20");
        while (!serve.HasExited)
        {
            if (renew.Elapsed > TimeSpan.FromSeconds(4))
            {
                client.Send("/meters/20");
                renew.Restart();
            }

            object[]? values = client.WaitFor("/meters/20", TimeSpan.FromMilliseconds(500));
            if (values is not null) blobs.Add(Osc.MeterValues(Assert.IsType<byte[]>(Assert.Single(values))));
        }

        Assert.Equal(0, serve.WaitForExit(TimeSpan.FromSeconds(30)));
        float[][] wet = ReferenceWav.Read(output).Channels;
        float outputPeak = Math.Max(wet[0].Max(Math.Abs), wet[1].Max(Math.Abs));
        var sounding = blobs.Where(b => b[0] > 0.1f).ToList();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{blobs.Count} blobs, {sounding.Count} with signal; output file peak {outputPeak:0.0000}; correlations seen {sounding.Min(b => b[9]):0.000} .. {sounding.Max(b => b[9]):0.000}"));

        for (int k = 0; k < blobs.Count; k += 10) log.WriteLine(string.Join(" ", blobs[k].Select(v => v.ToString("0.000", CultureInfo.InvariantCulture))));
        Assert.True(sounding.Count >= 40, $"only {sounding.Count} blobs while the tone played");
        Assert.All(blobs, b => Assert.Equal(10, b.Length));
        // Input peaks: the tone's, read before the chain (a 50 ms window of a 220 Hz tone holds its crest).
        Assert.All(sounding, b => Assert.InRange(b[0], Peak - 0.001, Peak + 0.001));
        Assert.All(sounding, b => Assert.InRange(b[1], Peak - 0.001, Peak + 0.001));
        // Output peaks: never above what serve wrote. The chain brings the hot tone down to its loudness target steadily,
        // so the file's peaks fall from window to window and the meter's must too (after the first half second, where the
        // chain's latency and its first gain moves come through); the last reading is the end's.
        Assert.All(blobs, b => Assert.True(b[2] <= outputPeak + 1e-6 && b[3] <= outputPeak + 1e-6));
        for (int k = 11; k < sounding.Count; k++) Assert.True(sounding[k][2] <= sounding[k - 1][2] + 0.002f, $"output peak rose at blob {k}");
        int end = wet[0].Length;
        float lastWindow = wet[0][(end - Rate / 20)..].Max(Math.Abs), lastSecond = wet[0][(end - Rate)..].Max(Math.Abs);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"last reading {sounding[^1][2]:0.0000}; file's last 50 ms {lastWindow:0.0000}, last second {lastSecond:0.0000}"));
        Assert.InRange(sounding[^1][2], lastWindow - 0.001f, lastSecond + 0.001f);
        Assert.Equal(sounding[^1][2], sounding[^1][3], 0.001f);
        // Gains are gains: 1.0 at most, never zero.
        Assert.All(blobs, b => Assert.All(b[4..9], g => Assert.InRange(g, 0.01f, 1f)));
        // Correlation follows the music: +1 in phase, then -1 once the right side turned over for longer than its window.
        Assert.Contains(sounding, b => b[9] > 0.99f);
        Assert.Contains(sounding, b => b[9] < -0.99f);
        Assert.True(sounding.FindIndex(b => b[9] > 0.99f) < sounding.FindLastIndex(b => b[9] < -0.99f));
    }
}
