using MixConsole.Engine.Metering;

namespace MixConsole.Control.Meters;

/// <summary>
/// RMS over the last <see cref="WindowMs"/> ms, integrated on the control side from the engine's meter windows: the
/// audio thread only sums squares over each 1/30 s window and publishes that window's RMS; here the mean squares of
/// the newest <see cref="Windows"/> windows are averaged (a window lasts at least 1/30 s, a block more when the block
/// does not divide it). One control thread; allocates nothing after construction.
/// </summary>
public sealed class RmsWindow
{
    /// <summary>The integration time, as a console's RMS (VU-like) meter: 300 ms.</summary>
    public const int WindowMs = 300;

    /// <summary>Engine meter windows averaged: 9 of 1/30 s.</summary>
    public const int Windows = (int)(WindowMs * MixerMeters.PublishRateHz / 1000);

    private readonly float[] _meanSquares;
    private int _next;
    private int _filled;

    /// <summary>Integrates <paramref name="meters"/> signals side by side.</summary>
    public RmsWindow(int meters)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(meters);
        Meters = meters;
        _meanSquares = new float[meters * Windows];
    }

    /// <summary>Signals integrated.</summary>
    public int Meters { get; }

    /// <summary>Adds one engine window: the RMS of each signal over it, <see cref="Meters"/> values.</summary>
    public void Add(ReadOnlySpan<float> windowRms)
    {
        Span<float> row = _meanSquares.AsSpan(_next * Meters, Meters);
        for (int m = 0; m < Meters; m++) row[m] = windowRms[m] * windowRms[m];
        _next = (_next + 1) % Windows;
        _filled = Math.Min(_filled + 1, Windows);
    }

    /// <summary>Signal <paramref name="meter"/>'s RMS over the windows added so far, up to <see cref="Windows"/> of them; 0 before any.</summary>
    public float Rms(int meter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(meter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(meter, Meters);
        if (_filled == 0) return 0f;
        double sum = 0;
        for (int w = 0; w < _filled; w++) sum += _meanSquares[w * Meters + meter];
        return (float)Math.Sqrt(sum / _filled);
    }
}
