namespace MixConsole.Dsp.Preview;

/// <summary>
/// The documented preview curves, one per <see cref="PreviewSystem"/> but <see cref="PreviewSystem.Off"/>. Each is
/// built from RBJ biquads (<see cref="Filters.BiquadDesign"/>); the points are the curve's response at 48 kHz,
/// rounded to 0.1 dB, and the processor is tested against them. Why each shape: Preview/README.md.
/// </summary>
public static class PreviewCurves
{
    // Q of the two sections of a 4th-order Butterworth: 1 / (2 cos(pi/8)) and 1 / (2 cos(3 pi/8)).
    private const double ButterworthQLow = 0.5411961, ButterworthQHigh = 1.3065630, ButterworthQ = 0.7071;

    /// <summary>Every preview system's curve, in <see cref="PreviewSystem"/> order (Off excluded).</summary>
    public static IReadOnlyList<PreviewCurve> All { get; } =
    [
        new(PreviewSystem.Phone, "phone", "a phone's own speaker: mono, nothing below ~450 Hz, presence bump at 2.5 kHz, dull above 9 kHz",
            PreviewMatrix.Mono,
            [HighPass(450, ButterworthQLow), HighPass(450, ButterworthQHigh), new(PreviewSectionShape.Peaking, 2500, 1.0, 4), LowPass(9000)], 0,
            [(100, -52.3), (200, -28.2), (300, -14.2), (450, -2.9), (1000, 0.7), (2500, 4.0), (6000, 0.1), (10000, -4.2), (16000, -16.6)]),
        new(PreviewSystem.Earbuds, "earbuds", "unsealed earbuds: bass leaks out below ~120 Hz, ear-gain lift at 3 kHz, top rolled off above 14 kHz",
            PreviewMatrix.Stereo,
            [HighPass(120, ButterworthQ), new(PreviewSectionShape.Peaking, 3000, 1.5, 3), LowPass(14000)], 0,
            [(30, -24.1), (55, -13.7), (120, -3.0), (250, -0.2), (1000, 0.2), (3000, 3.0), (8000, 0.0), (14000, -3.0), (18000, -11.1)]),
        new(PreviewSystem.Laptop, "laptop", "laptop speakers: nothing below ~300 Hz, half-width stereo, lift at 4 kHz, dull above 9 kHz",
            PreviewMatrix.Width(50),
            [HighPass(300, ButterworthQLow), HighPass(300, ButterworthQHigh), new(PreviewSectionShape.Peaking, 4000, 1.0, 3), LowPass(9000)], 0,
            [(55, -58.9), (100, -38.2), (200, -14.2), (300, -3.0), (1000, 0.2), (4000, 2.9), (9000, -2.4), (14000, -11.8)]),
        new(PreviewSystem.Car, "car", "a car: cabin gain lifts the bass below ~70 Hz by up to 6 dB, door woofers stop at ~25 Hz, top 3 dB down",
            PreviewMatrix.Stereo,
            [HighPass(25, ButterworthQ), new(PreviewSectionShape.LowShelf, 70, ButterworthQ, 8), new(PreviewSectionShape.HighShelf, 8000, ButterworthQ, -3)], 0,
            [(20, 2.6), (30, 6.0), (55, 5.5), (70, 3.9), (150, 0.4), (300, 0.0), (1000, 0.0), (4000, -0.1), (8000, -1.5), (14000, -2.9)]),
        new(PreviewSystem.Club, "club", "a club PA: mono, subs down to ~35 Hz and 6 dB hot, air absorption dulls the top by 4 dB",
            PreviewMatrix.Mono,
            [HighPass(35, ButterworthQLow), HighPass(35, ButterworthQHigh), new(PreviewSectionShape.LowShelf, 100, ButterworthQ, 6), new(PreviewSectionShape.HighShelf, 10000, ButterworthQ, -4)], 0,
            [(20, -13.5), (35, 2.9), (55, 5.4), (100, 3.0), (200, 0.4), (1000, 0.0), (5000, -0.2), (10000, -2.0), (16000, -3.8)]),
        new(PreviewSystem.Mono, "mono", "the mono sum (L+R)/2: what a single speaker, a mono Bluetooth box or a mono PA plays",
            PreviewMatrix.Mono, [], 0,
            [(20, 0.0), (55, 0.0), (1000, 0.0), (10000, 0.0), (20000, 0.0)]),
        new(PreviewSystem.Side, "side", "the side (L-R)/2 alone: everything a mono sum throws away",
            PreviewMatrix.SideOnly, [], 0,
            [(20, 0.0), (55, 0.0), (1000, 0.0), (10000, 0.0), (20000, 0.0)]),
    ];

    /// <summary>The curve of <paramref name="system"/> (not <see cref="PreviewSystem.Off"/>).</summary>
    public static PreviewCurve Of(PreviewSystem system) =>
        (uint)system - 1 >= (uint)All.Count
            ? throw new ArgumentOutOfRangeException(nameof(system), system, "no curve: the master is heard as it is")
            : All[(int)system - 1];

    /// <summary>The system named <paramref name="name"/> (case-insensitive; "off" included).</summary>
    public static bool TryParse(string name, out PreviewSystem system)
    {
        ArgumentNullException.ThrowIfNull(name);
        system = PreviewSystem.Off;
        if (name.Equals("off", StringComparison.OrdinalIgnoreCase)) return true;
        foreach (PreviewCurve curve in All)
        {
            if (!curve.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            system = curve.System;
            return true;
        }

        return false;
    }

    private static PreviewSection HighPass(double frequencyHz, double q) => new(PreviewSectionShape.HighPass, frequencyHz, q);

    private static PreviewSection LowPass(double frequencyHz) => new(PreviewSectionShape.LowPass, frequencyHz, ButterworthQ);
}
