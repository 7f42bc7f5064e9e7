using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Tests.Filters;

/// <summary>
/// The matched bells and shelves with <see cref="AnalogMatchedDesign.Refine"/> written plainly, one grid point at a
/// time with Math.Log, as the product first shipped it: the reference the fast refinement is held to.
/// </summary>
internal static class PlainMatchedDesign
{
    public static BiquadCoefficients Peaking(double sampleRateHz, double frequencyHz, double q, double gainDb)
    {
        double f = BiquadDesign.ClampFrequency(sampleRateHz, frequencyHz);
        if (gainDb == 0) return BiquadCoefficients.Identity;
        var prototype = AnalogPrototype.Peaking(f, q, Math.Abs(gainDb));
        var boost = Refine(sampleRateHz, prototype, AnalogMatchedDesign.FromPrototype(sampleRateHz, prototype, f), q);
        return gainDb > 0 ? boost : boost.Inverse();
    }

    public static BiquadCoefficients LowShelf(double sampleRateHz, double frequencyHz, double q, double gainDb)
    {
        double f = BiquadDesign.ClampFrequency(sampleRateHz, frequencyHz);
        if (gainDb == 0) return BiquadCoefficients.Identity;
        var prototype = AnalogPrototype.LowShelf(f, q, Math.Abs(gainDb));
        var boost = Refine(sampleRateHz, prototype, AnalogMatchedDesign.FromPrototype(sampleRateHz, prototype, f), q);
        return gainDb > 0 ? boost : boost.Inverse();
    }

    public static BiquadCoefficients HighShelf(double sampleRateHz, double frequencyHz, double q, double gainDb)
    {
        double f = BiquadDesign.ClampFrequency(sampleRateHz, frequencyHz);
        if (gainDb == 0) return BiquadCoefficients.Identity;
        var prototype = AnalogPrototype.HighShelf(f, q, -Math.Abs(gainDb));
        var cut = Refine(sampleRateHz, prototype, AnalogMatchedDesign.FromPrototype(sampleRateHz, prototype, f), q);
        return gainDb < 0 ? cut : cut.Inverse();
    }

    private const int MaxGridPoints = 32;
    private const int PlainIterations = 2;
    private const int WeightedIterations = 4;

    private static BiquadCoefficients Refine(double sampleRateHz, in AnalogPrototype prototype, in BiquadCoefficients start, double q)
    {
        Span<double> cos1 = stackalloc double[MaxGridPoints], sin1 = stackalloc double[MaxGridPoints];
        Span<double> cos2 = stackalloc double[MaxGridPoints], sin2 = stackalloc double[MaxGridPoints];
        Span<double> targetDb = stackalloc double[MaxGridPoints], weight = stackalloc double[MaxGridPoints];
        Span<double> gridHz = stackalloc double[MaxGridPoints];
        int n = 0;
        double nyquist = 0.999 * sampleRateHz / 2, f0 = prototype.FrequencyHz;
        double bandwidthOctaves = 1.4426950408889634 * Math.Asinh(1 / (2 * Math.Max(q, 0.05)));
        double step = Math.Pow(2, bandwidthOctaves / 4);
        double fBand = f0 / (step * step * step * step * step * step * step * step);
        for (int k = -8; k <= 8; k++, fBand *= step)
            if (fBand < nyquist) gridHz[n++] = fBand;
        double fLog = Math.Min(f0 / 8, 1000), ratio = Math.Pow(nyquist / fLog, 1.0 / 9);
        for (int i = 0; i < 10; i++, fLog *= ratio)
            gridHz[n++] = Math.Min(fLog, nyquist);
        for (int i = 0; i < n; i++)
        {
            (sin1[i], cos1[i]) = Math.SinCos(2 * Math.PI * gridHz[i] / sampleRateHz);
            cos2[i] = 2 * cos1[i] * cos1[i] - 1;
            sin2[i] = 2 * sin1[i] * cos1[i];
            targetDb[i] = prototype.MagnitudeDb(gridHz[i]);
        }
        weight.Fill(1.0);

        const double dbPerNeper = 10 / 2.302585092994046;
        Span<double> x = [start.B0, start.B1, start.B2, start.A1, start.A2];
        Span<double> best = stackalloc double[5];
        x.CopyTo(best);
        double bestError = double.MaxValue;
        Span<double> normal = stackalloc double[30];
        Span<double> jac = stackalloc double[5];
        for (int iteration = 0; iteration <= PlainIterations + WeightedIterations; iteration++)
        {
            normal.Clear();
            double worst = 0;
            for (int i = 0; i < n; i++)
            {
                double br = x[0] + x[1] * cos1[i] + x[2] * cos2[i], bi = -(x[1] * sin1[i] + x[2] * sin2[i]);
                double ar = 1 + x[3] * cos1[i] + x[4] * cos2[i], ai = -(x[3] * sin1[i] + x[4] * sin2[i]);
                double bm = br * br + bi * bi, am = ar * ar + ai * ai;
                double r = dbPerNeper * Math.Log(bm / am) - targetDb[i];
                worst = Math.Max(worst, Math.Abs(r));
                if (iteration >= PlainIterations) weight[i] *= Math.Abs(r) + 1e-9;
                jac[0] = 2 * dbPerNeper * br / bm;
                jac[1] = 2 * dbPerNeper * (br * cos1[i] - bi * sin1[i]) / bm;
                jac[2] = 2 * dbPerNeper * (br * cos2[i] - bi * sin2[i]) / bm;
                jac[3] = -2 * dbPerNeper * (ar * cos1[i] - ai * sin1[i]) / am;
                jac[4] = -2 * dbPerNeper * (ar * cos2[i] - ai * sin2[i]) / am;
                double wi = weight[i];
                for (int a = 0; a < 5; a++)
                {
                    double wa = wi * jac[a];
                    Span<double> row = normal.Slice(a * 6, 6);
                    row[5] += wa * r;
                    for (int b = 0; b < 5; b++) row[b] += wa * jac[b];
                }
            }
            var candidate = new BiquadCoefficients(x[0], x[1], x[2], x[3], x[4]);
            if (worst < bestError && candidate.IsStable && candidate.IsMinimumPhase)
            {
                bestError = worst;
                x.CopyTo(best);
            }
            if (iteration == PlainIterations + WeightedIterations || !SolveInPlace(normal)) break;
            for (int a = 0; a < 5; a++) x[a] -= normal[a * 6 + 5];
        }
        return new BiquadCoefficients(best[0], best[1], best[2], best[3], best[4]);
    }

    // Gauss-Jordan on a 5x6 augmented matrix; the solution replaces the last column.
    private static bool SolveInPlace(Span<double> m)
    {
        for (int c = 0; c < 5; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < 5; r++)
                if (Math.Abs(m[r * 6 + c]) > Math.Abs(m[pivot * 6 + c])) pivot = r;
            if (Math.Abs(m[pivot * 6 + c]) < 1e-300) return false;
            if (pivot != c)
                for (int k = 0; k < 6; k++) (m[c * 6 + k], m[pivot * 6 + k]) = (m[pivot * 6 + k], m[c * 6 + k]);
            for (int r = 0; r < 5; r++)
            {
                if (r == c) continue;
                double factor = m[r * 6 + c] / m[c * 6 + c];
                for (int k = c; k < 6; k++) m[r * 6 + k] -= factor * m[c * 6 + k];
            }
        }
        for (int r = 0; r < 5; r++) m[r * 6 + 5] /= m[r * 6 + r];
        return true;
    }
}
