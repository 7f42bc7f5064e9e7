using MixConsole.Dsp.Dynamics;
using MixConsole.Dsp.Lanes;
using MixConsole.Dsp.Smoothing;

namespace MixConsole.Dsp.Tests.Dynamics;

/// <summary>
/// The dynamics kernels' shortcuts leave the same audio bits and the same state as their plain paths: the gate's for a
/// block in which every gate of a row stayed open (through openings, closings, holds and a switch ramp), the compressor's
/// for an idle block, every lane under its knee with no gain reduction left and nothing ramping (through loud passages,
/// releases to silence, make-up, partial mix, a masked lane and ramps of the switch, mix and make-up).
/// </summary>
public class KernelShortcutTests
{
    private const double Fs = 48000;

    [Fact]
    public void OpenBlockShortcut_EqualsThePlainPath_BitForBit()
    {
        int w = VectorLane.Width, frames = 32, blocks = 600;
        GateLanes shortcut = Gates(w), plain = Gates(w);
        var link = new float[w];
        link[2] = link[3] = 1f;
        var random = new Random(21);
        var block = new float[frames * w];
        var key = new float[frames * w];
        float[] a = new float[frames * w], b = new float[frames * w], scratch1 = new float[frames * w], scratch2 = new float[frames * w];
        int skipped = 0;
        for (int n = 0; n < blocks; n++)
        {
            // Loud passages (every gate open), quiet gaps (gates close and release) and a single quiet lane now and then.
            bool loud = n % 100 < 70;
            for (int t = 0; t < frames; t++)
                for (int l = 0; l < w; l++)
                {
                    float level = loud && !(n % 37 == 5 && l == n % w) ? 0.3f : 0.001f;
                    block[t * w + l] = level * (0.5f + (float)random.NextDouble());
                }

            block.CopyTo(key);
            block.CopyTo(a);
            block.CopyTo(b);
            if (n == 300) for (int l = 0; l < w; l++) { shortcut.On.SetTarget(l, 0.5f, 100); plain.On.SetTarget(l, 0.5f, 100); }
            bool before = AllOpen(shortcut, w);
            bool workedA = GateKernel.Process<VectorLane>(shortcut, 0, link, a, key, scratch1, scratch2, frames, skipOpenBlocks: true);
            bool workedB = GateKernel.Process<VectorLane>(plain, 0, link, b, key, scratch1, scratch2, frames, skipOpenBlocks: false);
            if (before && !workedA && loud) skipped++;
            Assert.Equal(workedB, workedA);
            for (int i = 0; i < a.Length; i++) Assert.Equal(BitConverter.SingleToInt32Bits(b[i]), BitConverter.SingleToInt32Bits(a[i]));
            AssertSameBits(plain.Hold, shortcut.Hold);
            AssertSameBits(plain.GainReductionDb, shortcut.GainReductionDb);
            AssertSameBits(plain.Detector, shortcut.Detector);
            AssertSameBits(plain.On.Remaining, shortcut.On.Remaining);
            AssertSameBits(plain.MaxGainReductionDb, shortcut.MaxGainReductionDb);
        }

        Assert.True(skipped > 100, $"the shortcut should have been taken in most loud blocks, was taken in {skipped}");
    }

    private static bool AllOpen(GateLanes gates, int w)
    {
        for (int l = 0; l < w; l++)
            if (gates.GainReductionDb[l] != 0 || gates.On.Remaining[l] != 0) return false;
        return true;
    }

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
            CompressorKernel.Process(shortcut, 0, link, a, key, default, default, detected, gainDb, onMixes, frames, mask, skipIdleBlocks: true);
            CompressorKernel.Process(plain, 0, link, b, key, default, default, detected, gainDb, onMixes, frames, mask, skipIdleBlocks: false);
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

    private static GateLanes Gates(int w)
    {
        var gates = new GateLanes(w);
        gates.Prepare(Fs);
        for (int l = 0; l < w; l++)
        {
            float threshold = -40f - l;
            gates.ThresholdDb[l] = threshold;
            gates.ThresholdGain[l] = (float)Math.Pow(10, threshold / 20.0);
            bool expander = l % 3 == 0;
            gates.Expander[l] = expander ? 1f : 0f;
            gates.Expansion[l] = expander ? 1f : 1e30f;
            gates.RangeDb[l] = 20f + l;
            gates.Attack[l] = TimeConstant.Coefficient(0.5, Fs);
            gates.Release[l] = TimeConstant.Coefficient(20, Fs);
            gates.HoldSamples[l] = 40 * (l % 3);
            gates.On.Snap(l, 1f);
        }

        return gates;
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
