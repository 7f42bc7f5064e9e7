using System.Runtime.CompilerServices;
using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Effects;

/// <summary>
/// A <see cref="GraphicEq"/>'s settings designed on the control side (<see cref="Design"/>): for each of two sides, 31
/// constant-Q bells at the ISO third-octave centres (<see cref="CentreHz"/>, Q <see cref="BandQ"/>, analog-matched so
/// each reaches its gain at its centre up to Nyquist) and a master gain. Flat bands are marked inactive and skipped:
/// a flat bell is the identity, so skipping it changes no sample. Held inline: a design copies by value, allocating nothing.
/// </summary>
public struct GraphicEqDesign
{
    /// <summary>Bands per side.</summary>
    public const int Bands = 31;

    /// <summary>Sides (left and right, or A and B of a dual EQ).</summary>
    public const int Sides = 2;

    /// <summary>Q of every band: a third of an octave between the -3 dB points of the analog bell (sqrt(2^(1/3)) / (2^(1/3) - 1)).</summary>
    public const double BandQ = 4.318473046963146;

    /// <summary>Largest band or master gain, in dB (either way).</summary>
    public const float MaxGainDb = 15f;

    /// <summary>Band centres in Hz, the ISO 266 third-octave series from 20 Hz to 20 kHz.</summary>
    public static ReadOnlySpan<double> CentreHz =>
    [
        20, 25, 31.5, 40, 50, 63, 80, 100, 125, 160, 200, 250, 315, 400, 500, 630, 800,
        1000, 1250, 1600, 2000, 2500, 3150, 4000, 5000, 6300, 8000, 10000, 12500, 16000, 20000,
    ];

    /// <summary>Coefficients b0, b1, b2, a1, a2 of band k of side s at ((s × <see cref="Bands"/>) + k) × 5.</summary>
    public GraphicEqSections Sections;

    /// <summary>Bit k set: band k of the left (A) side is not flat.</summary>
    public uint ActiveLeft;

    /// <summary>Bit k set: band k of the right (B) side is not flat.</summary>
    public uint ActiveRight;

    /// <summary>Linear master gain of each side.</summary>
    public float MasterLeft, MasterRight;

    /// <summary>The active-band mask of side <paramref name="side"/> (0 left, 1 right).</summary>
    public readonly uint Active(int side) => side == 0 ? ActiveLeft : ActiveRight;

    /// <summary>
    /// Designs both sides at <paramref name="sampleRateHz"/>: band gains in dB (31 per side, clamped to ±15) and master
    /// levels in dB. Control side; allocates nothing.
    /// </summary>
    public static GraphicEqDesign Design(double sampleRateHz, ReadOnlySpan<float> gainsDbLeft, float masterDbLeft, ReadOnlySpan<float> gainsDbRight, float masterDbRight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        if (gainsDbLeft.Length < Bands || gainsDbRight.Length < Bands) throw new ArgumentException("a gain per band is needed on each side");
        var design = new GraphicEqDesign
        {
            MasterLeft = Gain(masterDbLeft),
            MasterRight = Gain(masterDbRight),
        };
        design.ActiveLeft = DesignSide(ref design, 0, sampleRateHz, gainsDbLeft);
        design.ActiveRight = DesignSide(ref design, 1, sampleRateHz, gainsDbRight);
        return design;
    }

    /// <summary>Every band flat, masters at unity.</summary>
    public static GraphicEqDesign Flat
    {
        get
        {
            var design = new GraphicEqDesign { MasterLeft = 1f, MasterRight = 1f };
            Span<float> sections = design.Sections;
            for (int k = 0; k < Sides * Bands; k++) sections[k * BiquadSectionKernel.Coefficients] = 1f;
            return design;
        }
    }

    private static uint DesignSide(ref GraphicEqDesign design, int side, double sampleRateHz, ReadOnlySpan<float> gainsDb)
    {
        Span<float> sections = design.Sections;
        ReadOnlySpan<double> centres = CentreHz;
        uint active = 0;
        for (int k = 0; k < Bands; k++)
        {
            float gainDb = Math.Clamp(gainsDb[k], -MaxGainDb, MaxGainDb);
            var c = gainDb == 0 ? BiquadCoefficients.Identity : AnalogMatchedDesign.Peaking(sampleRateHz, centres[k], BandQ, gainDb);
            Span<float> row = sections.Slice((side * Bands + k) * BiquadSectionKernel.Coefficients, BiquadSectionKernel.Coefficients);
            row[0] = (float)c.B0;
            row[1] = (float)c.B1;
            row[2] = (float)c.B2;
            row[3] = (float)c.A1;
            row[4] = (float)c.A2;
            if (gainDb != 0) active |= 1u << k;
        }

        return active;
    }

    private static float Gain(float db) => MathF.Pow(10f, Math.Clamp(db, -MaxGainDb, MaxGainDb) / 20f);
}

/// <summary>The coefficients of every band of both sides of a <see cref="GraphicEqDesign"/>, held inline.</summary>
[InlineArray(GraphicEqDesign.Sides * GraphicEqDesign.Bands * BiquadSectionKernel.Coefficients)]
public struct GraphicEqSections
{
    private float _element;
}
