using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Tests.LiveMastering;

/// <summary>The timeline both bypass tests play: bypassed at 0.3 s, back at 0.9 s, 1.5 s in all, in 32-frame blocks at 48 kHz.</summary>
internal static class BypassScenario
{
    public const int Rate = 48_000;
    public const int Block = 32;
    public const int BypassAt = 14_400;     // 0.3 s, a block start
    public const int UnBypassAt = 43_200;   // 0.9 s
    public const int Length = 72_000;

    public static ParameterStore NewStore() => new(ParameterTable.Create(ConsoleConfig.Default));

    /// <summary>Stereo white noise at 0.25 peak, the same for the same seed.</summary>
    public static float[][] Noise(int seed)
    {
        var random = new Random(seed);
        float[][] x = [new float[Length], new float[Length]];
        for (int i = 0; i < Length; i++)
        {
            x[0][i] = (float)(0.25 * (2 * random.NextDouble() - 1));
            x[1][i] = (float)(0.25 * (2 * random.NextDouble() - 1));
        }
        return x;
    }
}
