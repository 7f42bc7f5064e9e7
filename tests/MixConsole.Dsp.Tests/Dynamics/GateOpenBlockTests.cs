using MixConsole.Dsp.Dynamics;
using MixConsole.Dsp.Lanes;
using MixConsole.Dsp.Smoothing;

namespace MixConsole.Dsp.Tests.Dynamics;

/// <summary>
/// The gate kernel's shortcut for a block in which every gate of a row stayed open (the smoothing loop skipped) leaves
/// the same audio bits and the same state as the plain path, through openings, closings, holds and a switch ramp.
/// </summary>
public class GateOpenBlockTests
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
}
