using MixConsole.Dsp.Core;
using MixConsole.Engine.Mixer;

namespace MixConsole.Engine.Tests.Mixer;

public sealed class SendSetTests
{
    private const int Channels = 5, Rows = 6, Block = 32, RampSamples = 45;

    [Fact]
    public void SendsThatStartOrStopMoving_MixWhatAGatherOfEverySendWould_BitForBit()
    {
        // Sends jump, ramp, fall silent, wake from silence and change tap, block after block; one set moves each send
        // in or out of its matrix row by itself, the other gathers every send before every chunk.
        var moving = new SendSet(Channels, Rows);
        var gathering = new SendSet(Channels, Rows);
        var random = new Random(21);
        float[] levels = new float[Channels * Rows];
        int[] taps = new int[Channels * Rows];
        AudioBuffer preEq = new(Channels, Block), preFader = new(Channels, Block), postFader = new(Channels, Block);
        AudioBuffer a = new(Rows, Block), b = new(Rows, Block);
        int chunks = 0, movingChunks = 0;
        for (int block = 0; block < 400; block++)
        {
            bool snap = block == 0 || block % 97 == 0;
            for (int j = 0; j < levels.Length; j++)
            {
                double roll = random.NextDouble();
                if (roll < 0.08) levels[j] = 0f;
                else if (roll < 0.2) levels[j] = (float)random.NextDouble();
                else if (roll < 0.22) taps[j] = random.Next(3);
            }

            foreach (var set in new[] { moving, gathering })
            {
                for (int c = 0; c < Channels; c++)
                {
                    set.BeginFollow(snap);
                    for (int row = 0; row < Rows; row++)
                        set.Follow(c, row, levels[c * Rows + row], taps[c * Rows + row], snap, RampSamples, preEq: true);
                }
            }

            for (int done = 0; done < Block;)
            {
                gathering.MarkChanged();
                int n = moving.PrepareChunk(Block - done, preEq: true);
                Assert.Equal(n, gathering.PrepareChunk(Block - done, preEq: true));
                foreach (var tap in new[] { preEq, preFader, postFader })
                    for (int i = 0; i < tap.RawData.Length; i++) tap.RawData[i] = (float)(random.NextDouble() - 0.5);
                a.Clear(n);
                b.Clear(n);
                moving.Mix(preEq, preFader, postFader, a, n);
                gathering.Mix(preEq, preFader, postFader, b, n);
                for (int row = 0; row < Rows; row++)
                    Assert.True(a.Channel(row, n).SequenceEqual(b.Channel(row, n)), $"block {block}, frame {done}, row {row}");
                chunks++;
                if (n < Block) movingChunks++;
                done += n;
            }
        }

        Assert.True(movingChunks > chunks / 10, $"{movingChunks} of {chunks} chunks cut by a send coming to rest");
    }
}
