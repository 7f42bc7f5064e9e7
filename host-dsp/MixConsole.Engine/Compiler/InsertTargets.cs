namespace MixConsole.Engine.Compiler;

/// <summary>
/// Where in the graph an insert point sits: the strip kind and PRE (before its high-pass, gate, dynamics and EQ on a
/// channel; before its dynamics and EQ on a bus, matrix, main or mono) or POST (after them, before the fader).
/// </summary>
internal static class InsertStage
{
    public const int None = -1;
    public const int ChannelPre = 0;
    public const int ChannelPost = 1;
    public const int BusPre = 2;
    public const int BusPost = 3;
    public const int MainPre = 4;
    public const int MainPost = 5;
    public const int MonoPre = 6;
    public const int MonoPost = 7;
    public const int MatrixPre = 8;
    public const int MatrixPost = 9;

    /// <summary>Stages.</summary>
    public const int Count = 10;
}

/// <summary>
/// What one effect slot serves as an insert, resolved on the control side: the stage it runs at and, per side, the row
/// (channel, bus, matrix, main side, mono) of that stage's buffer it takes and returns to, and whether that insert is on.
/// A slot no strip selects has <see cref="Stage"/> <see cref="InsertStage.None"/>: it is a send effect (or idle).
/// </summary>
internal struct InsertTargets
{
    public int Stage;

    /// <summary>Row of the stage's buffer on the slot's left (A) side; -1: the side serves no strip.</summary>
    public int RowLeft;

    /// <summary>Row on the right (B) side; -1: none.</summary>
    public int RowRight;

    /// <summary>The strip on each side has its insert on (off: it plays its own signal, crossfaded).</summary>
    public bool OnLeft, OnRight;

    /// <summary>No strip selects the slot.</summary>
    public static InsertTargets Unused => new() { Stage = InsertStage.None, RowLeft = -1, RowRight = -1 };

    /// <summary>True when a strip selects either side.</summary>
    public readonly bool IsInsert => Stage != InsertStage.None;
}
