using MixConsole.Dsp.Preview;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// The mastering box's translation preview: which playback system the monitor outputs imitate. Monitoring, not
/// the mix: console state (scenes neither save nor recall it), and the print never passes through it.
/// </summary>
public static partial class ConsoleAddressSpace
{
    /// <summary>Path of the preview parameter: an enum of off and the <see cref="PreviewCurves"/> names, in <see cref="PreviewSystem"/> order.</summary>
    public const string PreviewPath = "/master/preview";

    /// <summary>The preview parameter's typed key (bind it with <see cref="ParameterTable.Bind"/>).</summary>
    public static ParameterKey PreviewKey => new(ParameterOwner.Master, 1, ParameterRole.MasterPreview);

    private static readonly ParameterSpec Preview = ParameterSpec.Enum(PreviewLabels(), 0,
        "Translation preview on the monitor outputs (serve --mode mastering, outputs 3-4), never on the print: "
        + "off, or the playback system imitated (curves: host-dsp/MixConsole.Dsp/Preview/README.md)").AsConsoleState();

    private static void AddPreview(ParameterTableBuilder builder) => builder.Add(PreviewPath, Preview, PreviewKey);

    private static string[] PreviewLabels()
    {
        var labels = new string[PreviewCurves.All.Count + 1];
        labels[0] = "off";
        for (int i = 0; i < PreviewCurves.All.Count; i++) labels[(int)PreviewCurves.All[i].System] = PreviewCurves.All[i].Name;
        return labels;
    }
}
