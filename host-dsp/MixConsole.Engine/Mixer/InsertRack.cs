using MixConsole.Dsp.Core;
using MixConsole.Engine.Compiler;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// The effect slots used as inserts, on the audio thread: at each stage of the graph (<see cref="InsertStage"/>) a slot
/// serving strips there takes their rows of the stage's buffer, runs its effect and gives the result back in place of
/// the dry signal through one <see cref="BypassCrossfade"/> per slot side (latency 0, so the dry path is the strip's own
/// signal): switching an insert on or off crossfades over <see cref="BypassCrossfade.DefaultFadeMs"/>. A slot moving to
/// other strips first fades its old ones to dry, then starts its kernel afresh and fades the new ones in. It follows the
/// compiler's <see cref="InsertTargets"/> and decides nothing else; a side settled dry costs nothing.
/// </summary>
internal sealed class InsertRack
{
    private readonly EffectSlot[] _slots;
    private readonly InsertTargets[] _target, _current;
    private readonly Side[] _sides;
    private int _stages;
    // True once a block start found every slot on its target's strips with its sides' fades set: until the next
    // routing, block starts have nothing to do.
    private bool _settled;

    public InsertRack(EffectSlot[] slots)
    {
        _slots = slots;
        _target = new InsertTargets[slots.Length];
        _current = new InsertTargets[slots.Length];
        Array.Fill(_target, InsertTargets.Unused);
        Array.Fill(_current, InsertTargets.Unused);
        _sides = new Side[2 * slots.Length];
        for (int k = 0; k < _sides.Length; k++) _sides[k] = new Side();
    }

    public void Prepare(double sampleRateHz, int maxBlockFrames)
    {
        var spec = new ProcessSpec(sampleRateHz, maxBlockFrames, 1);
        foreach (var side in _sides) side.Prepare(spec);
    }

    /// <summary>Clears the crossfades; the current routing becomes the target at once (no fades).</summary>
    public void Reset()
    {
        _target.CopyTo(_current, 0);
        for (int s = 0; s < _slots.Length; s++)
        {
            Bypass(s, 0, !_current[s].OnLeft);
            Bypass(s, 1, !_current[s].OnRight);
            _sides[2 * s].Fade.Reset();
            _sides[2 * s + 1].Fade.Reset();
        }

        UpdateStages();
        _settled = false;
    }

    /// <summary>True while slot <paramref name="slot"/> serves (or is leaving or joining) an insert: its sends and return are idle.</summary>
    public bool IsInsert(int slot) => _current[slot].IsInsert || _target[slot].IsInsert;

    /// <summary>Takes the compiler's routing; with <paramref name="snap"/> (after a reset) it applies at once.</summary>
    public void Follow(InsertTargets[] targets, bool snap)
    {
        targets.CopyTo(_target, 0);
        _settled = false;
        if (snap) Reset();
    }

    /// <summary>Block start: sets each side's fade towards on or off, and moves a slot whose strips changed once its old ones are dry.</summary>
    public void BeginBlock()
    {
        if (_settled) return;
        bool settled = true;
        for (int s = 0; s < _slots.Length; s++)
        {
            ref InsertTargets current = ref _current[s];
            InsertTargets target = _target[s];
            if (current.Stage == target.Stage && current.RowLeft == target.RowLeft && current.RowRight == target.RowRight)
            {
                Bypass(s, 0, !target.OnLeft);
                Bypass(s, 1, !target.OnRight);
                continue;
            }

            settled = false;
            Bypass(s, 0, true);
            Bypass(s, 1, true);
            if (!Dry(s, 0, current.RowLeft) || !Dry(s, 1, current.RowRight)) continue;
            // Old strips are dry: the slot starts afresh for the new ones, which fade in from dry.
            current = target;
            _slots[s].Reset();
            Bypass(s, 0, !target.OnLeft);
            Bypass(s, 1, !target.OnRight);
        }

        UpdateStages();
        _settled = settled;
    }

    /// <summary>Runs the slots serving <paramref name="stage"/> on their rows of <paramref name="strips"/> (frames 0..<paramref name="n"/>), in place.</summary>
    public void Run(int stage, AudioBuffer strips, int n)
    {
        if ((_stages & (1 << stage)) == 0) return;
        for (int s = 0; s < _slots.Length; s++)
        {
            InsertTargets t = _current[s];
            if (t.Stage != stage) continue;
            Side left = _sides[2 * s], right = _sides[2 * s + 1];
            bool leftHeard = t.RowLeft >= 0 && !left.Fade.IsDrySettled, rightHeard = t.RowRight >= 0 && !right.Fade.IsDrySettled;
            if (!leftHeard && !rightHeard) continue;
            Span<float> inLeft = left.Take(strips, t.RowLeft, n), inRight = right.Take(strips, t.RowRight, n);
            _slots[s].ProcessInsert(inLeft, inRight, left.Wet.Channel(0, n), right.Wet.Channel(0, n), t.RowLeft >= 0, t.RowRight >= 0);
            if (leftHeard) left.Give(strips, t.RowLeft, n);
            if (rightHeard) right.Give(strips, t.RowRight, n);
        }
    }

    private void Bypass(int slot, int side, bool bypassed)
    {
        var fade = _sides[2 * slot + side].Fade;
        if (fade.Bypassed != bypassed) fade.Bypassed = bypassed;
    }

    private bool Dry(int slot, int side, int row) => row < 0 || _sides[2 * slot + side].Fade.IsDrySettled;

    private void UpdateStages()
    {
        int stages = 0;
        for (int s = 0; s < _slots.Length; s++)
            if (_current[s].IsInsert) stages |= 1 << _current[s].Stage;
        _stages = stages;
    }

    // One side of a slot: the strip's dry signal (the crossfade's captured input), the effect's output, the crossfade.
    private sealed class Side
    {
        public BypassCrossfade Fade { get; } = new() { Bypassed = true };

        public AudioBuffer Dry { get; private set; } = new(1, 1);

        public AudioBuffer Wet { get; private set; } = new(1, 1);

        public void Prepare(in ProcessSpec spec)
        {
            Fade.Prepare(spec, latencyFrames: 0);
            Dry = new AudioBuffer(1, spec.MaxBlockFrames);
            Wet = new AudioBuffer(1, spec.MaxBlockFrames);
        }

        // The effect's input on this side: the strip's row, or silence for a side no strip uses.
        public Span<float> Take(AudioBuffer strips, int row, int n)
        {
            Span<float> dry = Dry.Channel(0, n);
            if (row < 0) dry.Clear();
            else strips.Channel(row, n).CopyTo(dry);
            return dry;
        }

        // The crossfade of dry and effect, back into the strip's row.
        public void Give(AudioBuffer strips, int row, int n)
        {
            Fade.Capture(Dry, n);
            Fade.Apply(Wet, n);
            Wet.Channel(0, n).CopyTo(strips.Channel(row, n));
        }
    }
}
