namespace MixConsole.Mastering.Pipeline;

/// <summary>
/// Finds the pre-limiter gain that makes the limited output's integrated loudness hit a target. Output
/// loudness rises monotonically with gain but less than one-for-one once the limiter works, so each new
/// guess interpolates between the measured passes that bracket the target (regula falsi), or extrapolates
/// along the last secant (slope clamped to 0.05..1.5) until one does.
/// </summary>
public sealed class LoudnessSearch
{
    private readonly List<(double GainDb, double Lufs)> _passes = [];

    /// <summary>Searches for <paramref name="targetLufs"/> within <paramref name="toleranceLu"/>.</summary>
    /// <param name="targetLufs">Integrated loudness wanted, LUFS.</param>
    /// <param name="toleranceLu">Largest acceptable |error|, LU.</param>
    /// <param name="initialSlope">Expected loudness change per dB of gain before two passes give a measured one (1 = no limiting).</param>
    public LoudnessSearch(double targetLufs, double toleranceLu, double initialSlope = 1)
    {
        TargetLufs = targetLufs;
        ToleranceLu = toleranceLu;
        InitialSlope = Math.Clamp(initialSlope, MinSlope, MaxSlope);
    }

    /// <summary>Smallest loudness change per dB assumed (a limiter that is all but a wall).</summary>
    public const double MinSlope = 0.05;

    /// <summary>Largest loudness change per dB assumed.</summary>
    public const double MaxSlope = 1.5;

    /// <summary>Integrated loudness wanted, LUFS.</summary>
    public double TargetLufs { get; }

    /// <summary>Largest acceptable |error|, LU.</summary>
    public double ToleranceLu { get; }

    /// <summary>Slope assumed after the first pass.</summary>
    public double InitialSlope { get; }

    /// <summary>Passes recorded so far.</summary>
    public int Count => _passes.Count;

    /// <summary>Error of the last pass (measured minus target), LU.</summary>
    public double LastErrorLu => _passes.Count == 0 ? double.NaN : _passes[^1].Lufs - TargetLufs;

    /// <summary>True when the last pass is within tolerance.</summary>
    public bool Converged => _passes.Count > 0 && Math.Abs(LastErrorLu) <= ToleranceLu;

    /// <summary>Records a pass rendered with <paramref name="gainDb"/> that measured <paramref name="lufs"/>.</summary>
    public void Record(double gainDb, double lufs) => _passes.Add((gainDb, lufs));

    /// <summary>
    /// The gain to render next, dB. Passes are taken in order of gain and the lowest-gain crossing of the target
    /// is preferred: on very dynamic material loudness can fall as gain rises (the limiter flattens the loud part
    /// while quiet passages climb over the relative gate), and the gentler solution is the one a listener wants.
    /// </summary>
    public double NextGainDb()
    {
        if (_passes.Count == 0) throw new InvalidOperationException("record a pass first");
        var s = _passes.OrderBy(p => p.GainDb).ToList();
        double T = TargetLufs;
        int first = s.FindIndex(p => p.Lufs < T);
        if (first < 0)
        {
            // Every pass is too loud: come down from the gentlest.
            double down = s.Count > 1 ? Slope(s[0], s[1]) : InitialSlope;
            return s[0].GainDb + (T - s[0].Lufs) / down;
        }
        if (first > 0) return Interpolate(s, first - 1);
        // Walk up while loudness still rises and stays under the target.
        int i = 0;
        while (i + 1 < s.Count && s[i + 1].Lufs < T && s[i + 1].Lufs > s[i].Lufs) i++;
        if (i + 1 < s.Count && s[i + 1].Lufs >= T) return Interpolate(s, i);
        double slope = i > 0 ? Slope(s[i - 1], s[i]) : InitialSlope;
        double next = s[i].GainDb + (T - s[i].Lufs) / slope;
        // A louder-gain pass that measured quieter marks a dip: stay below it.
        if (i + 1 < s.Count) next = Math.Min(next, 0.5 * (s[i].GainDb + s[i + 1].GainDb));
        return next;
    }

    // Inside the bracket s[i] (under) .. s[i+1] (over): the local secant on the side nearer the target when a
    // neighbour gives one (a far endpoint would make plain regula falsi crawl), else regula falsi; kept inside.
    private double Interpolate(List<(double GainDb, double Lufs)> s, int i)
    {
        var a = s[i];
        var b = s[i + 1];
        double T = TargetLufs, next;
        if (b.Lufs - T <= T - a.Lufs && i + 2 < s.Count && s[i + 2].Lufs > b.Lufs)
            next = b.GainDb - (b.Lufs - T) / Slope(b, s[i + 2]);
        else if (i > 0 && s[i - 1].Lufs < a.Lufs)
            next = a.GainDb + (T - a.Lufs) / Slope(s[i - 1], a);
        else
            next = Math.Abs(b.Lufs - a.Lufs) < 1e-9 ? 0.5 * (a.GainDb + b.GainDb) : a.GainDb + (T - a.Lufs) / (b.Lufs - a.Lufs) * (b.GainDb - a.GainDb);
        // A secant that lands in the outer tenth of the bracket is not trusted (a flat stretch fools it):
        // regula falsi, kept a tenth in from either end, always shrinks the bracket.
        double margin = 0.1 * (b.GainDb - a.GainDb);
        if (next <= a.GainDb + margin || next >= b.GainDb - margin)
        {
            double falsi = Math.Abs(b.Lufs - a.Lufs) < 1e-9 ? 0.5 * (a.GainDb + b.GainDb) : a.GainDb + (T - a.Lufs) / (b.Lufs - a.Lufs) * (b.GainDb - a.GainDb);
            next = Math.Clamp(falsi, a.GainDb + margin, b.GainDb - margin);
        }
        return next;
    }

    private static double Slope((double GainDb, double Lufs) a, (double GainDb, double Lufs) b) =>
        Math.Abs(b.GainDb - a.GainDb) < 1e-6 ? 1 : Math.Clamp((b.Lufs - a.Lufs) / (b.GainDb - a.GainDb), MinSlope, MaxSlope);
}
