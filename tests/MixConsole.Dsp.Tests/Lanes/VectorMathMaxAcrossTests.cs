using System.Numerics;
using MixConsole.Dsp.Lanes;

namespace MixConsole.Dsp.Tests.Lanes;

public sealed class VectorMathMaxAcrossTests
{
    [Fact]
    public void MaxAcross_IsTheScalarMaxOverEveryLane_WhereverTheLargestSits()
    {
        int w = Vector<float>.Count;
        var random = new Random(15);
        var lanes = new float[w];
        for (int trial = 0; trial < 2000; trial++)
        {
            for (int l = 0; l < w; l++) lanes[l] = (float)(random.NextDouble() * Math.Pow(10, random.Next(-30, 5))) * (random.Next(4) == 0 ? -1 : 1);
            // Ties, zeros of both signs and the extremes in every lane position.
            if (trial % 7 == 0) lanes[random.Next(w)] = lanes[random.Next(w)];
            if (trial % 11 == 0) lanes[random.Next(w)] = -0f;
            if (trial % 13 == 0) Array.Fill(lanes, trial % 2 == 0 ? 0f : -0f);
            if (trial % 17 == 0) lanes[random.Next(w)] = float.PositiveInfinity;
            if (trial % 19 == 0) lanes[random.Next(w)] = float.NaN;

            float expected = lanes[0];
            for (int l = 1; l < w; l++) expected = MathF.Max(expected, lanes[l]);
            float actual = VectorMath.MaxAcross(new Vector<float>(lanes));
            if (float.IsNaN(expected)) Assert.True(float.IsNaN(actual));
            else Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual));
        }
    }

    [Fact]
    public void AbsMax_IsTheLargestMagnitude_AtAnyLength()
    {
        var random = new Random(16);
        for (int n = 0; n < 70; n++)
        {
            var x = new float[n];
            for (int i = 0; i < n; i++) x[i] = (float)(random.NextDouble() * 2 - 1);
            float expected = 0;
            foreach (float v in x) expected = MathF.Max(expected, MathF.Abs(v));
            Assert.Equal(expected, VectorMath.AbsMax(x));
        }
    }
}
