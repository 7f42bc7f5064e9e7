using MixConsole.Engine.Metering;

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

        ReadOnlySpan<float> soloTap = soloAfterFader ? post : pre;
        if (!r.SoloLeft.IsSilent) r.SoloLeft.MultiplyAdd(soloTap, soloL);
        if (!r.SoloRight.IsSilent) r.SoloRight.MultiplyAdd(soloTap, soloR);
    }
}
