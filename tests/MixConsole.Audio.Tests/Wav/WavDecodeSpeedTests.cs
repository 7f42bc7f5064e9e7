using System.Diagnostics;
using MixConsole.Audio.Tests.Support;
using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;
using Xunit;
using Xunit.Abstractions;

namespace MixConsole.Audio.Tests.Wav;

/// <summary>Decoding speed on a ten-minute stereo file: the analysis benchmark's first stage.</summary>
[Trait("Category", "Soak")]
public sealed class WavDecodeSpeedTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(WavSampleFormat.Pcm16)]
    [InlineData(WavSampleFormat.Pcm24)]
    [InlineData(WavSampleFormat.Float32)]
    public void TenMinuteStereoFile_DecodesInUnderASecondFifth(WavSampleFormat sampleFormat)
    {
        const int rateHz = 48_000;
        const int frames = 600 * rateHz;
        string dir = WavTestFiles.TempFolder();
        string path = Path.Combine(dir, "ten-minutes.wav");
        var block = new AudioBuffer(2, 4096);
        var rng = new Random(1);
        for (int i = 0; i < 4096; i++)
        {
            block.Channel(0)[i] = (float)(rng.NextDouble() - 0.5);
            block.Channel(1)[i] = (float)(rng.NextDouble() - 0.5);
        }
        using (var writer = WavWriter.Create(path, new WavFormat(rateHz, 2, sampleFormat)))
        {
            for (int done = 0; done < frames; done += 4096)
                writer.Write(block, Math.Min(4096, frames - done));
        }

        // This thread's CPU time, not wall time (the build machine is shared and wall time measures the neighbours)
        // nor the process's (which counts the other tests running beside this one).
        double best = double.MaxValue, bestWall = double.MaxValue;
        for (int run = 0; run < 3; run++)
        {
            TimeSpan cpuBefore = ThreadCpuTime.Now();
            var watch = Stopwatch.StartNew();
            using var reader = WavReader.Open(path);
            long total = 0;
            int n;
            while ((n = reader.Read(block, 4096)) > 0)
                total += n;
            bestWall = Math.Min(bestWall, watch.Elapsed.TotalSeconds);
            best = Math.Min(best, (ThreadCpuTime.Now() - cpuBefore).TotalSeconds);
            Assert.Equal(frames, total);
        }
        output.WriteLine($"{sampleFormat}: 10 min stereo decoded in {best * 1000:F1} ms CPU ({600 / best:F0}x real time), {bestWall * 1000:F1} ms wall");
        Directory.Delete(dir, recursive: true);
        Assert.True(best < 0.2, $"decoding took {best:F3} s of CPU");
    }
}
