using System.Globalization;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// Whole numbers min..max, one grid point each (enums, switches, bitmaps): real = min + k, and a
/// normalised value f selects k = round(f * (max - min)), as X32 consoles accept floats for enums.
/// </summary>
public sealed class IntegerMapping : ParameterMapping
{
    private readonly string _name;

    /// <summary>Creates the mapping for min..max (max above min) under a document name such as "enum".</summary>
    public IntegerMapping(int minimum, int maximum, string name)
    {
        if (maximum <= minimum)
        {
            throw new ArgumentException($"an integer mapping needs max above min; got {minimum}..{maximum}");
        }

        Minimum = minimum;
        Maximum = maximum;
        _name = name ?? throw new ArgumentNullException(nameof(name));
    }

    /// <summary>Smallest value.</summary>
    public int Minimum { get; }

    /// <summary>Largest value.</summary>
    public int Maximum { get; }

    /// <inheritdoc/>
    public override string Name => _name;

    /// <inheritdoc/>
    public override double ToReal(double normalized) =>
        Minimum + ParameterGrid.IndexOfNormalized(normalized, Maximum - Minimum + 1);

    /// <inheritdoc/>
    public override double ToNormalized(double real) =>
        double.IsNaN(real) ? 0.0 : Math.Clamp((real - Minimum) / (Maximum - Minimum), 0.0, 1.0);

    /// <inheritdoc/>
    public override double RealAtGridIndex(int gridIndex, int stepCount) => Minimum + gridIndex;

    /// <inheritdoc/>
    public override string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"{_name}: int {Minimum}..{Maximum} as sent; a float f selects round(f * {Maximum - Minimum})");
}
