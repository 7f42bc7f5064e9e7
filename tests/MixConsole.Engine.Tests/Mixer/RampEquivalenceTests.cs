using MixConsole.Dsp.Smoothing;
using MixConsole.Engine.Mixer;

namespace MixConsole.Engine.Tests.Mixer;

/// <summary>
/// Dsp's <see cref="LinearRamp"/> takes the same float steps as the engine's GainRamp, moving and at rest, so the
/// engine can use the one ramp type without a bit of its output changing. Delete with GainRamp.
/// </summary>
public sealed class RampEquivalenceTests
{
    [Fact]
    public void LinearRamp_ScaleAndMultiplyAdd_AreGainRampBitForBit()
    {
        var random = new Random(15);
        var source = new float[300];
        for (int i = 0; i < source.Length; i++) source[i] = (float)(random.NextDouble() * 2 - 1);
        var engine = default(GainRamp);
        var dsp = default(LinearRamp);
        var a = new float[300];
        var b = new float[300];
        var c = new float[300];
        var d = new float[300];
        foreach (var (target, samples, block) in new[] { (1f, 480, 300), (0.25f, 37, 7), (0f, 100, 64), (0.7f, 1, 33), (0.7f, 90, 300), (-1f, 200, 17) })
        {
            engine.SetTarget(target, samples);
            dsp.SetTarget(target, samples);
            for (int start = 0; start + block <= source.Length; start += block)
            {
                var s = source.AsSpan(start, block);
                engine.Scale(s, a.AsSpan(start, block));
                dsp.Scale(s, b.AsSpan(start, block));
                engine.MultiplyAdd(s, c.AsSpan(start, block));
                dsp.MultiplyAdd(s, d.AsSpan(start, block));
                Assert.Equal(engine.Current, dsp.Current);
            }
            for (int i = 0; i < a.Length; i++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(a[i]), BitConverter.SingleToInt32Bits(b[i]));
                Assert.Equal(BitConverter.SingleToInt32Bits(c[i]), BitConverter.SingleToInt32Bits(d[i]));
            }
        }
    }
}
