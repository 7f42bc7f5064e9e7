using MixConsole.Dsp.Core;
using MixConsole.Engine.Metering;
using System.Runtime.CompilerServices;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// One strip's fader, pan into main, mono and solo over a chunk: the pass every channel, aux input and effect
/// return runs (one fused pass at rest, ramps sample by sample while moving). Solo taps after fader and pan (AFL)
/// or before the fader (PFL).
/// </summary>
internal static class StripMixPass
{
    public static void Run(ref MixRamps r, ReadOnlySpan<float> pre, Span<float> post, Span<float> mainL, Span<float> mainR, Span<float> mono,
        Span<float> soloL, Span<float> soloR, bool soloAfterFader, ref LevelAccumulator preLevel, ref LevelAccumulator postLevel)
    {
        if (r.MixAtRest)
        {
            PlanarMath.FaderPanMono(pre, post, r.Fader.Target, r.PanLeft.Target, r.PanRight.Target, r.Mono.Target,
                mainL, mainR, mono, ref preLevel, ref postLevel);
        }
        else
        {
            preLevel.Add(pre);
            r.Fader.Scale(pre, post);
            postLevel.Add(post);
            r.PanLeft.MultiplyAdd(post, mainL);
            r.PanRight.MultiplyAdd(post, mainR);
            r.Mono.MultiplyAdd(post, mono);
        }

        Solo(ref r, pre, post, soloL, soloR, soloAfterFader);
    }

    /// <summary>
    /// <see cref="Run"/> for strips 0..<paramref name="count"/> of <paramref name="strips"/>, planar in
    /// <paramref name="pre"/> and <paramref name="post"/>: two neighbours at rest share one pass into main and mono
    /// (<see cref="PlanarMath.FaderPanMonoPair"/>), which saves a load and store of the sums per pair and half the
    /// per-call set-up; the samples are those of one <see cref="Run"/> per strip in order.
    /// </summary>
    public static void RunAll(ChannelRamps[] strips, int count, AudioBuffer pre, AudioBuffer post, int n, Span<float> mainL, Span<float> mainR,
        Span<float> mono, Span<float> soloL, Span<float> soloR, bool soloAfterFader, LevelAccumulator[] preLevels, LevelAccumulator[] postLevels)
    {
        for (int c = 0; c < count;)
        {
            ref MixRamps a = ref strips[c].Mix;
            if (c + 1 < count && a.MixAtRest && strips[c + 1].Mix.MixAtRest)
            {
                ref MixRamps b = ref strips[c + 1].Mix;
                ReadOnlySpan<float> preA = pre.Channel(c, n), preB = pre.Channel(c + 1, n);
                Span<float> postA = post.Channel(c, n), postB = post.Channel(c + 1, n);
                PlanarMath.FaderPanMonoPair(preA, postA, a, ref preLevels[c], ref postLevels[c], preB, postB, b, ref preLevels[c + 1],
                    ref postLevels[c + 1], mainL, mainR, mono);
                Solo(ref a, preA, postA, soloL, soloR, soloAfterFader);
                Solo(ref b, preB, postB, soloL, soloR, soloAfterFader);
                c += 2;
            }
            else
            {
                Run(ref a, pre.Channel(c, n), post.Channel(c, n), mainL, mainR, mono, soloL, soloR, soloAfterFader, ref preLevels[c], ref postLevels[c]);
                c++;
            }
        }
    }

    // Inlined: most strips are not soloed, and a call per strip to learn that costs more than the check.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Solo(ref MixRamps r, ReadOnlySpan<float> pre, ReadOnlySpan<float> post, Span<float> soloL, Span<float> soloR,
        bool soloAfterFader)
    {
        ReadOnlySpan<float> soloTap = soloAfterFader ? post : pre;
        if (!r.SoloLeft.IsSilent) r.SoloLeft.MultiplyAdd(soloTap, soloL);
        if (!r.SoloRight.IsSilent) r.SoloRight.MultiplyAdd(soloTap, soloR);
    }
}
