using MixConsole.Engine.Configuration;

namespace MixConsole.Engine.Compiler;

/// <summary>
/// Numbering of the strip keys a snapshot is divided into (each key has <see cref="StripAspect.Count"/> parts):
/// channel strips (channels, aux inputs, effect returns), buses, main, mono, effect slots, matrices, the insert routing; the compiler adds one key past them for the
/// console-wide parameters (solo, DCAs, mute groups, bypass) that re-derive every mix.
/// </summary>
internal readonly struct KeyLayout(ConsoleConfig config)
{
    // Strips on the channel strip's path: the channels, the aux inputs, then the effect returns.
    public readonly int Channels = config.MixStrips;
    public readonly int FirstReturn = config.InputStrips;
    public readonly int Buses = config.Buses;
    public readonly int FxSlots = config.FxSlots;

    // Every X32 slot runs (those past FxSlots as inserts only), so each has a key.
    public readonly int EffectSlots = ConsoleConfig.MaxFxSlots;
    public readonly int Matrices = config.Matrices;

    public int Bus(int bus) => Channels + bus;

    public int Main => Channels + Buses;

    public int Mono => Main + 1;

    public int Fx(int slot) => Mono + 1 + slot;

    public int Matrix(int matrix) => Mono + 1 + EffectSlots + matrix;

    /// <summary>The insert routing: every strip's insert point, resolved into what each effect slot serves (one part, <see cref="StripAspect.Effect"/>).</summary>
    public int Inserts => Mono + 1 + EffectSlots + Matrices;

    /// <summary>Strip keys in a snapshot.</summary>
    public int Count => Inserts + 1;

    /// <summary>The compiler's key for console-wide parameters (not in snapshots).</summary>
    public int Global => Count;
}
