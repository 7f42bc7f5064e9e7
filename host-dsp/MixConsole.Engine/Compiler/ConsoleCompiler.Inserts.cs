using MixConsole.Engine.Compiler.Binding;

namespace MixConsole.Engine.Compiler;

/// <summary>
/// The insert routing, resolved on the control side into what each effect slot serves (<see cref="InsertTargets"/>).
/// Strips ask in the X32's strip order (channels, buses, matrices, main, mono) and the first to ask for a slot side has it, as the
/// X32 lets one strip use an insert point; a later strip asking for a taken side stays dry. A slot runs at one stage: a
/// strip asking for its other side at another stage (another strip kind, or PRE against POST) stays dry too. A linked
/// channel pair follows its odd channel and takes both sides (odd left, even right), and so does main.
/// </summary>
public sealed partial class ConsoleCompiler
{
    // insert/sel: 0 OFF, 1..16 FX1L..FX8R (slot n's left is 2n - 1), 17..22 AUX1..AUX6 (no such loops here: dry).
    private const int InsertSlotSides = 16;

    private void DesignInsertsIfDirty()
    {
        int key = _keys.Inserts;
        bool dirty = _dirty[key] != 0;
        // A link switch moves a pair's insert between one strip and two.
        for (int c = 0; c < _firstAuxInput && !dirty; c++) dirty = Has(_dirty[c], StripAspect.Link);
        _dirty[key] = 0;
        if (!dirty) return;

        InsertTargets[] targets = _compiled.Inserts;
        Array.Fill(targets, InsertTargets.Unused);
        var channels = _binding.ChannelInserts;
        for (int c = 0; c < channels.Length; c++)
        {
            bool linked = IsLinked(c);
            int leader = linked ? Leader(c) : c;
            int side = linked ? c - leader : -1;
            Ask(targets, channels[leader], InsertStage.ChannelPre, c, side);
        }

        for (int b = 0; b < _binding.BusInserts.Length; b++) Ask(targets, _binding.BusInserts[b], InsertStage.BusPre, b, -1);
        for (int m = 0; m < _binding.MatrixInserts.Length; m++) Ask(targets, _binding.MatrixInserts[m], InsertStage.MatrixPre, m, -1);
        Ask(targets, _binding.MainInsert, InsertStage.MainPre, 0, 0);
        Ask(targets, _binding.MainInsert, InsertStage.MainPre, 1, 1);
        Ask(targets, _binding.MonoInsert, InsertStage.MonoPre, 0, -1);
        MarkParts(key, StripAspect.Bits(StripAspect.Effect));
    }

    // One strip's request: its insert at the stage after preStage when POST; side -1 takes the side sel names.
    private void Ask(InsertTargets[] targets, InsertBinding p, int preStage, int row, int side)
    {
        int sel = (int)V(p.Select);
        if (sel < 1 || sel > InsertSlotSides) return;
        int slot = (sel - 1) / 2;
        if (side < 0) side = (sel - 1) % 2;
        int stage = preStage + (V(p.Position) != 0 ? 1 : 0);
        bool on = V(p.On) != 0;
        ref InsertTargets t = ref targets[slot];
        if (t.IsInsert && t.Stage != stage) return;
        if (side == 0)
        {
            if (t.RowLeft >= 0) return;
            t.RowLeft = row;
            t.OnLeft = on;
        }
        else
        {
            if (t.RowRight >= 0) return;
            t.RowRight = row;
            t.OnRight = on;
        }

        t.Stage = stage;
    }
}
