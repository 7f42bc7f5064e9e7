using System.Globalization;
using MixConsole.Dsp.Preview;
using MixConsole.Mastering.Matching;

namespace MixConsole.Mastering.Preview;

/// <summary>
/// What a master loses (or gains) on one playback system, in words, computed from the master's average spectrum
/// and the system's curve: its bass fundamental, its overall level, its top octave and, for systems that fold the
/// image, its side. A statement is made only when the audio holds what it speaks of: a master without bass is
/// never said to lose its bass.
/// </summary>
public static class PreviewFindings
{
    /// <summary>Share of the mid's energy (20 Hz - 20 kHz) the 30-150 Hz band must hold before the bass is spoken of.</summary>
    public const double BassShare = 0.05;

    /// <summary>Share of the energy the 8-20 kHz band must hold before the top octave is spoken of.</summary>
    public const double TopShare = 0.005;

    /// <summary>Share of the energy the side must hold before a fold-down is said to lose it.</summary>
    public const double SideShare = 0.02;

    private const double BassLowHz = 30, BassHighHz = 150, TopLowHz = 8000;

    /// <summary>The statements for <paramref name="curve"/> heard on <paramref name="master"/>'s spectrum, each a sentence.</summary>
    public static IReadOnlyList<string> For(PreviewCurve curve, AverageSpectrum master)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(master);
        var said = new List<string>();
        double highest = master.HighestHz;
        double midTotal = Energy(master, master.MidPower, AverageSpectrum.LowestHz, highest, null);
        double sideTotal = Energy(master, master.SidePower, AverageSpectrum.LowestHz, highest, null);
        if (master.Segments == 0 || midTotal + sideTotal <= 1e-20)
        {
            said.Add("the master is too short or too quiet to say what this system loses");
            return said;
        }

        bool sideOnly = curve.Matrix.SideOnBothSides;
        if (!sideOnly)
        {
            Bass(curve, master, midTotal, said);
            Overall(curve, master, midTotal, said);
            Top(curve, master, midTotal, said);
        }

        Image(curve, master, midTotal, sideTotal, said);
        if (said.Count == 0) said.Add("nothing this master holds is lost or changed by more than 3 dB");
        return said;
    }

    // The strongest low note: where it lands on the system, and whether harmonics above the system's low corner carry it.
    private static void Bass(PreviewCurve curve, AverageSpectrum master, double midTotal, List<string> said)
    {
        if (Energy(master, master.MidPower, BassLowHz, BassHighHz, null) < BassShare * midTotal) return;
        double f0 = PeakHz(master, BassLowHz, BassHighHz);
        double gain = curve.MagnitudeDb(f0, master.SampleRateHz);
        string at = Invariant($"{f0:0} Hz");
        if (gain <= -20)
        {
            double corner = LowCornerHz(curve, master.SampleRateHz);
            bool carried = HarmonicsAbove(master, f0, corner);
            said.Add(Invariant($"the bass fundamental at {at} (the master's strongest low note) is gone ({gain:0} dB); ")
                + (carried
                    ? Invariant($"the bass is heard only by its harmonics above {corner:0} Hz")
                    : Invariant($"it has few harmonics above {corner:0} Hz to carry it, so the bass all but disappears")));
        }
        else if (gain <= -3)
        {
            said.Add(Invariant($"the bass fundamental at {at} (the master's strongest low note) comes through {-gain:0.0} dB down"));
        }
        else if (gain >= 3)
        {
            said.Add(Invariant($"the bass at {at} (the master's strongest low note) comes up {gain:0.0} dB: heavy low end booms here"));
        }
    }

    // The level of the whole mid through the system, and where most of a loss lies.
    private static void Overall(PreviewCurve curve, AverageSpectrum master, double midTotal, List<string> said)
    {
        double through = Energy(master, master.MidPower, AverageSpectrum.LowestHz, master.HighestHz, curve);
        double db = 10 * Math.Log10(through / midTotal);
        if (db <= -1)
        {
            // The frequency below which four fifths of the lost energy lies.
            double lost = midTotal - through, cumulative = 0, below = master.HighestHz;
            for (int k = FirstBin(master, AverageSpectrum.LowestHz); k <= LastBin(master, master.HighestHz); k++)
            {
                double f = k * master.BinHz;
                cumulative += master.MidPower[k] * Math.Max(0, 1 - Power(curve, f, master.SampleRateHz));
                if (cumulative < 0.8 * lost) continue;
                below = f;
                break;
            }

            said.Add(Invariant($"it plays {-db:0.0} dB quieter overall, most of the loss below {Round(below)} Hz"));
        }
        else if (db >= 1)
        {
            said.Add(Invariant($"it plays {db:0.0} dB louder overall"));
        }
    }

    private static void Top(PreviewCurve curve, AverageSpectrum master, double midTotal, List<string> said)
    {
        if (master.HighestHz <= TopLowHz) return;
        double top = Energy(master, master.MidPower, TopLowHz, master.HighestHz, null);
        if (top < TopShare * midTotal) return;
        double db = 10 * Math.Log10(Energy(master, master.MidPower, TopLowHz, master.HighestHz, curve) / top);
        if (db <= -3) said.Add(Invariant($"the top octave (8-20 kHz: cymbals, breath, air) comes through {-db:0.0} dB down"));
    }

    // What folding the image does: a mono sum loses the side, a narrow pair loses part of it, the side preview plays only it.
    private static void Image(PreviewCurve curve, AverageSpectrum master, double midTotal, double sideTotal, List<string> said)
    {
        double share = sideTotal / (midTotal + sideTotal);
        string percent = Invariant($"{100 * share:0.#} %");
        if (curve.Matrix.SideOnBothSides)
        {
            said.Add(share < 0.01
                ? Invariant($"there is almost no side ({percent} of the energy): the master is all but mono, so a mono system loses nothing of it")
                : Invariant($"the side holds {percent} of the energy ({10 * Math.Log10(share):0.0} dB under the whole), strongest around {Round(PeakSideHz(master))} Hz: this is what a mono system drops"));
            return;
        }

        if (curve.Matrix.SideGain >= 1 || share < SideShare) return;
        double kept = midTotal + curve.Matrix.SideGain * curve.Matrix.SideGain * sideTotal;
        double db = 10 * Math.Log10(kept / (midTotal + sideTotal));
        said.Add(curve.Matrix.SideGain == 0
            ? Invariant($"the fold to mono drops the side, {percent} of the energy ({db:0.0} dB): wide parts and reverb sink")
            : Invariant($"the image is {100 * curve.Matrix.SideGain:0} % as wide: the side, {percent} of the energy, loses {-20 * Math.Log10(curve.Matrix.SideGain):0} dB"));
        double cancelsBelow = AntiPhaseBelowHz(master);
        if (curve.Matrix.SideGain == 0 && cancelsBelow > 0)
            said.Add(Invariant($"below {Round(cancelsBelow)} Hz the side outweighs the mid (out of phase): that bass cancels in mono"));
    }

    // The highest 1/3-octave band centre under 300 Hz whose side outweighs its mid; 0 when none does.
    private static double AntiPhaseBelowHz(AverageSpectrum master)
    {
        double found = 0;
        for (double f = 25; f <= 300; f *= Math.Pow(2, 1.0 / 3))
        {
            double lo = f / Math.Pow(2, 1.0 / 6), hi = f * Math.Pow(2, 1.0 / 6);
            double mid = Energy(master, master.MidPower, lo, hi, null), side = Energy(master, master.SidePower, lo, hi, null);
            if (side > mid && side > 1e-12) found = hi;
        }

        return found;
    }

    // The lowest frequency (from 20 Hz up) where the system is within 6 dB of its 1 kHz level.
    private static double LowCornerHz(PreviewCurve curve, double sampleRateHz)
    {
        double reference = curve.MagnitudeDb(1000, sampleRateHz);
        for (double f = 20; f < 1000; f *= Math.Pow(2, 1.0 / 24))
            if (curve.MagnitudeDb(f, sampleRateHz) >= reference - 6) return f;
        return 1000;
    }

    // True when some harmonic 2f..16f above the corner peaks within 40 dB of the fundamental in the master (a phone
    // that loses the fundamental by 70 dB still plays those).
    private static bool HarmonicsAbove(AverageSpectrum master, double f0, double cornerHz)
    {
        double fundamental = PeakPower(master, f0);
        for (int n = 2; n <= 16; n++)
        {
            double f = n * f0;
            if (f < cornerHz || f > master.HighestHz) continue;
            if (PeakPower(master, f) >= fundamental * 1e-4) return true;
        }

        return false;
    }

    // The strongest mid bin within a semitone of the frequency (at least the bins either side).
    private static double PeakPower(AverageSpectrum master, double frequencyHz)
    {
        double spread = Math.Max(master.BinHz, frequencyHz * (Math.Pow(2, 1.0 / 12) - 1));
        double peak = 0;
        for (int k = FirstBin(master, frequencyHz - spread); k <= LastBin(master, frequencyHz + spread); k++) peak = Math.Max(peak, master.MidPower[k]);
        return peak;
    }

    // The peak of the mid between lowHz and highHz, refined by a parabola through the log powers around it.
    private static double PeakHz(AverageSpectrum master, double lowHz, double highHz)
    {
        int best = FirstBin(master, lowHz);
        for (int k = best; k <= LastBin(master, highHz); k++)
            if (master.MidPower[k] > master.MidPower[best]) best = k;
        if (best <= 0 || best >= master.MidPower.Length - 1) return best * master.BinHz;
        double a = Math.Log(master.MidPower[best - 1] + 1e-30), b = Math.Log(master.MidPower[best] + 1e-30), c = Math.Log(master.MidPower[best + 1] + 1e-30);
        double denominator = a - 2 * b + c;
        double offset = denominator < 0 ? Math.Clamp(0.5 * (a - c) / denominator, -0.5, 0.5) : 0;
        return (best + offset) * master.BinHz;
    }

    private static double PeakSideHz(AverageSpectrum master)
    {
        double bestHz = 1000, best = double.NegativeInfinity;
        for (double f = 31.5; f <= master.HighestHz; f *= Math.Pow(2, 1.0 / 3))
        {
            double db = master.SmoothedDb(true, f, 1.0 / 3);
            if (db <= best) continue;
            best = db;
            bestHz = f;
        }

        return bestHz;
    }

    // Energy (sum of bin powers) between lowHz and highHz, through the curve when one is given.
    private static double Energy(AverageSpectrum master, double[] power, double lowHz, double highHz, PreviewCurve? through)
    {
        double sum = 0;
        for (int k = FirstBin(master, lowHz); k <= LastBin(master, highHz); k++)
            sum += through is null ? power[k] : power[k] * Power(through, k * master.BinHz, master.SampleRateHz);
        return sum;
    }

    private static double Power(PreviewCurve curve, double frequencyHz, double sampleRateHz) => Math.Pow(10, curve.MagnitudeDb(frequencyHz, sampleRateHz) / 10);

    private static int FirstBin(AverageSpectrum master, double hz) => Math.Clamp((int)Math.Ceiling(hz / master.BinHz), 0, master.MidPower.Length - 1);

    private static int LastBin(AverageSpectrum master, double hz) => Math.Clamp((int)Math.Floor(hz / master.BinHz), 0, master.MidPower.Length - 1);

    // Frequencies said in words: two significant figures (55, 180, 2300).
    private static string Round(double hz)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(hz, 1))) - 1);
        return Invariant($"{Math.Round(hz / magnitude) * magnitude:0}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
