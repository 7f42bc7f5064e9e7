using MixConsole.Engine.Mixer;

namespace MixConsole.Engine.Tests.Mixer;

public sealed class SendMatrixTests
{
    private const int Sources = 5, Rows = 3, Frames = 37;

    [Fact]
    public void MixInto_IsThePlainSumOfEverySend_AlsoWhenTheTapBuffersOrTheirStrideChange()
    {
        var matrix = new SendMatrix(Rows, Sources * 3, Sources);
        var random = new Random(15);
        var sends = new List<(int Row, int Tap, int Source, float Gain)>();
        for (int row = 0; row < Rows; row++)
            for (int k = 0; k < 2 * Sources; k++)
            {
                var send = (row, random.Next(3), random.Next(Sources), (float)random.NextDouble());
                sends.Add(send);
                matrix.Add(send.row, send.Item2, send.Item3, send.Item4);
            }

        // The same matrix mixes buffers at new addresses and a new stride: each call must read the buffers it is given.
        foreach (int stride in new[] { 40, 40, 48, 37 })
        {
            float[][] taps = [Noise(random, Sources * stride), Noise(random, Sources * stride), Noise(random, Sources * stride)];
            var destination = Noise(random, Rows * 41);
            var expected = (float[])destination.Clone();
            foreach (var (row, tap, source, gain) in sends)
                for (int t = 0; t < Frames; t++)
                    expected[row * 41 + t] = MathF.FusedMultiplyAdd(taps[tap][source * stride + t], gain, expected[row * 41 + t]);

            matrix.MixInto(taps[0], taps[1], taps[2], stride, destination, 41, Frames);
            Assert.Equal(expected, destination);
        }
    }

    private static float[] Noise(Random random, int length)
    {
        var x = new float[length];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() * 2 - 1);
        return x;
    }
}
