using System.Globalization;
using System.Text;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// A fixed list of real values, one per grid point (compressor ratios as on the X32:
/// 1.1, 1.3, ... 100). Grid point k sits at f = k / (N - 1).
/// </summary>
public sealed class TableMapping : ParameterMapping
{
    private readonly double[] _values;

    /// <summary>Creates the mapping from strictly increasing finite values (at least two).</summary>
    public TableMapping(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            throw new ArgumentException("a table mapping needs at least two values", nameof(values));
        }

        _values = new double[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]) || (i > 0 && values[i] <= values[i - 1]))
            {
                throw new ArgumentException("table values must be finite and strictly increasing", nameof(values));
            }

            _values[i] = values[i];
        }
    }

    /// <summary>The values, in grid order.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <inheritdoc/>
    public override string Name => "table";

    /// <inheritdoc/>
    public override double ToReal(double normalized) => _values[ParameterGrid.IndexOfNormalized(normalized, _values.Length)];

    /// <inheritdoc/>
    public override double ToNormalized(double real) =>
        NearestIndex(real) / (double)(_values.Length - 1);

    /// <inheritdoc/>
    public override double RealAtGridIndex(int gridIndex, int stepCount) => _values[Math.Clamp(gridIndex, 0, _values.Length - 1)];

    /// <inheritdoc/>
    public override int GridIndexOfReal(double real, int stepCount) => NearestIndex(real);

    /// <inheritdoc/>
    public override string Describe()
    {
        var text = new StringBuilder("table: ");
        for (int i = 0; i < _values.Length; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(_values[i].ToString("G6", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private int NearestIndex(double real)
    {
        if (double.IsNaN(real))
        {
            return 0;
        }

        int best = 0;
        for (int i = 1; i < _values.Length; i++)
        {
            if (Math.Abs(_values[i] - real) < Math.Abs(_values[best] - real))
            {
                best = i;
            }
        }

        return best;
    }
}
