using System.Reflection;
using System.Runtime.CompilerServices;

namespace MixConsole.Host.Tests;

/// <summary>A newcomer finds a type by its name: no two top-level types in the product, public or internal, share one.</summary>
public sealed class TypeNameTests
{
    // Every product assembly the host loads: Dsp, Engine, Audio, Control, Mastering and the host itself.
    private static readonly Assembly[] Product =
    [
        typeof(MixConsole.Dsp.Core.AudioBuffer).Assembly,
        typeof(MixConsole.Engine.Mixer.MixerEngine).Assembly,
        typeof(MixConsole.Audio.Backends.IAudioBackend).Assembly,
        typeof(MixConsole.Control.Osc.OscMessage).Assembly,
        typeof(MixConsole.Mastering.Pipeline.MasteringSession).Assembly,
        typeof(MixConsole.Host.Serve.ServeSession).Assembly,
    ];

    // Names still shared while their merge lands; the test fails once a name here is no longer shared, so the list cannot go stale.
    private static readonly string[] PendingMerges = [];

    [Fact]
    public void ProductTypes_EachSimpleNameNamesOneType()
    {
        Assert.Equal(6, Product.Distinct().Count());
        var shared = Product
            .SelectMany(a => a.GetTypes())
            .Where(t => !t.IsNested && t.Namespace?.StartsWith("MixConsole", StringComparison.Ordinal) == true && !t.IsDefined(typeof(CompilerGeneratedAttribute)))
            .GroupBy(SimpleName)
            .Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(t => t.FullName)));

        var unexpected = shared.Keys.Except(PendingMerges).Select(k => $"{k}: {shared[k]}").ToList();
        Assert.True(unexpected.Count == 0, "types sharing a name: " + string.Join("; ", unexpected));
        var merged = PendingMerges.Except(shared.Keys).ToList();
        Assert.True(merged.Count == 0, "no longer shared, take off the pending list: " + string.Join(", ", merged));
    }

    private static string SimpleName(Type t)
    {
        int tick = t.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? t.Name : t.Name[..tick];
    }
}
