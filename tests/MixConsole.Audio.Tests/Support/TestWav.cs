using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;

namespace MixConsole.Audio.Tests.Support;

/// <summary>Writes and reads test WAVs whose every sample is known.</summary>
internal static class TestWav
{
    /// <summary>A distinct value per frame and channel, exact in 16-bit PCM.</summary>
    public static float Sample(long frame, int channel) =>
        (short)(((frame * 37 + channel * 1013) % 60_000) - 30_000) / 32768f;

    public static void Write(string path, int channels, long frames, int rateHz = 48_000, WavSampleFormat format = WavSampleFormat.Pcm16, int firstChannel = 0)
    {
        using var writer = WavWriter.Create(path, new WavFormat(rateHz, channels, format));
        var block = new AudioBuffer(channels, 4096);
        for (long f0 = 0; f0 < frames; f0 += 4096)
        {
            int n = (int)Math.Min(4096, frames - f0);
            for (int c = 0; c < channels; c++)
            {
                var ch = block.Channel(c, n);
                for (int i = 0; i < n; i++) ch[i] = Sample(f0 + i, firstChannel + c);
            }
            writer.Write(block, n);
        }
    }

    public static float[][] ReadAll(string path)
    {
        using var reader = WavReader.Open(path);
        var data = new float[reader.Format.Channels][];
        for (int c = 0; c < data.Length; c++) data[c] = new float[reader.FrameCount];
        var block = new AudioBuffer(reader.Format.Channels, 4096);
        long pos = 0;
        int n;
        while ((n = reader.Read(block, 4096)) > 0)
        {
            for (int c = 0; c < data.Length; c++) block.Channel(c, n).CopyTo(data[c].AsSpan((int)pos));
            pos += n;
        }
        return data;
    }
}
