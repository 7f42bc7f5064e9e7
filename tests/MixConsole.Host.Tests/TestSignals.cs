using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;

namespace MixConsole.Host.Tests;

/// <summary>WAV files synthesised for tests, in a temporary folder removed on dispose.</summary>
internal sealed class TestSignals : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("mixconsole-test-").FullName;

    public string Path(string name) => System.IO.Path.Combine(Folder, name);

    /// <summary>Writes a file whose channel c, frame i holds <paramref name="sample"/>(c, i).</summary>
    public string Write(string name, int rateHz, int channels, double seconds, Func<int, long, double> sample, WavSampleFormat format = WavSampleFormat.Float32)
    {
        string path = Path(name);
        long frames = (long)Math.Round(seconds * rateHz);
        using var writer = WavWriter.Create(path, new WavFormat(rateHz, channels, format));
        var buffer = new AudioBuffer(channels, 4096);
        for (long start = 0; start < frames; start += 4096)
        {
            int n = (int)Math.Min(4096, frames - start);
            for (int c = 0; c < channels; c++)
            {
                var ch = buffer.Channel(c, n);
                for (int i = 0; i < n; i++) ch[i] = (float)sample(c, start + i);
            }
            writer.Write(buffer, n);
        }
        return path;
    }

    /// <summary>A sine of <paramref name="peakDbfs"/> peak level on every channel.</summary>
    public string Sine(string name, double frequencyHz, double peakDbfs, double seconds = 10, int rateHz = 48000, int channels = 2) =>
        Write(name, rateHz, channels, seconds, (_, i) => Decibels.ToGain(peakDbfs) * Math.Sin(2 * Math.PI * frequencyHz * i / rateHz));

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
