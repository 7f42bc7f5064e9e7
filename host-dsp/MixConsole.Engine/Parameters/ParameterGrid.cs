namespace MixConsole.Engine.Parameters;

/// <summary>Arithmetic of a step grid of N evenly spaced points on the normalised 0..1 axis.</summary>
public static class ParameterGrid
{
    /// <summary>Nearest grid point to a normalised value (clamped to 0..1; halves round up).</summary>
    public static int IndexOfNormalized(double normalized, int stepCount)
    {
        if (stepCount <= 1 || !(normalized > 0.0))
        {
            return 0;
        }

        if (normalized >= 1.0)
        {
            return stepCount - 1;
        }

        return (int)Math.Floor(normalized * (stepCount - 1) + 0.5);
    }

    /// <summary>Normalised value of grid point <paramref name="gridIndex"/>: index / (N - 1), as sent on the wire.</summary>
    public static float NormalizedAt(int gridIndex, int stepCount) =>
        stepCount <= 1 ? 0f : (float)(gridIndex / (double)(stepCount - 1));
}
