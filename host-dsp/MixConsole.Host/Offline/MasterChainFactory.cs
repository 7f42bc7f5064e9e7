using MixConsole.Dsp.Core;
using MixConsole.Dsp.Mastering;

namespace MixConsole.Host.Offline;

/// <summary>Builds the master chain the host plugs into the main bus.</summary>
internal static class MasterChainFactory
{
    /// <summary>The chain the bench runs in the master slot: the full mastering chain with its multiband compressor working.</summary>
    public static IAudioProcessor? ForBench()
    {
        var chain = new MasterChain();
        for (int b = 0; b < 4; b++) chain.Multiband.Band(b).Ratio = 2;
        chain.LoudnessGain.GainDb = 3;
        return chain;
    }
}
