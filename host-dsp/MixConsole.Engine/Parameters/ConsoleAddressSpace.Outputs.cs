using System.Globalization;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// The X32's output patch (<c>/outputs</c>, fw 4.06): for each physical output its source, tap point and polarity
/// (the recorder's two carry no polarity), and a delay on the main outputs. This console's outputs follow its
/// hardware profile, so every leaf is kept for compatibility: stored, echoed and saved so X32 apps read a whole console.
/// </summary>
public static partial class ConsoleAddressSpace
{
    private const string OutputsKept = Kept + "outputs here follow the hardware profile, not an X32 output patch";

    private static readonly ParameterSpec OutputSource = ParameterSpec.Index(77, 0, OutputsKept);
    private static readonly ParameterSpec OutputTap = ParameterSpec.Enum(
        ["IN/LC", "IN/LC+M", "<-EQ", "<-EQ+M", "EQ->", "EQ->+M", "PRE", "PRE+M", "POST"], 8, OutputsKept);
    private static readonly ParameterSpec OutputInvert = ParameterSpec.Bool(false, OutputsKept);
    private static readonly ParameterSpec OutputDelayOn = ParameterSpec.Bool(false, OutputsKept);
    private static readonly ParameterSpec OutputDelayTime = ParameterSpec.Linear(0.3, 500, 0.1, "ms", 0.3, OutputsKept);

    private static void AddOutputs(ParameterTableBuilder builder)
    {
        AddOutputBank(builder, "main", 16, invert: true, delay: true);
        AddOutputBank(builder, "aux", 6, invert: true, delay: false);
        AddOutputBank(builder, "p16", 16, invert: true, delay: false);
        AddOutputBank(builder, "aes", 2, invert: true, delay: false);
        AddOutputBank(builder, "rec", 2, invert: false, delay: false);
    }

    private static void AddOutputBank(ParameterTableBuilder builder, string bank, int outputs, bool invert, bool delay)
    {
        for (int output = 1; output <= outputs; output++)
        {
            string node = "/outputs/" + bank + "/" + output.ToString("00", CultureInfo.InvariantCulture);
            builder.Add(node + "/src", OutputSource);
            builder.Add(node + "/pos", OutputTap);
            if (invert) builder.Add(node + "/invert", OutputInvert);
            if (!delay) continue;
            builder.Add(node + "/delay/on", OutputDelayOn);
            builder.Add(node + "/delay/time", OutputDelayTime);
        }
    }
}
