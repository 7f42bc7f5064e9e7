using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Lanes;

namespace MixConsole.Dsp.Effects;

/// <summary>
/// A 31-band graphic EQ with two independent sides (left and right of a stereo EQ, or A and B of a dual one): each
/// side runs its non-flat bands in series through <see cref="BiquadSectionKernel"/> (one channel, <see cref="FloatLane"/>),
/// bells designed on the control side (<see cref="GraphicEqDesign"/>). The master gain is the owner's to apply (it ramps
/// it). Retuning keeps each band's state; a band that turns flat has its state cleared, so it starts clean when it
/// returns. Allocation-free; no latency.
/// </summary>
public sealed class GraphicEq
{
    private const int Coefficients = BiquadSectionKernel.Coefficients, States = BiquadSectionKernel.States;

    private readonly float[] _coefficients = new float[GraphicEqDesign.Sides * GraphicEqDesign.Bands * Coefficients];
    private readonly float[] _state = new float[GraphicEqDesign.Sides * GraphicEqDesign.Bands * States];
    private readonly uint[] _active = new uint[GraphicEqDesign.Sides];

    /// <summary>Creates the EQ flat.</summary>
    public GraphicEq() => Apply(GraphicEqDesign.Flat);

    /// <summary>Takes a design (no design here); bands keep their state, bands turning flat are cleared.</summary>
    public void Apply(in GraphicEqDesign design)
    {
        for (int side = 0; side < GraphicEqDesign.Sides; side++)
        {
            uint next = design.Active(side), dropped = _active[side] & ~next;
            for (int k = 0; k < GraphicEqDesign.Bands; k++)
                if ((dropped & (1u << k)) != 0) _state.AsSpan((side * GraphicEqDesign.Bands + k) * States, States).Clear();
            _active[side] = next;
        }

        ReadOnlySpan<float> sections = design.Sections;
        sections.CopyTo(_coefficients);
    }

    /// <summary>Clears every band's state; the tuning is kept.</summary>
    public void Reset() => Array.Clear(_state);

    /// <summary>
    /// Filters <paramref name="audio"/> in place through side <paramref name="side"/>'s (0 or 1) active bands, two per pass
    /// (the same samples as one at a time, their arithmetic overlapping).
    /// </summary>
    public void Process(int side, Span<float> audio)
    {
        uint active = _active[side];
        while (active != 0)
        {
            int first = side * GraphicEqDesign.Bands + System.Numerics.BitOperations.TrailingZeroCount(active);
            active &= active - 1;
            if (active == 0)
            {
                BiquadSectionKernel.Run<FloatLane>(Section(first), State(first), audio, audio.Length);
                break;
            }

            int second = side * GraphicEqDesign.Bands + System.Numerics.BitOperations.TrailingZeroCount(active);
            active &= active - 1;
            BiquadSectionKernel.RunPair<FloatLane>(Section(first), State(first), Section(second), State(second), audio, audio.Length);
        }
    }

    private ReadOnlySpan<float> Section(int band) => _coefficients.AsSpan(band * Coefficients, Coefficients);

    private Span<float> State(int band) => _state.AsSpan(band * States, States);
}
