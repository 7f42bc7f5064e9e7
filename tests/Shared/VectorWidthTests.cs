using System.Numerics;

namespace MixConsole.Tests.Shared;

/// <summary>
/// Proves inside a run which vector width it ran at: ./test reruns the vectorised kernels with
/// MIXCONSOLE_EXPECT_VECTOR_FLOATS=4 (the Pi's 128-bit NEON), and a run that silently kept the
/// host's wider vectors would otherwise pass without testing the Pi's path at all.
/// </summary>
public sealed class VectorWidthTests
{
    [Fact]
    public void VectorWidth_IsTheWidthThisRunAskedFor()
    {
        string? expected = Environment.GetEnvironmentVariable("MIXCONSOLE_EXPECT_VECTOR_FLOATS");
        Assert.True(Vector.IsHardwareAccelerated, "Vector<T> is not hardware accelerated: the vectorised kernels would run their software fallback");
        if (expected is null) return;
        Assert.Equal(int.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Vector<float>.Count);
    }
}
