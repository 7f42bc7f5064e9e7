using MixConsole.Dsp.Core;

namespace MixConsole.Host.Offline;

/// <summary>Builds the master chain the host plugs into the main bus; null while the mastering chain is not part of this build.</summary>
internal static class MasterChainFactory
{
    /// <summary>True when this build has a master chain to offer.</summary>
    public static bool Available => false;

    /// <summary>The chain the bench runs in the master slot (null: the slot passes audio through).</summary>
    public static IAudioProcessor? ForBench() => null;
}
