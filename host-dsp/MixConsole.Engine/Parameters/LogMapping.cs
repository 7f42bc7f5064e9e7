using System.Globalization;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// Real value exponential in the normalised value: real = a * (b / a)^f, so equal knob travel is an
/// equal ratio (frequencies, times, Q). Both ends positive; b below a runs the scale downwards (Q 10..0.3).
/// </summary>
public sealed class LogMapping : ParameterMapping
{
    private readonly double _logRatio;

    /// <summary>Creates the mapping from the real value at f = 0 to the one at f = 1 (both positive).</summary>
    public LogMapping(double realAtZero, double realAtOne)
    {
        if (!(realAtZero > 0) || !(realAtOne > 0) || !double.IsFinite(realAtZero) || !double.IsFinite(realAtOne) || realAtZero == realAtOne)
        {
            throw new ArgumentException($"a log mapping needs two different positive finite ends; got {realAtZero} and {realAtOne}");
        }

        RealAtZero = realAtZero;
        RealAtOne = realAtOne;
        _logRatio = Math.Log(realAtOne / realAtZero);
    }

    /// <summary>Real value at normalised 0.</summary>
    public double RealAtZero { get; }

    /// <summary>Real value at normalised 1.</summary>
    public double RealAtOne { get; }

    /// <inheritdoc/>
    public override string Name => "log";

    /// <inheritdoc/>
    public override double ToReal(double normalized) => RealAtZero * Math.Exp(_logRatio * Math.Clamp(normalized, 0.0, 1.0));

    /// <inheritdoc/>
    public override double ToNormalized(double real)
    {
        if (double.IsNaN(real))
        {
            return 0.0;
        }

        if (real <= 0.0)
        {
            // Below every positive value: the low end of the scale, whichever way it runs.
            return _logRatio > 0 ? 0.0 : 1.0;
        }

        return Math.Clamp(Math.Log(real / RealAtZero) / _logRatio, 0.0, 1.0);
    }

    /// <inheritdoc/>
    public override double RealAtGridIndex(int gridIndex, int stepCount)
    {
        // The ends are exact so ranges read as declared (20 Hz, 20 kHz), not 19999.999.
        if (gridIndex <= 0 || stepCount <= 1)
        {
            return RealAtZero;
        }

        return gridIndex >= stepCount - 1 ? RealAtOne : base.RealAtGridIndex(gridIndex, stepCount);
    }

    /// <inheritdoc/>
    public override string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"log: real = {RealAtZero:G6} * ({RealAtOne:G6} / {RealAtZero:G6})^f");
}
