namespace MixConsole.Engine.Parameters;

/// <summary>
/// The curve between a parameter's normalised 0..1 OSC value and its real value (dB, Hz, ms, ...).
/// Continuous in both directions; the step grid of <see cref="ParameterSpec"/> snaps on top of it.
/// </summary>
public abstract class ParameterMapping
{
    /// <summary>Short name for documents, e.g. "fader law", "log", "linear".</summary>
    public abstract string Name { get; }

    /// <summary>Real value at the normalised position <paramref name="normalized"/> (0..1).</summary>
    public abstract double ToReal(double normalized);

    /// <summary>Normalised position (clamped to 0..1) of the real value <paramref name="real"/>.</summary>
    public abstract double ToNormalized(double real);

    /// <summary>Real value of grid point <paramref name="gridIndex"/> on a grid of <paramref name="stepCount"/> points.</summary>
    public virtual double RealAtGridIndex(int gridIndex, int stepCount) =>
        ToReal(stepCount <= 1 ? 0.0 : gridIndex / (double)(stepCount - 1));

    /// <summary>Grid point nearest to <paramref name="real"/>, measured along the normalised axis.</summary>
    public virtual int GridIndexOfReal(double real, int stepCount) =>
        ParameterGrid.IndexOfNormalized(ToNormalized(real), stepCount);

    /// <summary>One line for the address-space document: the formula in words.</summary>
    public abstract string Describe();
}
