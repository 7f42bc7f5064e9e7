namespace MixConsole.Control.Meters;

/// <summary>
/// One meter stream a client can request with <c>/meters/N</c>: a fixed selection of snapshot values, sent
/// as one OSC blob. Banks (C channels, B buses):
/// <list type="bullet">
/// <item><c>/meters/0</c>: every channel's post-fader peak (C), every bus (B), main left, right, mono: the overview.</item>
/// <item><c>/meters/1</c>: per channel, in channel order: pre-fader peak, post-fader peak, gate gain, compressor gain (4 x C).</item>
/// <item><c>/meters/2</c>: every bus (B), main left, right, mono: the outputs.</item>
/// </list>
/// </summary>
public sealed class MeterBank
{
    /// <summary>Number of banks defined.</summary>
    public const int BankCount = 3;

    private readonly int[] _indices;

    private MeterBank(int number, int[] indices)
    {
        Number = number;
        _indices = indices;
    }

    /// <summary>The N in <c>/meters/N</c>.</summary>
    public int Number { get; }

    /// <summary>Values in one blob.</summary>
    public int Count => _indices.Length;

    /// <summary>Snapshot indices in blob order.</summary>
    public ReadOnlySpan<int> Indices => _indices;

    /// <summary>Bank <paramref name="number"/> over <paramref name="layout"/>; false for an undefined bank.</summary>
    public static bool TryCreate(int number, OscMeterLayout layout, out MeterBank bank)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var indices = new List<int>();
        switch (number)
        {
            case 0:
                for (int c = 0; c < layout.Channels; c++)
                {
                    indices.Add(layout.ChannelPostFader(c));
                }

                AddOutputs(layout, indices);
                break;
            case 1:
                for (int c = 0; c < layout.Channels; c++)
                {
                    indices.Add(layout.ChannelPreFader(c));
                    indices.Add(layout.ChannelPostFader(c));
                    indices.Add(layout.ChannelGateGain(c));
                    indices.Add(layout.ChannelCompressorGain(c));
                }

                break;
            case 2:
                AddOutputs(layout, indices);
                break;
            default:
                bank = null!;
                return false;
        }

        bank = new MeterBank(number, [.. indices]);
        return true;
    }

    /// <summary>Every defined bank over <paramref name="layout"/>, indexed by number.</summary>
    public static MeterBank[] CreateAll(OscMeterLayout layout)
    {
        var banks = new MeterBank[BankCount];
        for (int n = 0; n < BankCount; n++)
        {
            TryCreate(n, layout, out banks[n]);
        }

        return banks;
    }

    /// <summary>
    /// Writes the blob payload X32 clients read: a little-endian int32 count, then that many little-endian
    /// float32 values picked from <paramref name="snapshot"/>. Returns the bytes written, or 0 when it does not fit.
    /// </summary>
    public int WriteBlob(ReadOnlySpan<float> snapshot, Span<byte> destination)
    {
        int length = 4 + 4 * _indices.Length;
        if (destination.Length < length)
        {
            return 0;
        }

        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(destination, _indices.Length);
        for (int i = 0; i < _indices.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(destination.Slice(4 + 4 * i, 4), snapshot[_indices[i]]);
        }

        return length;
    }

    private static void AddOutputs(OscMeterLayout layout, List<int> indices)
    {
        for (int b = 0; b < layout.Buses; b++)
        {
            indices.Add(layout.BusPostFader(b));
        }

        indices.Add(layout.MainLeft);
        indices.Add(layout.MainRight);
        indices.Add(layout.MainMono);
    }
}
