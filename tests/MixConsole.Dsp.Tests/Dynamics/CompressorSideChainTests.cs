using MixConsole.Dsp.Dynamics;
using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Lanes;

namespace MixConsole.Dsp.Tests.Dynamics;

/// <summary>
/// The compressor keyed through its side-chain section in the detector's pass leaves the bits of the key filtered apart
/// first (a copy of the block through the section) and the compressor keyed by it: audio, detector, gain reduction,
/// meter and the filter's state, through loud and quiet passages with a linked pair and a masked lane.
/// </summary>
public class CompressorSideChainTests
{
    private const double Fs = 48000;

    [Fact]
    public void FilteredInTheDetectorPass_EqualsKeyFilteredApart_BitForBit()
    {
        int w = VectorLane.Width, frames = 32, c = BiquadSectionKernel.Coefficients * w, s = BiquadSectionKernel.States * w;
        CompressorLanes fused = Compressors(w), apart = Compressors(w);
        var link = new float[w];
        link[2] = link[3] = 1f;
        var maskValues = new float[w];
        for (int l = 0; l < w; l++) maskValues[l] = l == 7 ? 0f : 1f;
        var mask = VectorLane.Load(maskValues, 0);
        var coefficients = new float[c];
        for (int l = 0; l < w; l++)
        {
            BiquadCoefficients k = BiquadDesign.HighPass(Fs, 60 + 15 * l, 0.7071);
            double[] row = [k.B0, k.B1, k.B2, k.A1, k.A2];
            for (int j = 0; j < row.Length; j++) coefficients[j * w + l] = (float)row[j];
        }

        float[] fusedState = new float[s], apartState = new float[s];
        var random = new Random(17);
        float[] a = new float[frames * w], b = new float[frames * w], key = new float[frames * w];
        float[] detectedA = new float[frames * w], detectedB = new float[frames * w], gainDb = new float[frames * w], onMixes = new float[frames * w];
        for (int n = 0; n < 600; n++)
        {
            float level = n % 200 < 120 ? 0.5f : 0.003f;
            for (int i = 0; i < a.Length; i++) a[i] = level * (float)(random.NextDouble() * 2 - 1);
            a.CopyTo(b);
            CompressorKernel.Process(fused, 0, link, a, coefficients, fusedState, detectedA, gainDb, onMixes, frames, mask);
            b.CopyTo(key);
            BiquadSectionKernel.Run<VectorLane>(coefficients, apartState, key, frames);
            CompressorKernel.Process(apart, 0, link, b, key, detectedB, gainDb, onMixes, frames, mask);
            AssertSameBits(b, a);
            AssertSameBits(detectedB, detectedA);
            AssertSameBits(apartState, fusedState);
            AssertSameBits(apart.MeanSquare, fused.MeanSquare);
            AssertSameBits(apart.GainReductionDb, fused.GainReductionDb);
            AssertSameBits(apart.MaxGainReductionDb, fused.MaxGainReductionDb);
        }
    }

    private static CompressorLanes Compressors(int w)
    {
        var compressors = new CompressorLanes(w);
        compressors.Prepare(Fs);
        for (int l = 0; l < w; l++)
        {
            float threshold = -24f - l, knee = 2f * (l % 3);
            compressors.ThresholdDb[l] = threshold;
            compressors.KneeDb[l] = knee;
            compressors.InverseTwoKnee[l] = knee > 0 ? 1f / (2f * knee) : 0f;
            compressors.KneeStartPower[l] = (float)Math.Pow(10, (threshold - knee / 2.0) / 10.0);
            compressors.Slope[l] = 1f - 1f / (2 + l % 4);
            compressors.Attack[l] = TimeConstant.Coefficient(1 + l % 5, Fs);
            compressors.Release[l] = TimeConstant.Coefficient(40 + 10 * (l % 3), Fs);
            compressors.Rms[l] = l % 2;
            compressors.On.Snap(l, 1f);
        }

        return compressors;
    }

    private static void AssertSameBits(float[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++) Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(actual[i]));
    }
}
