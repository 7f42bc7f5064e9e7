using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Lanes;

namespace MixConsole.Dsp.Tests.Filters;

/// <summary>
/// The fused section passes leave the bits of the separate ones: a section run from a block into another buffer is a copy
/// then the section in place, and a pair with a key section is the pair, a copy and the key section, state included.
/// </summary>
public class BiquadSectionKernelTests
{
    private const double Fs = 48000;
    private const int C = BiquadSectionKernel.Coefficients, S = BiquadSectionKernel.States;

    [Fact]
    public void RunIntoAnotherBuffer_EqualsCopyThenRunInPlace_BitForBit()
    {
        int w = VectorLane.Width, frames = 29;
        float[] coefficients = Sections(w, 1, seed: 3);
        float[] fusedState = new float[S * w], plainState = new float[S * w];
        var random = new Random(5);
        float[] block = new float[frames * w], key = new float[frames * w], copy = new float[frames * w];
        for (int n = 0; n < 40; n++)
        {
            Fill(block, random);
            float[] before = (float[])block.Clone();
            BiquadSectionKernel.Run<VectorLane>(coefficients, fusedState, block, key, frames);
            block.CopyTo(copy);
            BiquadSectionKernel.Run<VectorLane>(coefficients, plainState, copy, frames);
            AssertSameBits(before, block);
            AssertSameBits(copy, key);
            AssertSameBits(plainState, fusedState);
        }
    }

    [Fact]
    public void PairAndKey_EqualsPairThenCopyThenKeySection_BitForBit()
    {
        int w = VectorLane.Width, frames = 32;
        float[] coefficients = Sections(w, 3, seed: 8);
        float[] fusedState = new float[3 * S * w], plainState = new float[3 * S * w];
        var random = new Random(13);
        float[] fusedBlock = new float[frames * w], plainBlock = new float[frames * w], fusedKey = new float[frames * w], plainKey = new float[frames * w];
        for (int n = 0; n < 40; n++)
        {
            Fill(fusedBlock, random);
            fusedBlock.CopyTo(plainBlock);
            BiquadSectionKernel.RunPairAndKey<VectorLane>(coefficients.AsSpan(0, C * w), fusedState.AsSpan(0, S * w), coefficients.AsSpan(C * w, C * w),
                fusedState.AsSpan(S * w, S * w), coefficients.AsSpan(2 * C * w, C * w), fusedState.AsSpan(2 * S * w, S * w), fusedBlock, fusedKey, frames);
            BiquadSectionKernel.RunPair<VectorLane>(coefficients.AsSpan(0, C * w), plainState.AsSpan(0, S * w), coefficients.AsSpan(C * w, C * w),
                plainState.AsSpan(S * w, S * w), plainBlock, frames);
            plainBlock.CopyTo(plainKey);
            BiquadSectionKernel.Run<VectorLane>(coefficients.AsSpan(2 * C * w, C * w), plainState.AsSpan(2 * S * w, S * w), plainKey, frames);
            AssertSameBits(plainBlock, fusedBlock);
            AssertSameBits(plainKey, fusedKey);
            AssertSameBits(plainState, fusedState);
        }
    }

    // Rows of sections, a different high-pass or peaking design in every lane (as a strip bank holds them).
    private static float[] Sections(int w, int count, int seed)
    {
        var random = new Random(seed);
        var rows = new float[count * C * w];
        for (int s = 0; s < count; s++)
            for (int l = 0; l < w; l++)
            {
                BiquadCoefficients c = random.Next(2) == 0
                    ? BiquadDesign.HighPass(Fs, 30 + 200 * random.NextDouble(), 0.5 + random.NextDouble())
                    : BiquadDesign.Peaking(Fs, 100 + 5000 * random.NextDouble(), 0.5 + 2 * random.NextDouble(), -12 + 24 * random.NextDouble());
                double[] k = [c.B0, c.B1, c.B2, c.A1, c.A2];
                for (int j = 0; j < C; j++) rows[(s * C + j) * w + l] = (float)k[j];
            }

        return rows;
    }

    private static void Fill(float[] block, Random random)
    {
        for (int i = 0; i < block.Length; i++) block[i] = 0.5f * (float)(random.NextDouble() * 2 - 1);
    }

    private static void AssertSameBits(float[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++) Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(actual[i]));
    }
}
