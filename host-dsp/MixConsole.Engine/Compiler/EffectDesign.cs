using MixConsole.Dsp.Effects;
using MixConsole.Engine.Compiler.Binding;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Compiler;

/// <summary>
/// Designs an effect slot from its X32 type and pars, as the type scales them: the X32's reverbs drive the reverb
/// (pre-delay, decay, size, damping from their high-frequency corner, level), its stereo delay the delay (time times
/// each side's factor, feedback, the feedback filters, X as ping-pong, mix), its graphic EQs the graphic EQ (31 band
/// gains and a master per side). Control side; allocates nothing.
/// </summary>
internal static class EffectDesign
{
    // The X32 delay factors (1/4, 3/8, 1/2, 2/3, 1, 4/3, 3/2, 2, 3) as multipliers of its time.
    private static readonly float[] Factors = [0.25f, 0.375f, 0.5f, 2f / 3f, 1f, 4f / 3f, 1.5f, 2f, 3f];

    private const int CrossMode = 1;

    // Damping here is 0..1; the X32 reverbs set a high-frequency corner from 1 kHz (darkest) to 20 kHz (none).
    private const float DampingLowHz = 1000f, DampingHighHz = 20000f;

    /// <summary>The settings of the slot <paramref name="p"/> binds, reading values from <paramref name="values"/>.</summary>
    public static EffectSettings Design(EffectBinding p, float[] values, double sampleRateHz)
    {
        var type = X32EffectTypes.At(p.Slot, values[p.Type.Index]);
        var settings = new EffectSettings { Kernel = type.Kernel, ReverbGain = 1f, DelayMix = 1f };
        float Par(int par) => type.Real(par, values[p.Pars[par - 1].Index]);
        if (type.Kernel == EffectKernel.Reverb)
        {
            bool gated = type.Label is "GATE" or "RVRS";
            float decaySeconds = gated ? Par(2) / 1000f : Par(2);
            settings.Reverb = Reverb.Design(sampleRateHz, Par(1), decaySeconds, Size(type, Par(3)), Damping(Par(DampingPar(type.Label))));
            settings.ReverbGain = MixLaws.DbToLinear(Par(6));
        }
        else
        {
            settings.Reverb = Reverb.Design(sampleRateHz, 0, 1, 0.5f, 0.5f);
        }

        if (type.Kernel == EffectKernel.Delay)
        {
            float timeMs = Par(2);
            settings.Delay = StereoDelay.Design(sampleRateHz, EffectSlot.MaxDelayMs, timeMs * Factor(Par(4)), timeMs * Factor(Par(5)),
                (Par(10) + Par(11)) / 200f, Par(9), Par(12), (int)Par(3) == CrossMode);
            settings.DelayMix = Par(1) / 100f;
        }
        else
        {
            settings.Delay = StereoDelay.Design(sampleRateHz, EffectSlot.MaxDelayMs, 100, 100, 0, 20, 20000, false);
        }

        settings.GraphicEq = type.Kernel == EffectKernel.GraphicEq ? DesignGraphicEq(type, p, values, sampleRateHz) : GraphicEqDesign.Flat;
        return settings;
    }

    // GEQ and TEQ: bands 1-31 and master 32 drive both sides; GEQ2 and TEQ2: side A (left) 1-32, side B (right) 33-64.
    // TEQ's "true response" runs the same bells as GEQ here (no correction of neighbouring bands' overlap).
    private static GraphicEqDesign DesignGraphicEq(X32EffectType type, EffectBinding p, float[] values, double sampleRateHz)
    {
        const int Bands = GraphicEqDesign.Bands;
        bool dual = type.Parameters.Count > Bands + 1;
        Span<float> left = stackalloc float[Bands], right = stackalloc float[Bands];
        for (int k = 0; k < Bands; k++)
        {
            left[k] = type.Real(k + 1, values[p.Pars[k].Index]);
            right[k] = dual ? type.Real(Bands + 2 + k, values[p.Pars[Bands + 1 + k].Index]) : left[k];
        }

        float masterLeft = type.Real(Bands + 1, values[p.Pars[Bands].Index]);
        float masterRight = dual ? type.Real(2 * Bands + 2, values[p.Pars[2 * Bands + 1].Index]) : masterLeft;
        return GraphicEqDesign.Design(sampleRateHz, left, masterLeft, right, masterRight);
    }

    private static float Factor(float position) => Factors[Math.Clamp((int)position, 0, Factors.Length - 1)];

    // Size 0..1 from the type's own size range; the types without one take the middle.
    private static float Size(X32EffectType type, float size) => type.Label switch
    {
        "HALL" or "AMBI" or "PLAT" => (size - 2) / 98,
        "RPLT" => (size - 4) / 35,
        "ROOM" or "CHAM" => (size - 4) / 72,
        "VRM" => size / 100,
        _ => 0.5f,
    };

    // The par that sets each reverb's high-frequency corner: damping, else its hi cut or hi shelf.
    private static int DampingPar(string label) => label switch
    {
        "VREV" or "GATE" or "RVRS" => 8,
        "VRM" => 10,
        _ => 4,
    };

    private static float Damping(float cornerHz) =>
        Math.Clamp(1f - MathF.Log(cornerHz / DampingLowHz) / MathF.Log(DampingHighHz / DampingLowHz), 0f, 1f);
}
