using MixConsole.Dsp.Dynamics;
using MixConsole.Dsp.Lanes;
using MixConsole.Dsp.Smoothing;

namespace MixConsole.Dsp.Tests.Dynamics;

/// <summary>
/// The compressor kernel's shortcut for an idle block (every lane under its knee, no gain reduction left, nothing ramping:
/// one constant gain per lane) leaves the same audio bits and state as the plain path, through loud passages, releases to
/// silence, make-up, partial mix, masked lanes and ramps of the switch, mix and make-up.
/// </summary>
public class CompressorIdleBlockTests
{
    private const double Fs = 48000;

    [Fact]
    public void IdleBlockShortcut_EqualsThePlainPath_BitForBit()
    {
        int w = VectorLane.Width, frames = 32, blocks = 9000;
        CompressorLanes shortcut = Compressors(w), plain = Compressors(w);
        var link = new float[w];
        link[0] = link[1] = 1f;
        var maskValues = new float[w];
        for (int l = 0; l < w; l++) maskValues[l] = l == 5 ? 0f : 1f;
        var random = new Random(8);
        float[] block = new float[frames * w], key = new float[frames * w], a = new float[frames * w], b = new float[frames * w];
        float[] detected = new float[frames * w], gainDb = new float[frames * w], onMixes = new float[frames * w];
        int idle = 0;
        for (int n = 0; n < blocks; n++)
        {
            // Loud for a quarter second, then quiet long enough for every release to reach nothing.
            float level = n % 3000 < 400 ? 0.5f : 0.002f;
            for (int i = 0; i < block.Length; i++) block[i] = level * (float)(random.NextDouble() * 2 - 1);
            block.CopyTo(key);
            block.CopyTo(a);
            block.CopyTo(b);
            if (n == 4000)
                foreach (var c in new[] { shortcut, plain })
                    for (int l = 0; l < w; l++)
                    {
                        c.MakeupDb.SetTarget(l, 2f + l % 3, 300);
                        c.Mix.SetTarget(l, 0.7f, 500);
                    }

            if (n == 7000) foreach (var c in new[] { shortcut, plain }) c.On.SetTarget(3, 0f, 200);
            bool wasIdle = level < 0.01f && AllZero(shortcut.GainReductionDb) && AllZero(shortcut.MakeupDb.Remaining) && AllZero(shortcut.Mix.Remaining);
            var mask = VectorLane.Load(maskValues, 0);
            CompressorKernel.Process(shortcut, 0, link, a, key, detected, gainDb, onMixes, frames, mask, skipIdleBlocks: true);
            CompressorKernel.Process(plain, 0, link, b, key, detected, gainDb, onMixes, frames, mask, skipIdleBlocks: false);
            if (wasIdle) idle++;
            for (int i = 0; i < a.Length; i++) Assert.Equal(BitConverter.SingleToInt32Bits(b[i]), BitConverter.SingleToInt32Bits(a[i]));
            AssertSameBits(plain.GainReductionDb, shortcut.GainReductionDb);
            AssertSameBits(plain.MeanSquare, shortcut.MeanSquare);
            AssertSameBits(plain.MaxGainReductionDb, shortcut.MaxGainReductionDb);
            AssertSameBits(plain.On.Remaining, shortcut.On.Remaining);
            AssertSameBits(plain.Mix.Remaining, shortcut.Mix.Remaining);
            AssertSameBits(plain.MakeupDb.Remaining, shortcut.MakeupDb.Remaining);
        }

        Assert.True(idle > 1000, $"the shortcut's condition should have held in many quiet blocks, held in {idle}");
    }

    private static bool AllZero(float[] values)
    {
        foreach (float v in values)
            if (v != 0) return false;
        return true;
    }

    private static void AssertSameBits(float[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++) Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(actual[i]));
    }

    private static CompressorLanes Compressors(int w)
    {
        var compressors = new CompressorLanes(w);
        compressors.Prepare(Fs);
        for (int l = 0; l < w; l++)
        {
            float threshold = -20f - l, knee = 3f * (l % 3);
            compressors.ThresholdDb[l] = threshold;
            compressors.KneeDb[l] = knee;
            compressors.InverseTwoKnee[l] = knee > 0 ? 1f / (2f * knee) : 0f;
            compressors.KneeStartPower[l] = (float)Math.Pow(10, (threshold - knee / 2.0) / 10.0);
            compressors.Slope[l] = 1f - 1f / (2 + l % 4);
            compressors.Attack[l] = TimeConstant.Coefficient(2 + l % 5, Fs);
            compressors.Release[l] = TimeConstant.Coefficient(30 + 10 * (l % 3), Fs);
            compressors.Rms[l] = l % 2;
            compressors.On.Snap(l, 1f);
            compressors.Mix.Snap(l, l % 4 == 1 ? 0.5f : 1f);
            compressors.MakeupDb.Snap(l, l % 5 == 2 ? 3f : 0f);
        }

        return compressors;
    }
}
