using System.Globalization;

namespace MixConsole.Engine.Parameters;

/// <summary>Real value linear in the normalised value: real = min + (max - min) * f.</summary>
public sealed class LinearMapping : ParameterMapping
{
    /// <summary>Creates the mapping from the real value at f = 0 to the one at f = 1.</summary>
    public LinearMapping(double realAtZero, double realAtOne)
    {
        if (!double.IsFinite(realAtZero) || !double.IsFinite(realAtOne) || realAtZero == realAtOne)
        {
            throw new ArgumentException($"a linear mapping needs two different finite ends; got {realAtZero} and {realAtOne}");
        }

        RealAtZero = realAtZero;
        RealAtOne = realAtOne;
    }

    /// <summary>Real value at normalised 0.</summary>
    public double RealAtZero { get; }

    /// <summary>Real value at normalised 1.</summary>
    public double RealAtOne { get; }

    /// <inheritdoc/>
    public override string Name => "linear";

    /// <inheritdoc/>
    public override double ToReal(double normalized) => RealAtZero + (RealAtOne - RealAtZero) * Math.Clamp(normalized, 0.0, 1.0);

    /// <inheritdoc/>
    public override double ToNormalized(double real) =>
        double.IsNaN(real) ? 0.0 : Math.Clamp((real - RealAtZero) / (RealAtOne - RealAtZero), 0.0, 1.0);

    /// <inheritdoc/>
    public override double RealAtGridIndex(int gridIndex, int stepCount)
    {
        // Weighted ends keep decimal steps such as 0.25 dB exact (0 lands on 0, not 1e-15).
        if (stepCount <= 1)
        {
            return RealAtZero;
        }

        int last = stepCount - 1;
        return (RealAtZero * (last - gridIndex) + RealAtOne * gridIndex) / last;
    }

    /// <inheritdoc/>
    public override string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"linear: real = {RealAtZero:G6} + ({RealAtOne:G6} - {RealAtZero:G6}) * f");
}
