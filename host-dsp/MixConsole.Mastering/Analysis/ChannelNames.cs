namespace MixConsole.Mastering.Analysis;

/// <summary>Speaker names for channels, from a WAVE channel mask or the usual order for a channel count.</summary>
public static class ChannelNames
{
    private static readonly string[] MaskNames =
        ["L", "R", "C", "LFE", "Ls", "Rs", "Lc", "Rc", "Cs", "Lsd", "Rsd", "Tc", "Tfl", "Tfc", "Tfr", "Tbl", "Tbc", "Tbr"];

    /// <summary>Names for <paramref name="channels"/> channels; <paramref name="channelMask"/> 0 means "the usual layout".</summary>
    public static string[] For(int channels, uint channelMask)
    {
        var names = new string[channels];
        int next = 0;
        for (int bit = 0; bit < MaskNames.Length && next < channels; bit++)
            if ((channelMask & (1u << bit)) != 0)
                names[next++] = MaskNames[bit];
        if (next == 0)
        {
            string[] usual = channels switch
            {
                1 => ["M"],
                2 => ["L", "R"],
                6 => ["L", "R", "C", "LFE", "Ls", "Rs"],
                5 => ["L", "R", "C", "Ls", "Rs"],
                _ => [],
            };
            for (; next < usual.Length; next++) names[next] = usual[next];
        }
        for (; next < channels; next++) names[next] = $"ch{next + 1}";
        return names;
    }
}
