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

    // A send that comes to rest is inserted rather than gathered again: it must take its turn by source row, as the
    // gather (which adds every row's sends in source order) would have added it, down to the order of the sums.
    [Fact]
    public void InsertAndRemove_KeepEachRowInSourceOrder_AsAGatherDoes()
    {
        const int rows = 4, sources = 9, stride = 40;
        var random = new Random(17);
        var gathered = new SendMatrix(rows, sources, sources);
        var settled = new SendMatrix(rows, sources, sources);
        var late = new HashSet<(int Row, int Source)> { (0, 0), (0, 4), (1, 8), (2, 3), (2, 5), (3, 7) };
        var sends = new List<(int Row, int Tap, int Source, float Gain)>();
        for (int row = 0; row < rows; row++)
            for (int source = 0; source < sources; source++)
                sends.Add((row, random.Next(3), source, (float)(random.NextDouble() * 2 - 1)));
        foreach (var (row, tap, source, gain) in sends)
        {
            gathered.Add(row, tap, source, gain);
            if (!late.Contains((row, source))) settled.Add(row, tap, source, gain);
        }

        for (int i = sends.Count - 1; i >= 0; i--)
            if (late.Contains((sends[i].Row, sends[i].Source))) settled.Insert(sends[i].Row, sends[i].Tap, sends[i].Source, sends[i].Gain);

        // A send that starts moving leaves its row; the rest keep their order. Row 1 has no send from source row 9.
        Assert.True(gathered.Remove(2, 6));
        Assert.True(settled.Remove(2, 6));
        Assert.False(settled.Remove(1, 9));

        float[][] taps = [Noise(random, sources * stride), Noise(random, sources * stride), Noise(random, sources * stride)];
        var expected = Noise(random, rows * stride);
        var destination = (float[])expected.Clone();
        gathered.MixInto(taps[0], taps[1], taps[2], stride, expected, stride, 32);
        settled.MixInto(taps[0], taps[1], taps[2], stride, destination, stride, 32);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), destination.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void RowsSharingTheirSources_MixFourAtATime_AsThePlainSum()
    {
        // Rows 0, 2, 4, 6 and 8 take the same sources in the same order (a quad and one left over), rows 1, 3 and 5 another
        // list (too few for a quad), rows 7, 9 and 10 their own; gains differ per row, as a send to every bus has.
        const int rows = 11, sources = 9, stride = 40;
        var matrix = new SendMatrix(rows, sources, sources);
        var random = new Random(16);
        var sends = new List<(int Row, int Tap, int Source, float Gain)>();
        for (int source = 0; source < sources; source++)
            for (int row = 0; row < rows; row++)
            {
                int tap = row % 2 == 0 && row < 9 ? 2 : row is 1 or 3 or 5 ? 1 : random.Next(3);
                var send = (row, tap, row is 7 or 9 or 10 ? random.Next(sources) : source, (float)random.NextDouble());
                sends.Add(send);
                matrix.Add(send.row, send.tap, send.Item3, send.Item4);
            }

        float[][] taps = [Noise(random, sources * stride), Noise(random, sources * stride), Noise(random, sources * stride)];
        foreach (int frames in new[] { Frames, 32, 16, 7 })
        {
            var destination = Noise(random, rows * 41);
            var expected = (float[])destination.Clone();
            foreach (var (row, tap, source, gain) in sends)
                for (int t = 0; t < frames; t++)
                    expected[row * 41 + t] = MathF.FusedMultiplyAdd(taps[tap][source * stride + t], gain, expected[row * 41 + t]);

            matrix.MixInto(taps[0], taps[1], taps[2], stride, destination, 41, frames);
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
