using System.Text.Json;

namespace MixConsole.Host.Tests.Mastering;

/// <summary>Judges a master a command wrote, and what the command's JSON says about it, by the references.</summary>
internal static class WrittenMaster
{
    /// <summary>
    /// Reads the file <paramref name="master"/> names as "output" with the tests' own reader; asserts that the JSON's
    /// "after" loudness and true peak are the file's, and that libebur128 and the 48x true-peak meter find the file on
    /// <paramref name="targetLufs"/> and under <paramref name="ceilingDbtp"/>.
    /// </summary>
    public static (ReferenceWav.Audio Audio, ReferenceLevels.Levels Levels) Check(JsonElement master, double targetLufs, double ceilingDbtp)
    {
        string path = master.GetProperty("output").GetString()!;
        var written = ReferenceWav.Read(path);
        var levels = ReferenceLevels.Of(written.Channels, written.SampleRateHz);
        string name = Path.GetFileName(path);
        var after = master.GetProperty("after");
        ReferenceLevels.AssertReported(after.GetProperty("integrated_lufs").GetDouble(), after.GetProperty("true_peak_dbtp").GetDouble(), levels, $"{name}: the JSON");
        ReferenceLevels.AssertOnTargetUnderCeiling(levels, targetLufs, ceilingDbtp, name);
        return (written, levels);
    }
}
