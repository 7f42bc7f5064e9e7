namespace MixConsole.Control.Meters;

/// <summary>
/// The X32's banks 3 to 16 (Maillot's protocol document, fw 4.06), with this console's values where it has them and
/// silence (or no reduction, for a gain) where it has not:
/// <list type="bullet">
/// <item>3 (22): aux sends 1-6 (none here), aux returns 1-8 (the aux inputs), effect returns 1-8.</item>
/// <item>4 (82): input channels 1-32 (pre-fader), aux returns 1-8, outputs 1-16, P16 1-16, aux sends 1-6, AES 1-2,
/// monitor 1-2: the channels here (the aux inputs are metered after their faders only).</item>
/// <item>5 (27) chosen by two arguments: 16 strips (0 channels 1-16, 1 channels 17-32, 2 aux and effect returns,
/// 3 buses), 8 groups (1 buses 1-8, 2 buses 9-16, 3 matrices), main left, right, mono (post-fader).</item>
/// <item>6 (4) for strip 0-71 (channels 0-31, aux returns 32-39, effect returns 40-47, buses 48-63, matrices 64-69,
/// main 70, mono 71): level after trim, gate gain, compressor gain, level after fader.</item>
/// <item>7 (16) bus sends: the buses here. 8 (6) matrix sends, 9 (32) effect sends and returns, 10 (32) and
/// 14 (80) effect meters, 11 (5) monitor, 12 (4) recorder: none here.</item>
/// <item>13 (48): channels 1-32 post-fader, aux returns 1-8 (the aux inputs), effect returns 1-8.</item>
/// <item>15 (50 words): the RTA's 100 bands as little-endian shorts of dB x 256: no RTA here, every band at -128 dB.</item>
/// <item>16 (48 words): gate gains of 32 channels, compressor gains of 32 channels, 16 buses, 6 matrices, main and
/// mono, as shorts of gain x 32767 (the buses' and main's compressors are metered here); then 8 automix gains as log2(gain) x 256: no automixer here (0).</item>
/// </list>
/// </summary>
public sealed partial class MeterBank
{
    private const int SurfaceStripGroups = 4, SurfaceBusGroups = 3, SurfaceVariants = SurfaceStripGroups * SurfaceBusGroups;
    private const int StripVariants = 72;

    // Short-integer banks: an RTA band with no analyser (-128 dB) and an automix gain with no automixer (log2 1 = 0).
    private const int RtaFloor = -3;
    private const int NoAutomix = -4;

    private const int X32AuxSends = 6;

    /// <summary>
    /// The stream for bank <paramref name="number"/> with its arguments (bank 5: strip and group selection;
    /// bank 6: the strip): the bank itself for banks without arguments; -1 when an argument is out of range.
    /// </summary>
    public static int Topic(int number, int first, int second) => number switch
    {
        5 when first is >= 0 and < SurfaceStripGroups && second is >= 1 and <= SurfaceBusGroups =>
            BankCount + first * SurfaceBusGroups + second - 1,
        6 when first is >= 0 and < StripVariants => BankCount + SurfaceVariants + first,
        5 or 6 => -1,
        _ => number,
    };

    /// <summary>How many leading int arguments of a request choose among bank <paramref name="number"/>'s variants.</summary>
    public static int ArgumentCount(int number) => number switch { 5 => 2, 6 => 1, _ => 0 };

    private static bool TryCreateX32Bank(int number, int first, int second, OscMeterLayout layout, out MeterBank bank)
    {
        var indices = new List<int>();
        bool shorts = false;
        switch (number)
        {
            case 3:
                AddMissing(indices, X32AuxSends, Silent);
                AddReturns(indices, layout);
                break;
            case 4:
                AddChannels(indices, layout, layout.ChannelPreFader, Silent);
                AddMissing(indices, X32AuxInputs + 16 + 16 + X32AuxSends + 2 + 2, Silent);
                break;
            case 5:
                AddSurfaceStrips(indices, layout, first);
                AddSurfaceGroups(indices, layout, second);
                indices.Add(layout.MainLeft);
                indices.Add(layout.MainRight);
                indices.Add(layout.MainMono);
                break;
            case 6:
                AddStrip(indices, layout, first);
                break;
            case 7:
                AddBuses(indices, layout);
                break;
            case 13:
                AddChannels(indices, layout, layout.ChannelPostFader, Silent);
                AddReturns(indices, layout);
                break;
            case 15:
                AddMissing(indices, 100, RtaFloor);
                shorts = true;
                break;
            case 16:
                AddChannels(indices, layout, layout.ChannelGateGain, NoReduction);
                AddChannels(indices, layout, layout.ChannelCompressorGain, NoReduction);
                AddDynamicsGains(indices, layout);
                AddMissing(indices, 8, NoAutomix);
                shorts = true;
                break;
            case 8 or 9 or 10 or 11 or 12 or 14:
                AddMissing(indices, number switch { 8 => X32Matrices, 9 or 10 => 32, 11 => 5, 12 => 4, _ => 80 }, Silent);
                break;
            default:
                bank = null!;
                return false;
        }

        bank = new MeterBank(number, [.. indices], shorts);
        return true;
    }

    private static void AddVariants(MeterBank?[] banks, OscMeterLayout layout)
    {
        for (int strips = 0; strips < SurfaceStripGroups; strips++)
        {
            for (int groups = 1; groups <= SurfaceBusGroups; groups++)
            {
                TryCreateX32Bank(5, strips, groups, layout, out MeterBank bank);
                banks[Topic(5, strips, groups)] = bank;
            }
        }

        for (int strip = 0; strip < StripVariants; strip++)
        {
            TryCreateX32Bank(6, strip, 0, layout, out MeterBank bank);
            banks[Topic(6, strip, 0)] = bank;
        }
    }

    // 16 strip meters of the console surface: channels 1-16 or 17-32, the aux and effect returns or the buses.
    private static void AddSurfaceStrips(List<int> indices, OscMeterLayout layout, int group)
    {
        if (group == 2)
        {
            AddReturns(indices, layout);
            return;
        }

        for (int i = 0; i < 16; i++)
        {
            int channel = group * 16 + i, bus = i;
            indices.Add(group switch
            {
                0 or 1 => channel < layout.Channels ? layout.ChannelPostFader(channel) : Silent,
                3 => bus < layout.Buses ? layout.BusPostFader(bus) : Silent,
                _ => Silent,
            });
        }
    }

    // 8 group meters: buses 1-8, buses 9-16 or the matrices (6, then two unused).
    private static void AddSurfaceGroups(List<int> indices, OscMeterLayout layout, int group)
    {
        if (group == 3)
        {
            AddMatrices(indices, layout);
            AddMissing(indices, 8 - X32Matrices, Silent);
            return;
        }

        for (int i = 0; i < 8; i++)
        {
            int bus = (group - 1) * 8 + i;
            indices.Add(group < 3 && bus < layout.Buses ? layout.BusPostFader(bus) : Silent);
        }
    }

    // One strip's level after trim, gate gain, compressor gain and level after fader, in the X32's strip numbering.
    private static void AddStrip(List<int> indices, OscMeterLayout layout, int strip)
    {
        int bus = strip - 48, aux = strip - 32, side = strip - 40, matrix = strip - 64;
        if (strip < layout.Channels && strip < X32Channels)
        {
            indices.AddRange([layout.ChannelPreFader(strip), layout.ChannelGateGain(strip), layout.ChannelCompressorGain(strip), layout.ChannelPostFader(strip)]);
            return;
        }

        int after = strip switch
        {
            >= 32 and < 40 when aux < layout.AuxInputs => layout.AuxInputPostFader(aux),
            >= 40 and < 48 when side < 2 * layout.FxSlots => layout.FxReturnPostFader(side),
            >= 48 and < 64 when bus < layout.Buses => layout.BusPostFader(bus),
            >= 64 and < 70 when matrix < layout.Matrices => layout.MatrixPostFader(matrix),
            70 => layout.MainLeft,
            71 => layout.MainMono,
            _ => Silent,
        };
        indices.AddRange([Silent, NoReduction, NoReduction, after]);
    }

    // A value of a short-integer bank: RTA dB x 256, automix log2(gain) x 256, otherwise gain x 32767.
    private static short Short(int index, float value) => index switch
    {
        RtaFloor => short.MinValue,
        NoAutomix => 0,
        _ => (short)Math.Clamp(MathF.Round(value * short.MaxValue), 0f, short.MaxValue),
    };
}
