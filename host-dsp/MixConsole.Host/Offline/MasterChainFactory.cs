using MixConsole.Dsp.Core;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Parameters;

namespace MixConsole.Host.Offline;

/// <summary>Builds the master chain the host plugs into the main bus.</summary>
internal static class MasterChainFactory
{
    /// <summary>
    /// The chain the bench runs in the master slot: the live master chain as <c>serve</c> plays it, with its
    /// multiband compressor working (/master/comp/amount 33 %: ratio 2:1) and /master/bypass off.
    /// </summary>
    public static IAudioProcessor ForBench(ParameterStore store)
    {
        var table = store.Table;
        store.TrySetReal(table.Bind(new ParameterKey(ParameterOwner.Master, 1, ParameterRole.MasterCompression)).Index, 33);
        store.TrySetReal(table.Bind(new ParameterKey(ParameterOwner.Master, 1, ParameterRole.MasterBypass)).Index, 0);
        return new LiveMasterChain(store) { ZeroLatencyBypass = true };
    }
}
