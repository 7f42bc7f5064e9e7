using System.Globalization;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// Everything about a parameter except where it lives: kind, unit, range, step grid, mapping,
/// default, labels. One spec is shared by every instance (all 32 channel faders use one).
/// Real values are what the DSP uses (dB, Hz, ms, %, a choice's position); normalised values are the
/// 0..1 OSC floats. Every real value a spec hands out lies on its step grid.
/// A spec also says whether the value is part of a mix (<see cref="InScenes"/>) or console state that
/// scenes leave alone, such as the strip selection.
/// </summary>
public sealed class ParameterSpec
{
    // Grids up to this size are tabulated; a finer one (an X32 effect par's float) is computed point by point.
    private const int LargestTabulatedGrid = 1 << 16;

    private readonly float[]? _grid;
    private readonly ParameterMapping? _mapping;
    private readonly string[] _labels;

    private ParameterSpec(
        ParameterKind kind,
        ParameterMapping? mapping,
        int stepCount,
        string unit,
        string description,
        DisplayStyle style,
        double defaultReal,
        string[] labels,
        int maxLength,
        string defaultText)
    {
        Kind = kind;
        InScenes = true;
        NodeDecimals = 1;
        _mapping = mapping;
        StepCount = stepCount;
        Unit = unit;
        Description = description;
        Style = style;
        _labels = labels;
        MaxLength = maxLength;
        DefaultText = defaultText;
        float min = float.PositiveInfinity;
        float max = float.NegativeInfinity;
        if (stepCount <= LargestTabulatedGrid)
        {
            _grid = new float[stepCount];
            for (int k = 0; k < stepCount; k++)
            {
                _grid[k] = (float)mapping!.RealAtGridIndex(k, stepCount);
                min = Math.Min(min, _grid[k]);
                max = Math.Max(max, _grid[k]);
            }
        }
        else
        {
            // Only monotonic mappings get grids this fine: the ends are the extremes.
            float first = (float)mapping!.RealAtGridIndex(0, stepCount), last = (float)mapping.RealAtGridIndex(stepCount - 1, stepCount);
            (min, max) = (Math.Min(first, last), Math.Max(first, last));
        }

        if (mapping is not null)
        {
            Minimum = min;
            Maximum = max;
            DefaultGridIndex = mapping.GridIndexOfReal(defaultReal, stepCount);
            Default = RealAt(DefaultGridIndex);
        }
    }

    private ParameterSpec(ParameterSpec other, bool inScenes, int nodeDecimals, bool nodeSigned)
    {
        Kind = other.Kind;
        InScenes = inScenes;
        NodeDecimals = nodeDecimals;
        NodeSigned = nodeSigned;
        _mapping = other._mapping;
        StepCount = other.StepCount;
        Unit = other.Unit;
        Description = other.Description;
        Style = other.Style;
        _labels = other._labels;
        MaxLength = other.MaxLength;
        DefaultText = other.DefaultText;
        _grid = other._grid;
        Minimum = other.Minimum;
        Maximum = other.Maximum;
        DefaultGridIndex = other.DefaultGridIndex;
        Default = other.Default;
    }

    /// <summary>What the parameter holds.</summary>
    public ParameterKind Kind { get; }

    /// <summary>
    /// True (the usual case) when the value is part of a mix: scenes save and recall it. False for console
    /// state such as the strip selection <c>/-stat/selidx</c>, which an X32 scene or snapshot never stores
    /// or recalls: a scene file does not write it, and loading one leaves it as it is.
    /// </summary>
    public bool InScenes { get; }

    /// <summary>Decimals of the number in an X32 <c>/node</c> line (trim "+0.0" 1, EQ gain "+0.00" 2, attack "10" 0).</summary>
    public int NodeDecimals { get; }

    /// <summary>Whether an X32 <c>/node</c> line writes a '+' before positive numbers (trim, EQ gain) or not (threshold, mix).</summary>
    public bool NodeSigned { get; }

    /// <summary>Unit of the real value ("dB", "Hz", "ms", "%", "" when none).</summary>
    public string Unit { get; }

    /// <summary>One line saying what the parameter does, for documents and tooltips.</summary>
    public string Description { get; }

    /// <summary>How the value is written for people.</summary>
    public DisplayStyle Style { get; }

    /// <summary>Number of points on the step grid (2 for a switch, 1024 for a fader); 0 for text.</summary>
    public int StepCount { get; }

    /// <summary>The curve between normalised and real values.</summary>
    /// <exception cref="InvalidOperationException">The parameter is text, which has no mapping.</exception>
    public ParameterMapping Mapping =>
        _mapping ?? throw new InvalidOperationException("text parameters have no numeric mapping");

    /// <summary>Smallest real value on the grid (-inf for faders).</summary>
    public float Minimum { get; }

    /// <summary>Largest real value on the grid.</summary>
    public float Maximum { get; }

    /// <summary>Default real value (on the grid); 0 for text.</summary>
    public float Default { get; }

    /// <summary>Grid point of <see cref="Default"/>.</summary>
    public int DefaultGridIndex { get; }

    /// <summary>Default text of a text parameter; empty otherwise.</summary>
    public string DefaultText { get; }

    /// <summary>Labels of an enum's choices or a switch's OFF/ON, by position; empty otherwise.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Longest text accepted by a text parameter; 0 otherwise.</summary>
    public int MaxLength { get; }

    /// <summary>OSC type tag of the value on the wire: 'f' float 0..1, 'i' int, 's' string.</summary>
    public char WireTypeTag => Kind switch
    {
        ParameterKind.Float => 'f',
        ParameterKind.String => 's',
        _ => 'i',
    };

    /// <summary>A fader on the X32 law: 1024 steps, -inf..+10 dB.</summary>
    public static ParameterSpec Fader(double defaultDb, string description) =>
        new(ParameterKind.Float, FaderLawMapping.Instance, 1024, "dB", description, DisplayStyle.Number, defaultDb, [], 0, "");

    /// <summary>A linear value from <paramref name="minimum"/> to <paramref name="maximum"/> in steps of <paramref name="step"/>.</summary>
    /// <exception cref="ArgumentException">The step does not divide the range into whole steps.</exception>
    public static ParameterSpec Linear(double minimum, double maximum, double step, string unit, double defaultValue, string description, DisplayStyle style = DisplayStyle.Number)
    {
        double steps = (maximum - minimum) / step;
        int whole = (int)Math.Round(steps);
        if (!(step > 0) || whole < 1 || Math.Abs(steps - whole) > 1e-9 * Math.Max(1, whole))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"step {step} does not divide {minimum}..{maximum} into whole steps"));
        }

        return new(ParameterKind.Float, new LinearMapping(minimum, maximum), whole + 1, unit, description, style, defaultValue, [], 0, "");
    }

    /// <summary>A logarithmic value from <paramref name="realAtZero"/> to <paramref name="realAtOne"/> on <paramref name="stepCount"/> points.</summary>
    public static ParameterSpec Log(double realAtZero, double realAtOne, int stepCount, string unit, double defaultValue, string description)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepCount, 2);
        return new(ParameterKind.Float, new LogMapping(realAtZero, realAtOne), stepCount, unit, description, DisplayStyle.Number, defaultValue, [], 0, "");
    }

    /// <summary>A value chosen from a fixed increasing list (one grid point each).</summary>
    public static ParameterSpec Table(IReadOnlyList<double> values, string unit, double defaultValue, string description, DisplayStyle style = DisplayStyle.Number)
    {
        var mapping = new TableMapping(values);
        return new(ParameterKind.Float, mapping, mapping.Values.Count, unit, description, style, defaultValue, [], 0, "");
    }

    /// <summary>A choice among <paramref name="labels"/>; the real value is the chosen position.</summary>
    public static ParameterSpec Enum(IReadOnlyList<string> labels, int defaultIndex, string description, string unit = "")
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count < 2 || defaultIndex < 0 || defaultIndex >= labels.Count)
        {
            throw new ArgumentException("an enum needs at least two labels and a default among them");
        }

        var copy = new string[labels.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = labels[i];
        }

        return new(ParameterKind.Enum, new IntegerMapping(0, copy.Length - 1, "enum"), copy.Length, unit, description, DisplayStyle.Label, defaultIndex, copy, 0, "");
    }

    /// <summary>A whole number 0..<paramref name="count"/>-1 that names something (the X32 strip selection), shown as the number.</summary>
    public static ParameterSpec Index(int count, int defaultIndex, string description)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 1 << 24); // whole numbers stay exact in a float up to 2^24
        ArgumentOutOfRangeException.ThrowIfNegative(defaultIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(defaultIndex, count);
        return new(ParameterKind.Int, new IntegerMapping(0, count - 1, "index"), count, "", description, DisplayStyle.Number, defaultIndex, [], 0, "");
    }

    /// <summary>A switch, 0 = OFF, 1 = ON.</summary>
    public static ParameterSpec Bool(bool defaultOn, string description) =>
        new(ParameterKind.Bool, new IntegerMapping(0, 1, "bool"), 2, "", description, DisplayStyle.Label, defaultOn ? 1 : 0, ["OFF", "ON"], 0, "");

    /// <summary>A membership bitmap of <paramref name="bits"/> bits (bit n = member n + 1), default empty.</summary>
    public static ParameterSpec Bitmap(int bits, string description)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 24); // whole numbers stay exact in a float up to 2^24
        return new(ParameterKind.Int, new IntegerMapping(0, (1 << bits) - 1, "bitmap"), 1 << bits, "", description, DisplayStyle.Bitmap, 0, [], 0, "");
    }

    /// <summary>Text of at most <paramref name="maxLength"/> printable characters.</summary>
    public static ParameterSpec Text(int maxLength, string defaultText, string description)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        ArgumentNullException.ThrowIfNull(defaultText);
        var spec = new ParameterSpec(ParameterKind.String, null, 0, "", description, DisplayStyle.Text, 0, [], maxLength, defaultText);
        if (!spec.IsValidText(defaultText))
        {
            throw new ArgumentException($"default text \"{defaultText}\" is not valid for this parameter");
        }

        return spec;
    }

    /// <summary>
    /// The same spec declared as console state rather than part of a mix (<see cref="InScenes"/> false):
    /// scenes neither save nor recall it. Everything else (grid, range, default, wire form) is unchanged.
    /// </summary>
    public ParameterSpec AsConsoleState() => InScenes ? new ParameterSpec(this, inScenes: false, NodeDecimals, NodeSigned) : this;

    /// <summary>The same spec written in X32 <c>/node</c> lines with <paramref name="decimals"/> decimals, '+' on positives when <paramref name="signed"/>.</summary>
    public ParameterSpec InNodeAs(int decimals, bool signed = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 3);
        return new ParameterSpec(this, InScenes, decimals, signed);
    }

    /// <summary>Real value of grid point <paramref name="gridIndex"/> (0..StepCount-1).</summary>
    public float RealAt(int gridIndex) => _grid is not null ? _grid[gridIndex] : (float)_mapping!.RealAtGridIndex(gridIndex, StepCount);

    /// <summary>Normalised (wire) value of grid point <paramref name="gridIndex"/>: index / (StepCount - 1).</summary>
    public float NormalizedAt(int gridIndex) => ParameterGrid.NormalizedAt(gridIndex, StepCount);

    /// <summary>Grid point nearest to a real value (clamped into range).</summary>
    public int GridIndexOfReal(float real) => _mapping is null ? 0 : _mapping.GridIndexOfReal(real, StepCount);

    /// <summary>Grid point nearest to a normalised value (clamped to 0..1).</summary>
    public int GridIndexOfNormalized(float normalized) => ParameterGrid.IndexOfNormalized(normalized, StepCount);

    /// <summary>The grid value nearest to <paramref name="real"/>.</summary>
    public float SnapReal(float real) => RealAt(GridIndexOfReal(real));

    /// <summary>Normalised (wire) value of the grid point nearest to <paramref name="real"/>.</summary>
    public float ToNormalized(float real) => NormalizedAt(GridIndexOfReal(real));

    /// <summary>Real value of the grid point nearest to the normalised value <paramref name="normalized"/>.</summary>
    public float FromNormalized(float normalized) => RealAt(GridIndexOfNormalized(normalized));

    /// <summary>
    /// True when <paramref name="real"/> is a number inside <see cref="Minimum"/>..<see cref="Maximum"/>
    /// (and whole for ints, enums and switches): a value a setter accepts and snaps.
    /// </summary>
    public bool IsValidReal(float real)
    {
        if (_mapping is null || float.IsNaN(real) || real < Minimum || real > Maximum)
        {
            return false;
        }

        return Kind == ParameterKind.Float || real == MathF.Round(real);
    }

    /// <summary>True when <paramref name="text"/> fits a text parameter: at most MaxLength printable ASCII characters.</summary>
    public bool IsValidText(string? text)
    {
        if (Kind != ParameterKind.String || text is null || text.Length > MaxLength)
        {
            return false;
        }

        foreach (char c in text)
        {
            // Printable ASCII only: small surface displays and X32 apps show nothing else reliably.
            if (c < ' ' || c > '~')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Position of an enum or switch label (case-insensitive), e.g. "PEQ" -> 2, "on" -> 1.</summary>
    public bool TryGetLabelIndex(ReadOnlySpan<char> label, out int position)
    {
        for (int i = 0; i < _labels.Length; i++)
        {
            if (label.Equals(_labels[i], StringComparison.OrdinalIgnoreCase))
            {
                position = i;
                return true;
            }
        }

        position = -1;
        return false;
    }
}
