namespace MixConsole.Control.Meters;

/// <summary>
/// One meter stream a client can request with <c>/meters/N</c>: a fixed selection of snapshot values, sent
/// as one OSC blob, in the X32's layouts (its strips numbered as on the X32; a strip this console lacks reads
/// 0, a gain reduction it lacks 1.0 = none):
/// <list type="bullet">
/// <item><c>/meters/0</c> (70): channels 1-32 post-fader, aux inputs 1-8, effect returns 1-8, buses 1-16, matrices 1-6.</item>
/// <item><c>/meters/1</c> (96): channels 1-32 pre-fader, then their 32 gate gains, then their 32 compressor gains.</item>
/// <item><c>/meters/2</c> (49): buses 1-16, matrices 1-6, main left, right, mono, then the gain of 16 bus, 6 matrix,
/// the main and the mono compressors.</item>
/// <item><c>/meters/3</c> to <c>/meters/16</c>: the X32's other banks (<see cref="TryCreateX32Bank"/>).</item>
/// <item><c>/meters/20</c> (10), this console's own, served by the mastering box only: the master chain's input peak
/// left, right, output peak left, right, limiter gain, the gains of multiband bands 1-4, and the output's left/right
/// correlation (-1 to +1).</item>
/// </list>
/// </summary>
public sealed partial class MeterBank
{
    /// <summary>One above the highest bank number; numbers in between may be undefined.</summary>
    public const int BankCount = MasterChainBank + 1;

    /// <summary>Streams a client can request: the banks, then the variants of the banks that take arguments (<see cref="Topic"/>).</summary>
    public const int TopicCount = BankCount + SurfaceVariants + StripVariants;

    /// <summary>The mastering box's bank: a number the X32 does not use (its banks stop at 16).</summary>
    public const int MasterChainBank = 20;

    // Blob positions the console has nothing for: a level reads silence, a gain no reduction.
    private const int Silent = -1;
    private const int NoReduction = -2;

    private const int X32Channels = 32;
    private const int X32AuxInputs = 8;
    private const int X32FxReturns = 8;
    private const int X32Buses = 16;
    private const int X32Matrices = 6;

    private readonly int[] _indices;

    private readonly bool _shorts;

    private MeterBank(int number, int[] indices, bool shorts = false)
    {
        Number = number;
        _indices = indices;
        _shorts = shorts;
    }

    /// <summary>The N in <c>/meters/N</c>.</summary>
    public int Number { get; }

    /// <summary>32-bit words in one blob after its count (two values a word in the banks of short integers).</summary>
    public int Count => _shorts ? _indices.Length / 2 : _indices.Length;

    /// <summary>Snapshot indices in blob order; negative where the console has no such meter.</summary>
    public ReadOnlySpan<int> Indices => _indices;

    /// <summary>Bank <paramref name="number"/> over <paramref name="layout"/>; false for an undefined bank.</summary>
    public static bool TryCreate(int number, OscMeterLayout layout, out MeterBank bank)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var indices = new List<int>();
        switch (number)
        {
            case 0:
                AddChannels(indices, layout, layout.ChannelPostFader, Silent);
                AddReturns(indices, layout);
                AddBuses(indices, layout);
                AddMatrices(indices, layout);
                break;
            case 1:
                AddChannels(indices, layout, layout.ChannelPreFader, Silent);
                AddChannels(indices, layout, layout.ChannelGateGain, NoReduction);
                AddChannels(indices, layout, layout.ChannelCompressorGain, NoReduction);
                break;
            case 2:
                AddBuses(indices, layout);
                AddMatrices(indices, layout);
                indices.Add(layout.MainLeft);
                indices.Add(layout.MainRight);
                indices.Add(layout.MainMono);
                AddDynamicsGains(indices, layout);
                break;
            case MasterChainBank when layout.HasMasterChain:
                indices.Add(layout.MasterInputPeak(0));
                indices.Add(layout.MasterInputPeak(1));
                indices.Add(layout.MasterOutputPeak(0));
                indices.Add(layout.MasterOutputPeak(1));
                indices.Add(layout.MasterLimiterGain);
                for (int b = 0; b < OscMeterLayout.MasterBands; b++) indices.Add(layout.MasterBandGain(b));
                indices.Add(layout.MasterCorrelation);
                break;
            default:
                return TryCreateX32Bank(number, 0, number == 5 ? 1 : 0, layout, out bank);
        }

        bank = new MeterBank(number, [.. indices]);
        return true;
    }

    /// <summary>Every bank over <paramref name="layout"/>, indexed by number; null where none is defined.</summary>
    public static MeterBank?[] CreateAll(OscMeterLayout layout)
    {
        var banks = new MeterBank?[TopicCount];
        for (int n = 0; n < BankCount; n++)
        {
            banks[n] = TryCreate(n, layout, out MeterBank bank) ? bank : null;
        }

        AddVariants(banks, layout);
        return banks;
    }

    /// <summary>
    /// Writes the blob payload X32 clients read: a little-endian int32 count, then that many little-endian
    /// float32 values picked from <paramref name="snapshot"/>. Returns the bytes written, or 0 when it does not fit.
    /// </summary>
    public int WriteBlob(ReadOnlySpan<float> snapshot, Span<byte> destination)
    {
        int length = 4 + 4 * Count;
        if (destination.Length < length)
        {
            return 0;
        }

        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(destination, Count);
        for (int i = 0; i < _indices.Length; i++)
        {
            int index = _indices[i];
            float value = index >= 0 ? snapshot[index] : index == NoReduction ? 1f : 0f;
            if (_shorts)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(destination.Slice(4 + 2 * i, 2), Short(index, value));
            }
            else
            {
                System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(destination.Slice(4 + 4 * i, 4), value);
            }
        }

        return length;
    }

    private static void AddChannels(List<int> indices, OscMeterLayout layout, Func<int, int> meter, int missing)
    {
        for (int c = 0; c < X32Channels; c++)
        {
            indices.Add(c < layout.Channels ? meter(c) : missing);
        }
    }

    private static void AddBuses(List<int> indices, OscMeterLayout layout)
    {
        for (int b = 0; b < X32Buses; b++)
        {
            indices.Add(b < layout.Buses ? layout.BusPostFader(b) : Silent);
        }
    }

    // The X32's aux returns 1-8 (the aux inputs here), then its effect returns 1-8: the left and right of effects 1-4.
    private static void AddReturns(List<int> indices, OscMeterLayout layout)
    {
        for (int a = 0; a < X32AuxInputs; a++) indices.Add(a < layout.AuxInputs ? layout.AuxInputPostFader(a) : Silent);
        for (int r = 0; r < X32FxReturns; r++) indices.Add(r < 2 * layout.FxSlots ? layout.FxReturnPostFader(r) : Silent);
    }

    // Compressor gains of 16 buses, 6 matrices, main and mono: the buses' and main's are metered here.
    private static void AddDynamicsGains(List<int> indices, OscMeterLayout layout)
    {
        for (int b = 0; b < X32Buses; b++) indices.Add(b < layout.Buses ? layout.BusCompressorGain(b) : NoReduction);
        AddMissing(indices, X32Matrices, NoReduction);
        indices.Add(layout.MainCompressorGain);
        indices.Add(NoReduction);
    }

    private static void AddMatrices(List<int> indices, OscMeterLayout layout)
    {
        for (int m = 0; m < X32Matrices; m++)
        {
            indices.Add(m < layout.Matrices ? layout.MatrixPostFader(m) : Silent);
        }
    }

    private static void AddMissing(List<int> indices, int count, int missing)
    {
        for (int i = 0; i < count; i++)
        {
            indices.Add(missing);
        }
    }
}
