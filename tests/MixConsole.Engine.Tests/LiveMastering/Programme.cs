namespace MixConsole.Engine.Tests.LiveMastering;

/// <summary>A synthesised stereo programme: a bass line, decaying noise "hits" four times a second and a chord pad, with real crest factor.</summary>
internal static class Programme
{
    public static float[][] Create(int rateHz, double seconds, double gain, int seed = 7)
    {
        int frames = (int)(rateHz * seconds);
        var left = new float[frames];
        var right = new float[frames];
        var random = new Random(seed);
        int hitFrames = rateHz / 4;
        for (int i = 0; i < frames; i++)
        {
            double t = (double)i / rateHz;
            double hit = Math.Exp(-(i % hitFrames) / (0.03 * rateHz)) * (random.NextDouble() * 2 - 1);
            double bass = 0.5 * Math.Sin(2 * Math.PI * 55 * t);
            double pad = 0.15 * (Math.Sin(2 * Math.PI * 440 * t) + Math.Sin(2 * Math.PI * 554.37 * t + 1) + Math.Sin(2 * Math.PI * 659.25 * t + 2));
            double side = 0.1 * (random.NextDouble() * 2 - 1);
            left[i] = (float)(gain * (bass + pad + 0.8 * hit + side));
            right[i] = (float)(gain * (bass + pad + 0.8 * hit - side));
        }
        return [left, right];
    }
}
