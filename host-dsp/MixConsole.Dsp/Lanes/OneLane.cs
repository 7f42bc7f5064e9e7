namespace MixConsole.Dsp.Lanes;

/// <summary>A row of one channel: <see cref="ScalarLane{TVector}"/> of this width runs a lane kernel for a single channel.</summary>
public readonly struct OneLane : ILaneWidth
{
    /// <inheritdoc />
    public static int Width => 1;
}
