using MixConsole.Dsp.Core;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mixer;

namespace MixConsole.Engine.Tests.Mixer;

/// <summary>The master chain runs once per period over the whole block, however the block is chunked inside.</summary>
public sealed class MasterChainPeriodTests
{
    private static readonly ConsoleConfig Small = new(Channels: 6, Buses: 3, FxSlots: 2, Dcas: 2, MuteGroups: 2);

    [Fact]
    public void MasterChain_IsCalledOncePerProcess_WhileFiltersGlideAndSendsMove()
    {
        var h = new EngineHarness(Small);
        AllOnScene.Apply(h);
        var chain = new CountingGain();
        h.Engine.SetMasterChain(chain);
        var x = AllOnScene.Programme(Small.Channels, 512 * 20);
        h.Render(x[..Small.Channels], 512);
        chain.Calls.Clear();
        // An EQ retune glides in 16-frame steps and a moving send cuts chunks where it comes to rest.
        h.Real("/ch/03/eq/2/g", 9).Real("/ch/02/mix/01/level", -3);
        h.Render(x, 512);
        Assert.Equal(20, chain.Calls.Count);
        Assert.All(chain.Calls, frames => Assert.Equal(512, frames));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(512)]
    public void Output_WithABlockSizeIndependentMasterChain_DoesNotDependOnBlockSize(int block)
    {
        float[] Run(int blockFrames)
        {
            var h = new EngineHarness(Small);
            AllOnScene.Apply(h);
            h.Engine.SetMasterChain(new CountingGain());
            var x = AllOnScene.Programme(Small.Channels, 14336);
            var input = new AudioBuffer(Small.Channels, 512);
            var output = new AudioBuffer(MixerOutputs.Total(Small.Buses), 512);
            var main = new List<float>();
            for (int start = 0; start < 14336; start += blockFrames)
            {
                int n = Math.Min(blockFrames, 14336 - start);
                // Moves on sample positions every block size shares (multiples of 7 x 512).
                if (start % 3584 == 0) h.Real("/ch/03/eq/2/g", start % 7168 == 0 ? 6 : -6).Real("/ch/02/mix/01/level", start % 7168 == 0 ? -30 : 0).Real("/ch/01/mix/fader", start % 7168 == 0 ? -5 : 0);
                for (int c = 0; c < Small.Channels; c++) x[c].AsSpan(start, n).CopyTo(input.Channel(c));
                h.Engine.Process(input, output, n);
                main.AddRange(output.Channel(h.Engine.Outputs.MainLeft, n).ToArray());
            }

            return [.. main];
        }

        Assert.Equal(Run(32), Run(block));
    }

    /// <summary>A stateless gain (the same output however the audio is split) that records each call's length.</summary>
    private sealed class CountingGain : IAudioProcessor
    {
        public List<int> Calls { get; } = [];
        public int LatencyFrames => 0;
        public void Prepare(in ProcessSpec spec) { }
        public void Reset() { }
        public void Process(AudioBuffer buffer, int frames)
        {
            Calls.Add(frames);
            for (int c = 0; c < 2; c++) foreach (ref float v in buffer.Channel(c, frames)) v *= 0.7f;
        }
    }
}
