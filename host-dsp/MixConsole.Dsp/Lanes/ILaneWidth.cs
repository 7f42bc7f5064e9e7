namespace MixConsole.Dsp.Lanes;

/// <summary>How many channels a row of some lane kind holds.</summary>
public interface ILaneWidth
{
    /// <summary>Channels in one row of this kind.</summary>
    static abstract int Width { get; }
}
