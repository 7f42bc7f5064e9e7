using MixConsole.Dsp.Dynamics;

namespace MixConsole.Dsp.Tests.Dynamics;

/// <summary>The compressor setting and programme the accuracy tests share.</summary>
internal static class CompressorFixtures
{
    public const double Fs = 48000;

    /// <summary>One lane: threshold -24 dB, 4:1, 6 dB knee, 6 dB make-up, on, fully wet.</summary>
    public static CompressorLanes Row(float rms, double attackMs, double releaseMs)
    {
        var row = new CompressorLanes(1);
        row.Prepare(Fs);
        row.ThresholdDb[0] = -24f;
        row.Slope[0] = CompressorKernel.SlopeOf(4f);
        row.KneeDb[0] = 6f;
        row.InverseTwoKnee[0] = CompressorKernel.InverseTwoKneeOf(6f);
        row.KneeStartPower[0] = CompressorKernel.KneeStartPowerOf(-24f, 6f);
        row.Attack[0] = TimeConstant.Coefficient((float)attackMs, Fs);
        row.Release[0] = TimeConstant.Coefficient((float)releaseMs, Fs);
        row.Rms[0] = rms;
        row.On.Snap(0, 1f);
        row.MakeupDb.Snap(0, 6f);
        return row;
    }

    /// <summary>Drum-like hits over a bed that swells and fades: noise under decaying and slow envelopes, -60..+6 dBFS.</summary>
    public static float[] Programme(int frames, int seed)
    {
        float[] noise = TestSignals.Noise(frames, seed, 1.0);
        var x = new float[frames];
        for (int i = 0; i < frames; i++)
        {
            double t = i / Fs, hit = t % 0.25;
            double bed = 0.05 * (1.1 + Math.Sin(2 * Math.PI * 0.3 * t));
            double drum = (i / 12000 % 3 == 2 ? 2.0 : 0.7) * Math.Exp(-hit / 0.04);
            x[i] = (float)(noise[i] * (bed + drum) + 0.3 * Math.Sin(2 * Math.PI * 110 * t) * Math.Exp(-hit / 0.15));
        }
        return x;
    }
}
