using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;

namespace MixConsole.Mastering.Tests;

/// <summary>Synthesised programme material (deterministic), the input files tests master, and their alignment.</summary>
internal sealed class Programme : IDisposable
{
    public const int Rate = 48000;

    public string Folder { get; } = Directory.CreateTempSubdirectory("mixconsole-mastering-test-").FullName;

    public string Path(string name) => System.IO.Path.Combine(Folder, name);

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>Names of the material kinds <see cref="Make"/> knows.</summary>
    public static readonly string[] Kinds = ["dense-loud", "sparse-plucks", "quiet-pad", "verse-chorus", "orchestral-swell"];

    /// <summary>A stereo programme of <paramref name="kind"/>, <paramref name="seconds"/> long.</summary>
    public static float[][] Make(string kind, double seconds, int rate = Rate, int seed = 1)
    {
        int n = (int)(seconds * rate);
        var l = new float[n];
        var r = new float[n];
        var rnd = new Random(seed);
        double pinkL = 0, pinkR = 0, bL = 0, bR = 0;
        for (int i = 0; i < n; i++)
        {
            double t = (double)i / rate;
            // Band-limited noise (one-pole pink-ish) for texture, decorrelated per side with a shared part.
            double shared = rnd.NextDouble() * 2 - 1;
            pinkL = 0.97 * pinkL + 0.03 * (0.6 * shared + 0.4 * (rnd.NextDouble() * 2 - 1));
            pinkR = 0.97 * pinkR + 0.03 * (0.6 * shared + 0.4 * (rnd.NextDouble() * 2 - 1));
            bL = 0.5 * bL + 0.5 * pinkL;
            bR = 0.5 * bR + 0.5 * pinkR;
            double bass = Math.Sin(2 * Math.PI * 55 * t), chord = Math.Sin(2 * Math.PI * 220 * t) + 0.5 * Math.Sin(2 * Math.PI * 277.2 * t) + 0.4 * Math.Sin(2 * Math.PI * 329.6 * t);
            double beat = t * 2 % 1; // 120 bpm
            double kick = Math.Exp(-beat * 25) * Math.Sin(2 * Math.PI * (50 + 100 * Math.Exp(-beat * 30)) * beat);
            double snare = (t * 2 + 0.5) % 2 < 0.15 ? Math.Exp(-((t * 2 + 0.5) % 2) * 30) : 0;
            double left, right;
            switch (kind)
            {
                case "dense-loud":
                    left = 0.55 * kick + 0.25 * bass + 0.12 * chord + 2.5 * bL + 3 * snare * bL;
                    right = 0.55 * kick + 0.25 * bass + 0.10 * chord + 2.5 * bR + 3 * snare * bR;
                    break;
                case "sparse-plucks":
                {
                    double pt = t % 1.5, f = 330 * Math.Pow(2, (int)(t / 1.5) % 5 / 12.0);
                    double pluck = pt < 0.8 ? Math.Exp(-pt * 6) * (Math.Sin(2 * Math.PI * f * pt) + 0.3 * Math.Sin(4 * Math.PI * f * pt)) : 0;
                    left = 0.5 * pluck; right = 0.35 * pluck;
                    break;
                }
                case "quiet-pad":
                    left = 0.02 * chord * (1 + 0.2 * Math.Sin(2 * Math.PI * 0.3 * t)) + 0.05 * bL;
                    right = 0.02 * chord * (1 + 0.2 * Math.Sin(2 * Math.PI * 0.31 * t)) + 0.05 * bR;
                    break;
                case "verse-chorus":
                {
                    bool chorus = t >= seconds / 2;
                    double level = chorus ? 1 : 0.08;
                    left = level * (0.5 * kick + 0.2 * bass + 0.1 * chord + 2 * bL);
                    right = level * (0.5 * kick + 0.2 * bass + 0.08 * chord + 2 * bR);
                    break;
                }
                default: // orchestral swell: strings-like harmonics and air, -45 dB to full over the programme
                {
                    double swell = Math.Pow(10, (-45 + 45 * Math.Pow(t / seconds, 1.5)) / 20);
                    double strings = Math.Sin(2 * Math.PI * 196 * t) + 0.6 * Math.Sin(2 * Math.PI * 294 * t + 0.3) + 0.4 * Math.Sin(2 * Math.PI * 392 * t + 1) + 0.3 * Math.Sin(2 * Math.PI * 587 * t);
                    left = swell * (0.3 * strings + 1.5 * bL + 0.3 * kick * (t > 0.8 * seconds ? 1 : 0));
                    right = swell * (0.28 * strings + 1.5 * bR + 0.3 * kick * (t > 0.8 * seconds ? 1 : 0));
                    break;
                }
            }
            l[i] = (float)left;
            r[i] = (float)right;
        }
        return [l, r];
    }

    public string Write(string name, float[][] channels, int rate = Rate, WavSampleFormat format = WavSampleFormat.Float32)
    {
        string path = Path(name);
        using var writer = WavWriter.Create(path, new WavFormat(rate, channels.Length, format));
        var buffer = new AudioBuffer(channels.Length, 4096);
        for (int start = 0; start < channels[0].Length; start += 4096)
        {
            int n = Math.Min(4096, channels[0].Length - start);
            for (int c = 0; c < channels.Length; c++) channels[c].AsSpan(start, n).CopyTo(buffer.Channel(c, n));
            writer.Write(buffer, n);
        }
        return path;
    }

    /// <summary>
    /// Lag (output minus input, frames) maximising the cross-correlation within ±<paramref name="maxLag"/>, on first
    /// differences: whitening sharpens the peak, so the phase of a 20 Hz high-pass on bass-heavy material cannot move it.
    /// </summary>
    public static int BestLag(float[] input, float[] output, int maxLag)
    {
        int best = 0;
        double bestValue = double.NegativeInfinity;
        for (int lag = -maxLag; lag <= maxLag; lag++)
        {
            double sum = 0;
            for (int i = maxLag + 1; i < input.Length - maxLag; i++)
                sum += (input[i] - (double)input[i - 1]) * (output[i + lag] - (double)output[i + lag - 1]);
            if (sum > bestValue) { bestValue = sum; best = lag; }
        }
        return best;
    }
}
