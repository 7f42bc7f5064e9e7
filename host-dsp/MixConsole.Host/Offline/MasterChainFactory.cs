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

    /// <summary>What the bench's master slot ran, in words (after the run: slot B's state is the audio thread's last).</summary>
    public static string Describe(IAudioProcessor? chain) => chain switch
    {
        null => "pass-through",
        LiveMasterChain live => "LiveMasterChain as serve plays it in console mode (zero-latency bypass, off): slot A with subsonic filter, "
            + "EQ (flat unless --moves moves it), multiband compressor at 33 % (2:1), imager, loudness gain following -14 LUFS, true-peak limiter at -1 dBTP; slot B not in play, "
            + (live.SlotBRunning ? "running" : "asleep"),
        _ => chain.GetType().Name,
    };
}
