namespace MixConsole.Host.Offline;

/// <summary>One synthesised part of the demo song: a mono or stereo stem and the console channel it enters.</summary>
internal sealed record DemoStem(string Name, int Channel, float[][] Audio);

/// <summary>
/// A 30-second song synthesised in code, deterministic to the sample: 120 BPM, A minor, Am-F-C-G.
/// Drums (kick, snare, hi-hat), bass, stereo keys and a lead line, each as raw as a recorded stem
/// (no EQ, no compression), so the mix has work to do.
/// </summary>
internal static class DemoSong
{
    public const int RateHz = 48000;
    public const double Bpm = 120;
    public const int Bars = 15;

    private static readonly int[][] Chords = [[57, 60, 64], [53, 57, 60], [48, 52, 55], [55, 59, 62]]; // Am F C G (MIDI)
    private static readonly int[] Scale = [69, 72, 74, 76, 79, 81, 84]; // A minor pentatonic over the lead's range

    public static int BeatFrames => (int)(RateHz * 60 / Bpm);

    public static int Frames => Bars * 4 * BeatFrames;

    public static IReadOnlyList<DemoStem> Synthesise() =>
    [
        new("kick", 1, [Kick()]),
        new("snare", 2, [Snare()]),
        new("hihat", 3, [HiHat()]),
        new("bass", 4, [Bass()]),
        new("keys", 5, Keys()),
        new("lead", 7, [Lead()]),
    ];

    private static double Hz(int midi) => 440 * Math.Pow(2, (midi - 69) / 12.0);

    private static float[] Kick()
    {
        var x = new float[Frames];
        for (int beat = 0; beat < Bars * 4; beat++)
        {
            if (beat % 4 is 1 or 3 && beat % 8 != 7) continue; // four on the floor, with a gap for the fill
            double phase = 0;
            int start = beat * BeatFrames;
            for (int i = 0; i < RateHz / 3 && start + i < Frames; i++)
            {
                double t = (double)i / RateHz;
                double f = 48 + 110 * Math.Exp(-t * 30);
                phase += 2 * Math.PI * f / RateHz;
                x[start + i] += (float)(0.9 * Math.Sin(phase) * Math.Exp(-t * 9) + 0.3 * Math.Exp(-t * 400) * Math.Sin(phase * 7));
            }
        }

        return x;
    }

    private static float[] Snare()
    {
        var x = new float[Frames];
        var random = new Random(2);
        for (int beat = 1; beat < Bars * 4; beat += 2)
        {
            int start = beat * BeatFrames;
            for (int i = 0; i < RateHz / 4 && start + i < Frames; i++)
            {
                double t = (double)i / RateHz;
                double noise = random.NextDouble() * 2 - 1;
                x[start + i] += (float)(0.45 * noise * Math.Exp(-t * 18) + 0.35 * Math.Sin(2 * Math.PI * 190 * t) * Math.Exp(-t * 30));
            }
        }

        // A low hum and room noise between hits: what the gate is for.
        for (int i = 0; i < Frames; i++) x[i] += (float)(0.004 * Math.Sin(2 * Math.PI * 60 * i / RateHz) + 0.002 * (random.NextDouble() * 2 - 1));
        return x;
    }

    private static float[] HiHat()
    {
        var x = new float[Frames];
        var random = new Random(3);
        int eighth = BeatFrames / 2;
        double previous = 0;
        for (int step = 0; step < Bars * 8; step++)
        {
            int start = step * eighth;
            double accent = step % 2 == 0 ? 0.28 : 0.16;
            for (int i = 0; i < eighth && start + i < Frames; i++)
            {
                double noise = random.NextDouble() * 2 - 1;
                double high = noise - previous; // first difference: a bright, thin noise
                previous = noise;
                x[start + i] = (float)(accent * high * Math.Exp(-(double)i / RateHz * 60));
            }
        }

        return x;
    }

    private static float[] Bass()
    {
        var x = new float[Frames];
        int eighth = BeatFrames / 2;
        double phase = 0;
        for (int i = 0; i < Frames; i++)
        {
            int bar = i / (4 * BeatFrames);
            int step = i / eighth;
            int root = Chords[bar % 4][0] - 24;
            int note = step % 8 == 6 ? root + 7 : root;
            double t = (double)(i % eighth) / RateHz;
            phase += 2 * Math.PI * Hz(note) / RateHz;
            double tone = Math.Sin(phase) + 0.35 * Math.Sin(2 * phase) + 0.15 * Math.Sin(3 * phase);
            x[i] = (float)(0.32 * tone * Math.Min(1, t * 200) * Math.Exp(-t * 2.5));
        }

        return x;
    }

    private static float[][] Keys()
    {
        var left = new float[Frames];
        var right = new float[Frames];
        int bar = 4 * BeatFrames;
        for (int i = 0; i < Frames; i++)
        {
            int chord = (i / bar) % 4;
            double t = (double)i / RateHz, inBar = (double)(i % bar) / RateHz;
            double envelope = Math.Min(1, inBar * 20) * (0.7 + 0.3 * Math.Exp(-inBar * 2));
            double l = 0, r = 0;
            foreach (int note in Chords[chord])
            {
                double f = Hz(note + 12);
                // Two slightly detuned voices per note, one per side, with a few harmonics: a wide electric-piano pad.
                l += Math.Sin(2 * Math.PI * f * 0.998 * t) + 0.3 * Math.Sin(4 * Math.PI * f * 0.998 * t);
                r += Math.Sin(2 * Math.PI * f * 1.002 * t) + 0.3 * Math.Sin(4 * Math.PI * f * 1.002 * t);
            }

            left[i] = (float)(0.07 * l * envelope);
            right[i] = (float)(0.07 * r * envelope);
        }

        return [left, right];
    }

    private static float[] Lead()
    {
        var x = new float[Frames];
        var random = new Random(5);
        int eighth = BeatFrames / 2;
        int firstBar = 4; // the lead enters after four bars
        double phase = 0;
        int degree = 2;
        for (int step = firstBar * 8; step < Bars * 8; step++)
        {
            bool rest = random.NextDouble() < 0.3;
            degree = Math.Clamp(degree + random.Next(-2, 3), 0, Scale.Length - 1);
            if (rest) continue;
            double f = Hz(Scale[degree]);
            int start = step * eighth;
            for (int i = 0; i < eighth && start + i < Frames; i++)
            {
                double t = (double)i / RateHz;
                double vibrato = 1 + 0.004 * Math.Sin(2 * Math.PI * 5.5 * t);
                phase += 2 * Math.PI * f * vibrato / RateHz;
                double saw = 0;
                for (int h = 1; h <= 6; h++) saw += Math.Sin(h * phase) / h;
                x[start + i] = (float)(0.16 * saw * Math.Min(1, t * 150) * Math.Exp(-t * 3));
            }
        }

        return x;
    }
}
