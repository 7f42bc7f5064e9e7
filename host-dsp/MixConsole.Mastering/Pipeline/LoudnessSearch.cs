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

    /// <summary>The gain to render next, dB.</summary>
    public double NextGainDb()
    {
        if (_passes.Count == 0) throw new InvalidOperationException("record a pass first");
        var last = _passes[^1];
        // The closest passes on either side of the target, if any.
        (double GainDb, double Lufs)? below = null, above = null;
        foreach (var p in _passes)
        {
            if (p.Lufs < TargetLufs && (below is null || p.Lufs > below.Value.Lufs)) below = p;
            if (p.Lufs >= TargetLufs && (above is null || p.Lufs < above.Value.Lufs)) above = p;
        }
        if (below is { } b && above is { } a && a.GainDb > b.GainDb && a.Lufs > b.Lufs)
        {
            double t = (TargetLufs - b.Lufs) / (a.Lufs - b.Lufs);
            return b.GainDb + t * (a.GainDb - b.GainDb);
        }
        double slope = InitialSlope;
        if (_passes.Count >= 2)
        {
            var previous = _passes[^2];
            if (Math.Abs(last.GainDb - previous.GainDb) > 1e-6)
                slope = Math.Clamp((last.Lufs - previous.Lufs) / (last.GainDb - previous.GainDb), MinSlope, MaxSlope);
        }
        return last.GainDb + (TargetLufs - last.Lufs) / slope;
    }
}
