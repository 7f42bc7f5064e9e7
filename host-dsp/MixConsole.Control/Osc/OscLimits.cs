namespace MixConsole.Control.Osc;

/// <summary>Hard bounds the reader enforces so no packet can cost unbounded time or memory.</summary>
public static class OscLimits
{
    /// <summary>Largest packet accepted, in bytes (the UDP payload limit rounded up to a power of two).</summary>
    public const int MaxPacketBytes = 65536;

    /// <summary>Most arguments one message may carry.</summary>
    public const int MaxArguments = 256;

    /// <summary>Deepest bundle nesting accepted; a top-level bundle is depth 1.</summary>
    public const int MaxBundleDepth = 8;

    /// <summary>Most messages one packet (with all its nested bundles) may carry.</summary>
    public const int MaxMessagesPerPacket = 1024;
}
