using System.Globalization;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// The X32's patching and hardware set-up under <c>/config</c> (fw 4.06): user routing, the block routing of
/// inputs, AES50 A/B, card, outputs and playback, the user-assignable controls and the DP48 personal-mixer hub.
/// None acts here (this console's inputs and outputs follow its hardware profile, it has no AES50 ports, card,
/// assignable controls or DP48 hub), so every leaf is kept: stored, echoed and saved so X32 apps read a whole console.
/// </summary>
public static partial class ConsoleAddressSpace
{
    private const string RoutingKept = Kept + "inputs and outputs here follow the hardware profile (no X32 patch, AES50 or card)";
    private const string UserControlKept = Kept + "no assignable X32 controls on this console's surface";
    private const string Dp48Kept = Kept + "no AES50 port for a DP48 personal-mixer hub here";

    // The X32's 8-channel blocks: local inputs, AES50 A, AES50 B, card; outputs add its outputs and P16 sends.
    private static readonly string[] InputBlocks = Blocks(8, 0, ("AN", 4), ("A", 6), ("B", 6), ("CARD", 4));
    private static readonly string[] AuxInputBlocks =
        ["AUX1-4", "AN1-2", "AN1-4", "AN1-6", "A1-2", "A1-4", "A1-6", "B1-2", "B1-4", "B1-6", "CARD1-2", "CARD1-4", "CARD1-6"];
    private static readonly string[] OutputBlocks =
        [.. Blocks(8, 0, ("AN", 4), ("A", 6), ("B", 6), ("CARD", 4), ("OUT", 2), ("P16", 2)), "AUX1-6/Mon", "AuxIN1-6/TB"];

    // Output routing goes by 4: the first half of each 8 (outputs 1-4, 9-12) or the second (5-8, 13-16).
    private static readonly string[] OutputFirstHalves =
        [.. Blocks(4, 0, ("AN", 4), ("A", 6), ("B", 6), ("CARD", 4), ("OUT", 2), ("P16", 2)), "AUX/CR", "AUX/TB"];
    private static readonly string[] OutputSecondHalves =
        [.. Blocks(4, 4, ("AN", 4), ("A", 6), ("B", 6), ("CARD", 4), ("OUT", 2), ("P16", 2)), "AUX/CR", "AUX/TB"];

    private static readonly ParameterSpec RoutingSwitch = ParameterSpec.Enum(["REC", "PLAY"], 0, RoutingKept);
    private static readonly ParameterSpec[] InputBlockByPosition =
    [
        ParameterSpec.Enum(InputBlocks, 0, RoutingKept), ParameterSpec.Enum(InputBlocks, 1, RoutingKept),
        ParameterSpec.Enum(InputBlocks, 2, RoutingKept), ParameterSpec.Enum(InputBlocks, 3, RoutingKept),
    ];
    private static readonly ParameterSpec AuxInputBlock = ParameterSpec.Enum(AuxInputBlocks, 0, RoutingKept);
    private static readonly ParameterSpec OutputBlock = ParameterSpec.Enum(OutputBlocks, 0, RoutingKept);
    private static readonly ParameterSpec OutputFirstHalf = ParameterSpec.Enum(OutputFirstHalves, 0, RoutingKept);
    private static readonly ParameterSpec OutputSecondHalf = ParameterSpec.Enum(OutputSecondHalves, 0, RoutingKept);

    // User routing: 0 off, 1-32 local inputs, 33-80 AES50 A, 81-128 AES50 B, 129-160 card, 161-166 aux inputs,
    // 167-168 talkback; outputs may also take 169-184 outputs, 185-200 P16, 201-206 aux outputs, 207-208 monitor.
    private static readonly ParameterSpec UserInputSource = ParameterSpec.Index(169, 0, RoutingKept);
    private static readonly ParameterSpec UserOutputSource = ParameterSpec.Index(209, 0, RoutingKept);

    private static readonly ParameterSpec UserControlColor = ParameterSpec.Enum(
        ["OFF", "RD", "GN", "YE", "BL", "MG", "CY", "WH", "OFFi", "RDi", "GNi", "YEi", "BLi", "MGi", "CYi", "WHi"], 0, UserControlKept);
    private static readonly ParameterSpec UserControlAssignment = ParameterSpec.Text(16, "-", UserControlKept);

    private static readonly ParameterSpec Dp48Scope = ParameterSpec.Bitmap(4, Dp48Kept);
    private static readonly ParameterSpec Dp48Switch = ParameterSpec.Index(2, 0, Dp48Kept);
    private static readonly ParameterSpec Dp48Link = ParameterSpec.Bool(false, Dp48Kept);
    private static readonly ParameterSpec Dp48GroupName = ParameterSpec.Text(NameLength, "", Dp48Kept);

    private static void AddRouting(ParameterTableBuilder builder)
    {
        AddNumbered(builder, "/config/userrout/in/", 32, UserInputSource);
        AddNumbered(builder, "/config/userrout/out/", 48, UserOutputSource);

        builder.Add("/config/routing/routswitch", RoutingSwitch);
        AddInputRouting(builder, "/config/routing/IN/");
        AddBlocks(builder, "/config/routing/AES50A/", 6);
        AddBlocks(builder, "/config/routing/AES50B/", 6);
        AddBlocks(builder, "/config/routing/CARD/", 4);
        // The X32 lists its output blocks as 1-4, 9-12, 5-8, 13-16.
        builder.Add("/config/routing/OUT/1-4", OutputFirstHalf);
        builder.Add("/config/routing/OUT/9-12", OutputFirstHalf);
        builder.Add("/config/routing/OUT/5-8", OutputSecondHalf);
        builder.Add("/config/routing/OUT/13-16", OutputSecondHalf);
        AddInputRouting(builder, "/config/routing/PLAY/");

        foreach (string bank in (ReadOnlySpan<string>)["A", "B", "C"])
        {
            string node = "/config/userctrl/" + bank;
            builder.Add(node + "/color", UserControlColor);
            for (int encoder = 1; encoder <= 4; encoder++) builder.Add(node + "/enc/" + encoder.ToString(CultureInfo.InvariantCulture), UserControlAssignment);
            for (int button = 5; button <= 12; button++) builder.Add(node + "/btn/" + button.ToString(CultureInfo.InvariantCulture), UserControlAssignment);
        }

        builder.Add("/config/dp48/scope", Dp48Scope);
        builder.Add("/config/dp48/broadcast", Dp48Switch);
        builder.Add("/config/dp48/aesAB", Dp48Switch);
        AddNumbered(builder, "/config/dp48/link/", 24, Dp48Link);
        AddNumbered(builder, "/config/dp48/grpname/", 12, Dp48GroupName);
    }

    private static void AddInputRouting(ParameterTableBuilder builder, string node)
    {
        for (int block = 0; block < 4; block++)
        {
            builder.Add(node + Block(block, 8), InputBlockByPosition[block]);
        }

        builder.Add(node + "AUX", AuxInputBlock);
    }

    private static void AddBlocks(ParameterTableBuilder builder, string node, int blocks)
    {
        for (int block = 0; block < blocks; block++)
        {
            builder.Add(node + Block(block, 8), OutputBlock);
        }
    }

    // "/config/userrout/in/01": the X32 numbers these leaves with two digits.
    private static void AddNumbered(ParameterTableBuilder builder, string node, int count, ParameterSpec spec)
    {
        for (int n = 1; n <= count; n++)
        {
            builder.Add(node + n.ToString("00", CultureInfo.InvariantCulture), spec);
        }
    }

    // "9-16": block of the given size at a position.
    private static string Block(int position, int size) =>
        string.Create(CultureInfo.InvariantCulture, $"{position * size + 1}-{(position + 1) * size}");

    // "AN1-8 AN9-16 ... A1-8 ...": for each prefix, its blocks of 8 channels, labelled by the size-wide part from offset.
    private static string[] Blocks(int size, int offset, params ReadOnlySpan<(string Prefix, int Blocks)> sources)
    {
        var labels = new List<string>();
        foreach (var (prefix, blocks) in sources)
        {
            for (int block = 0; block < blocks; block++)
            {
                int first = block * 8 + offset + 1;
                labels.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}{first}-{first + size - 1}"));
            }
        }

        return [.. labels];
    }
}
