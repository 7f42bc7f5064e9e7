using System.Runtime.CompilerServices;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Loudness;

namespace MixConsole.Dsp.Tests.Loudness;

/// <summary>Synthesised EBU test signals and a harness that feeds them to a meter.</summary>
internal static class TestSignals
{
    public static readonly int[] Rates = [44100, 48000, 96000];

    /// <summary>Phase-continuous sine; each segment is (seconds, peak level dBFS); negative infinity is silence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float[] Tone(int fs, double frequencyHz, params (double Seconds, double PeakDbfs)[] segments)
    {
        long total = 0;
        foreach (var s in segments)
            total += (long)Math.Round(s.Seconds * fs);
        var x = new float[total];
        long n = 0;
        double w = 2 * Math.PI * frequencyHz / fs;
        foreach (var s in segments)
        {
            long len = (long)Math.Round(s.Seconds * fs);
            double a = double.IsNegativeInfinity(s.PeakDbfs) ? 0 : Math.Pow(10, s.PeakDbfs / 20);
            for (long i = 0; i < len; i++, n++)
                x[n] = (float)(a * Math.Sin(w * n));
        }
        return x;
    }

    /// <summary>Repeats <paramref name="segments"/> <paramref name="times"/> times.</summary>
    public static (double, double)[] Repeat(int times, params (double, double)[] segments)
    {
        var list = new List<(double, double)>();
        for (int i = 0; i < times; i++)
            list.AddRange(segments);
        return [.. list];
    }

    /// <summary>A sine with 10 ms raised-cosine fades (Tech 3341 true-peak signals).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float[] FadedSine(int fs, double frequencyHz, double amplitude, double phaseDeg, double seconds)
    {
        int len = (int)Math.Round(seconds * fs), fade = (int)Math.Round(0.01 * fs);
        var x = new float[len];
        double w = 2 * Math.PI * frequencyHz / fs, ph = phaseDeg * Math.PI / 180;
        for (int n = 0; n < len; n++)
        {
            double g = 1;
            if (n < fade) g = 0.5 - 0.5 * Math.Cos(Math.PI * n / fade);
            else if (n >= len - fade) g = 0.5 - 0.5 * Math.Cos(Math.PI * (len - 1 - n) / fade);
            x[n] = (float)(g * amplitude * Math.Sin(w * n + ph));
        }
        return x;
    }

    /// <summary>Runs planar audio through a fresh meter in blocks of <paramref name="blockFrames"/>.</summary>
    public static LoudnessMeter Measure(int fs, float[][] channels, int blockFrames = 4096,
        ChannelWeights? weights = null, LoudnessMeterOptions? options = null,
        Action<LoudnessMeter, long>? afterBlock = null, int? maxBlockFrames = null)
    {
        var meter = new LoudnessMeter();
        meter.Prepare(new ProcessSpec(fs, maxBlockFrames ?? blockFrames, channels.Length), weights, options);
        Feed(meter, channels, blockFrames, afterBlock);
        return meter;
    }

    public static void Feed(LoudnessMeter meter, float[][] channels, int blockFrames, Action<LoudnessMeter, long>? afterBlock = null)
    {
        var buffer = new AudioBuffer(channels.Length, blockFrames);
        long frames = channels[0].Length;
        for (long off = 0; off < frames; off += blockFrames)
        {
            int n = (int)Math.Min(blockFrames, frames - off);
            for (int c = 0; c < channels.Length; c++)
                channels[c].AsSpan((int)off, n).CopyTo(buffer.Channel(c, n));
            meter.Process(buffer, n);
            afterBlock?.Invoke(meter, off + n);
        }
    }

    public static float[][] Stereo(float[] x) => [x, x];

    /// <summary>Programme-like material: noise bursts, drum-like hits, chords with dynamics, silence gaps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float[][] Programme(int fs, int channels, double seconds, int seed, double peakDbfs = -1.0)
    {
        var rng = new Random(seed);
        int len = (int)(seconds * fs);
        var outp = new float[channels][];
        for (int c = 0; c < channels; c++)
            outp[c] = new float[len];
        var mix = new double[len];
        var side = new double[len];

        // Chords with a slow dynamic envelope (crescendo, decrescendo) and harmonics; partials run as
        // rotating phasors so synthesis stays cheap at high rates.
        double[] roots = [110, 146.83, 164.81, 196];
        double[] ratios = [1.0, 1.25, 1.5, 2.0];
        const int Harmonics = 6;
        var re = new double[ratios.Length * Harmonics];
        var im = new double[re.Length];
        var rotRe = new double[re.Length];
        var rotIm = new double[re.Length];
        int currentRoot = -1;
        for (int n = 0; n < len; n++)
        {
            double t = (double)n / fs;
            int rootIndex = (int)(t / 2.5) % roots.Length;
            if (rootIndex != currentRoot)
            {
                currentRoot = rootIndex;
                for (int r = 0; r < ratios.Length; r++)
                    for (int h = 1; h <= Harmonics; h++)
                    {
                        int i = r * Harmonics + h - 1;
                        double w = 2 * Math.PI * roots[rootIndex] * ratios[r] * h / fs;
                        rotRe[i] = Math.Cos(w);
                        rotIm[i] = Math.Sin(w);
                        if (re[i] == 0 && im[i] == 0)
                            (re[i], im[i]) = (Math.Cos(h), Math.Sin(h));
                    }
            }
            double env = Math.Pow(10, (-24 + 18 * Math.Sin(2 * Math.PI * t / 17.0 + seed)) / 20);
            double s = 0;
            for (int i = 0; i < re.Length; i++)
            {
                double nr = re[i] * rotRe[i] - im[i] * rotIm[i];
                im[i] = re[i] * rotIm[i] + im[i] * rotRe[i];
                re[i] = nr;
                int h = i % Harmonics + 1;
                s += im[i] / (h * h);
            }
            mix[n] += 0.12 * env * s;
            side[n] += 0.05 * env * im[2];
        }

        // Drum-like hits: kick (decaying low sine), snare (decaying noise), hats (short bright noise).
        double beat = 60.0 / (100 + rng.Next(60));
        for (double t0 = 0.2; t0 < seconds - 1; t0 += beat / 2)
        {
            int start = (int)(t0 * fs);
            double vel = Math.Pow(10, (-12 * rng.NextDouble()) / 20);
            bool kick = rng.NextDouble() < 0.5, snare = !kick && rng.NextDouble() < 0.7;
            int hitLen = Math.Min(len - start, (int)(0.4 * fs));
            double prev = 0;
            for (int i = 0; i < hitLen; i++)
            {
                double t = (double)i / fs;
                double v = 0;
                if (kick) v += 0.7 * vel * Math.Exp(-t / 0.12) * Math.Sin(2 * Math.PI * (50 + 80 * Math.Exp(-t / 0.03)) * t);
                double noise = rng.NextDouble() * 2 - 1;
                if (snare) v += 0.4 * vel * Math.Exp(-t / 0.08) * noise;
                double bright = noise - prev;
                prev = noise;
                v += 0.15 * vel * Math.Exp(-t / 0.02) * bright;
                mix[start + i] += v;
                side[start + i] += 0.3 * (rng.NextDouble() - 0.5) * vel * Math.Exp(-t / 0.05);
            }
        }

        // Noise bursts at random levels, then silence gaps cut through everything.
        for (int b = 0; b < seconds / 4; b++)
        {
            int start = rng.Next(len), blen = Math.Min(len - start, (int)((0.2 + 1.5 * rng.NextDouble()) * fs));
            double level = Math.Pow(10, (-40 + 30 * rng.NextDouble()) / 20);
            double lp = 0;
            for (int i = 0; i < blen; i++)
            {
                lp += 0.3 * (rng.NextDouble() * 2 - 1 - lp);
                mix[start + i] += level * lp * 2;
            }
        }
        for (int g = 0; g < seconds / 10; g++)
        {
            int start = rng.Next(len), glen = Math.Min(len - start, (int)((0.5 + 2 * rng.NextDouble()) * fs));
            Array.Clear(mix, start, glen);
            Array.Clear(side, start, glen);
        }

        // Production chains band-limit to ~20 kHz: a linear-phase low-pass at 0.42 fs.
        LowPass(mix, 0.42);
        LowPass(side, 0.42);

        double peak = 1e-9;
        for (int n = 0; n < len; n++)
            peak = Math.Max(peak, Math.Abs(mix[n]) + Math.Abs(side[n]));
        double gain = Math.Pow(10, peakDbfs / 20) / peak;
        for (int c = 0; c < channels; c++)
        {
            double sideSign = c % 2 == 0 ? 1 : -1, chGain = c < 2 ? 1.0 : 0.5 + 0.1 * c;
            for (int n = 0; n < len; n++)
                outp[c][n] = (float)(gain * chGain * (mix[n] + sideSign * side[n]));
        }
        return outp;
    }

    /// <summary>In-place zero-phase FIR low-pass (Kaiser-windowed sinc, 63 taps) at <paramref name="cutoffFs"/> of the rate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LowPass(double[] x, double cutoffFs)
    {
        const int Half = 31;
        var h = new double[2 * Half + 1];
        for (int i = -Half; i <= Half; i++)
        {
            double sinc = i == 0 ? 2 * cutoffFs : Math.Sin(2 * Math.PI * cutoffFs * i) / (Math.PI * i);
            double u = (double)i / Half;
            h[i + Half] = sinc * BesselI0(8 * Math.Sqrt(1 - u * u)) / BesselI0(8);
        }
        var y = new double[x.Length];
        for (int n = 0; n < x.Length; n++)
        {
            double acc = 0;
            int lo = Math.Max(-Half, n - x.Length + 1), hi = Math.Min(Half, n);
            for (int i = lo; i <= hi; i++)
                acc += h[i + Half] * x[n - i];
            y[n] = acc;
        }
        Array.Copy(y, x, x.Length);
    }

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1;
        for (int k = 1; k < 50; k++)
        {
            term *= x / 2 / k;
            sum += term * term;
        }
        return sum;
    }
}
