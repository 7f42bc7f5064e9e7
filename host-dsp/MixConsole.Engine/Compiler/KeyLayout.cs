using MixConsole.Engine.Configuration;

namespace MixConsole.Engine.Compiler;

/// <summary>
/// Numbering of the strip keys a snapshot is divided into (each key has <see cref="StripAspect.Count"/> parts):
/// channel strips (channels, aux inputs, effect returns), buses, main, mono, effect slots, matrices; the compiler adds one key past them for the
/// console-wide parameters (solo, DCAs, mute groups, bypass) that re-derive every mix.
/// </summary>
internal readonly struct KeyLayout(ConsoleConfig config)
{
    // Strips on the channel strip's path: the channels, the aux inputs, then the effect returns.
    public readonly int Channels = config.MixStrips;
    public readonly int FirstReturn = config.InputStrips;
    public readonly int Buses = config.Buses;
    public readonly int FxSlots = config.FxSlots;
    public readonly int Matrices = config.Matrices;

    public int Bus(int bus) => Channels + bus;

    public int Main => Channels + Buses;

    public int Mono => Main + 1;

    public int Fx(int slot) => Mono + 1 + slot;

    public int Matrix(int matrix) => Mono + 1 + FxSlots + matrix;

    /// <summary>Strip keys in a snapshot.</summary>
    public int Count => Mono + 1 + FxSlots + Matrices;

    /// <summary>The compiler's key for console-wide parameters (not in snapshots).</summary>
    public int Global => Count;
}
