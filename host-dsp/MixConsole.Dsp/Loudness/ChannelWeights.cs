namespace MixConsole.Dsp.Loudness;

/// <summary>
/// Per-channel power weights G_i of ITU-R BS.1770-5: 1.0 for front and centre channels, 1.41
/// (+1.5 dB) for surrounds in the 60..120 degree zone at ear height, 0 for LFE (excluded).
/// Immutable; build one from a channel count, a WAVE channel mask or explicit values.
/// </summary>
public sealed class ChannelWeights
{
    /// <summary>Weight of a surround channel (Ls, Rs): 1.41, i.e. +1.5 dB.</summary>
    public const double SurroundWeight = 1.41;

    private readonly double[] _weights;

    private ChannelWeights(double[] weights) => _weights = weights;

    /// <summary>Number of channels described.</summary>
    public int Count => _weights.Length;

    /// <summary>Weight of channel <paramref name="channel"/>.</summary>
    /// <param name="channel">Zero-based channel index.</param>
    public double this[int channel] => _weights[channel];

    /// <summary>Uses the given weights as they are (each finite and non-negative; 0 excludes a channel).</summary>
    /// <param name="weights">One weight per channel.</param>
    public static ChannelWeights FromWeights(ReadOnlySpan<double> weights)
    {
        if (weights.IsEmpty)
            throw new ArgumentException("at least one channel weight is needed", nameof(weights));
        foreach (double w in weights)
        {
            if (!double.IsFinite(w) || w < 0)
                throw new ArgumentOutOfRangeException(nameof(weights), w, "channel weights must be finite and non-negative");
        }
        return new ChannelWeights(weights.ToArray());
    }

    /// <summary>
    /// Default layout by channel count: 1 mono, 2 L R, 3 L R C, 4 L R Ls Rs, 5 L R C Ls Rs,
    /// 6 L R C LFE Ls Rs, 8 L R C LFE Lb Rb Ls Rs (WAVE 7.1 order); any other count weighs every channel 1.0.
    /// </summary>
    /// <param name="channels">Number of channels.</param>
    public static ChannelWeights ForChannelCount(int channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        const double S = SurroundWeight;
        double[] w = channels switch
        {
            4 => [1, 1, S, S],
            5 => [1, 1, 1, S, S],
            6 => [1, 1, 1, 0, S, S],
            8 => [1, 1, 1, 0, 1, 1, S, S],
            _ => Filled(channels, 1.0),
        };
        return new ChannelWeights(w);
    }

    /// <summary>
    /// Weights from a WAVE_FORMAT_EXTENSIBLE channel mask: channels take the set bits in ascending
    /// order. LFE gets 0; side left/right get 1.41; back left/right get 1.41 when the mask has no
    /// side pair (they are then the 5.1 surrounds at about 110 degrees) and 1.0 when it has (7.1
    /// rear pair beyond 120 degrees); everything else 1.0. Channels beyond the mask's bits get 1.0.
    /// A zero mask falls back to <see cref="ForChannelCount"/>.
    /// </summary>
    /// <param name="channelMask">The file's channel mask.</param>
    /// <param name="channels">Number of channels in the file.</param>
    public static ChannelWeights FromChannelMask(WaveChannelMask channelMask, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (channelMask == WaveChannelMask.None)
            return ForChannelCount(channels);
        bool hasSidePair = (channelMask & (WaveChannelMask.SideLeft | WaveChannelMask.SideRight)) != 0;
        double[] w = Filled(channels, 1.0);
        int c = 0;
        for (int bit = 0; bit < 32 && c < channels; bit++)
        {
            var speaker = (WaveChannelMask)(1u << bit);
            if ((channelMask & speaker) == 0)
                continue;
            w[c++] = WeightOf(speaker, hasSidePair);
        }
        return new ChannelWeights(w);
    }

    /// <summary>Copies the weights into <paramref name="destination"/>.</summary>
    /// <param name="destination">At least <see cref="Count"/> long.</param>
    public void CopyTo(Span<double> destination) => _weights.CopyTo(destination);

    private static double WeightOf(WaveChannelMask speaker, bool hasSidePair) => speaker switch
    {
        WaveChannelMask.LowFrequency => 0.0,
        WaveChannelMask.SideLeft or WaveChannelMask.SideRight => SurroundWeight,
        WaveChannelMask.BackLeft or WaveChannelMask.BackRight => hasSidePair ? 1.0 : SurroundWeight,
        _ => 1.0,
    };

    private static double[] Filled(int n, double value)
    {
        var a = new double[n];
        Array.Fill(a, value);
        return a;
    }
}
